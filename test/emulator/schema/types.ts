/**
 * Schema the emulator enforces: one ObjectDef per sObject, fields keyed by lower-cased name because
 * Salesforce field and object names are case-insensitive everywhere in the API.
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'email'
  | 'boolean'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'reference'
  | 'textarea'
  | 'url';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Text length (string, email, url, textarea). */
  length?: number;
  precision?: number;
  scale?: number;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  /** Name used to traverse to the parent: `Owner`, `Account`, `Partner__r`. */
  relationshipName?: string;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  /** Formula fields are read-only; the emulator stores no value for them (they query as null). */
  calculated: boolean;
  formula?: string;
  custom: boolean;
  /** Master-detail reference: required, its master's delete cascades, reparentable when updateable. */
  masterDetail?: boolean;
  /** Roll-up summary over the detail records of a master-detail relationship, computed on read. */
  summary?: SummaryDef;
}

export interface SummaryFilter {
  field: string;
  operation: string;
  value: string;
}

export interface SummaryDef {
  operation: 'count' | 'sum' | 'min' | 'max';
  /** the detail object and its master-detail field (`summaryForeignKey` Obj.Field) */
  childObject: string;
  foreignKey: string;
  /** the detail field aggregated (absent for count) */
  summarizedField?: string;
  filters: SummaryFilter[];
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: Map<string, FieldDef>;
}

export type SchemaMap = Map<string, ObjectDef>;

export function fieldOf(obj: ObjectDef, name: string): FieldDef | undefined {
  return obj.fields.get(name.toLowerCase());
}

/** Finds the reference field whose parent relationship is `rel` (`Owner` → OwnerId, `Partner__r` → Partner__c). */
export function relationshipField(obj: ObjectDef, rel: string): FieldDef | undefined {
  const wanted = rel.toLowerCase();
  for (const f of obj.fields.values()) {
    if (f.type === 'reference' && f.relationshipName?.toLowerCase() === wanted) return f;
  }
  return undefined;
}

export function objectOf(schema: SchemaMap, name: string): ObjectDef | undefined {
  return schema.get(name.toLowerCase());
}

export function addField(
  obj: ObjectDef,
  field: Partial<FieldDef> & Pick<FieldDef, 'name' | 'type'>,
): void {
  obj.fields.set(field.name.toLowerCase(), {
    label: field.name,
    externalId: false,
    unique: false,
    caseSensitive: false,
    createable: true,
    updateable: true,
    nillable: true,
    calculated: false,
    custom: field.name.endsWith('__c'),
    ...field,
  });
}

const derived = new WeakMap<
  ObjectDef,
  { unique: FieldDef[]; required: FieldDef[]; template: Record<string, boolean | null> }
>();

/** Per-object field lists the write path needs on every record, computed once per schema object. */
export function fieldsFor(obj: ObjectDef): {
  unique: FieldDef[];
  required: FieldDef[];
  template: Record<string, boolean | null>;
} {
  let d = derived.get(obj);
  if (!d) {
    const all = [...obj.fields.values()];
    const template: Record<string, boolean | null> = {};
    for (const f of all) template[f.name] = f.type === 'boolean' && !f.calculated ? false : null;
    d = {
      unique: all.filter((f) => f.unique || f.externalId),
      required: all.filter(
        (f) => f.createable && !f.nillable && f.type !== 'boolean' && f.name !== 'OwnerId',
      ),
      template,
    };
    derived.set(obj, d);
  }
  return d;
}

const details = new WeakMap<SchemaMap, Map<string, Array<{ obj: ObjectDef; field: string }>>>();

/** The objects whose master-detail field points at obj, with that field's name (cached per schema). */
export function detailsOf(
  schema: SchemaMap,
  obj: ObjectDef,
): Array<{ obj: ObjectDef; field: string }> {
  let bySchema = details.get(schema);
  if (!bySchema) details.set(schema, (bySchema = new Map()));
  const key = obj.name.toLowerCase();
  let out = bySchema.get(key);
  if (!out) {
    out = [];
    for (const o of schema.values())
      for (const f of o.fields.values())
        if (f.masterDetail && f.referenceTo?.[0]?.toLowerCase() === key)
          out.push({ obj: o, field: f.name });
    bySchema.set(key, out);
  }
  return out;
}
