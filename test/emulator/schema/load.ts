/**
 * Builds the emulator's schema from the source-format metadata in force-app (Metadata API
 * "CustomObject" and "CustomField" pages): `objects/<Obj>/<Obj>.object-meta.xml` plus
 * `objects/<Obj>/fields/*.field-meta.xml`, on top of the built-in standard objects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  addField,
  fieldOf,
  objectOf,
  type FieldDef,
  type ObjectDef,
  type SchemaMap,
  type SummaryDef,
} from './types';
import { addOwner, addSystemFields, newObject, standardObjects } from './standard';

export const DEFAULT_FORCE_APP = path.resolve(__dirname, '../../../force-app/main/default');

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'value' || name === 'referenceTo' || name === 'summaryFilterItems',
});

type Xml = Record<string, unknown>;

function text(node: Xml, key: string): string | undefined {
  const v = node[key];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

const flag = (node: Xml, key: string): boolean => text(node, key) === 'true';
const num = (node: Xml, key: string): number | undefined => {
  const v = text(node, key);
  return v === undefined ? undefined : Number(v);
};

/** Stable three-character key prefix for a custom object, derived from its name (a00..azz). */
export function customKeyPrefix(name: string, taken: Set<string>): string {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  for (let i = 0; ; i++) {
    const prefix = `a${((h + i) % 1296).toString(36).padStart(2, '0').toUpperCase()}`;
    if (!taken.has(prefix)) return prefix;
  }
}

/** Maps one CustomField document to a FieldDef; unknown types become read-only text and are reported. */
export function parseField(
  xml: string,
  file: string,
  warnings: string[],
): Partial<FieldDef> & Pick<FieldDef, 'name' | 'type'> {
  const doc = parser.parse(xml) as { CustomField?: Xml };
  const f = doc.CustomField;
  const name = f && text(f, 'fullName');
  if (!f || !name) throw new Error(`${file}: not a CustomField document with a fullName`);
  const xmlType = text(f, 'type') ?? 'Text';
  const formula = text(f, 'formula');
  const base = {
    name,
    label: text(f, 'label') ?? name,
    externalId: flag(f, 'externalId'),
    unique: flag(f, 'unique'),
    caseSensitive: flag(f, 'caseSensitive'),
    nillable: !flag(f, 'required'),
    calculated: formula !== undefined,
    formula,
    custom: true,
    ...(formula !== undefined ? { createable: false, updateable: false } : {}),
  };
  const numeric = { precision: num(f, 'precision') ?? 18, scale: num(f, 'scale') ?? 0 };
  switch (xmlType) {
    case 'Text':
      return { ...base, type: 'string', length: num(f, 'length') ?? 255 };
    case 'Email':
      return { ...base, type: 'email', length: 80 };
    case 'Phone':
      return { ...base, type: 'string', length: 40 };
    case 'Url':
      return { ...base, type: 'url', length: 255 };
    case 'TextArea':
      return { ...base, type: 'textarea', length: 255 };
    case 'LongTextArea':
    case 'Html':
      return { ...base, type: 'textarea', length: num(f, 'length') ?? 32768 };
    case 'Checkbox':
      return { ...base, type: 'boolean', nillable: false };
    case 'Number':
      return { ...base, type: 'double', ...numeric };
    case 'Currency':
      return { ...base, type: 'currency', ...numeric };
    case 'Percent':
      return { ...base, type: 'percent', ...numeric };
    case 'Date':
      return { ...base, type: 'date' };
    case 'DateTime':
      return { ...base, type: 'datetime' };
    case 'Picklist': {
      const vs = (f.valueSet as Xml | undefined)?.valueSetDefinition as Xml | undefined;
      const values = ((vs?.value as Xml[] | undefined) ?? []).map((v) => String(v.fullName));
      const restricted = flag((f.valueSet as Xml | undefined) ?? {}, 'restricted');
      return { ...base, type: 'picklist', picklistValues: values, restrictedPicklist: restricted };
    }
    case 'Lookup':
    case 'MasterDetail': {
      // Salesforce Help, "Master-Detail Relationship": the detail needs its master (required on
      // create), cannot change it unless reparenting is allowed, and is deleted with it.
      const master = xmlType === 'MasterDetail';
      return {
        ...base,
        type: 'reference',
        referenceTo: (f.referenceTo as string[] | undefined)?.map(String) ?? [],
        // The parent relationship of a custom lookup is the field name with __r; the XML's
        // relationshipName is the child relationship seen from the parent.
        relationshipName: name.replace(/__c$/i, '__r'),
        nillable: !master && base.nillable,
        ...(master ? { masterDetail: true, updateable: flag(f, 'reparentableMasterDetail') } : {}),
      };
    }
    case 'Summary': {
      const summary = parseSummary(f, file);
      // The value type follows the summarized field; resolved once every object is loaded.
      return {
        ...base,
        type: 'double',
        precision: 18,
        scale: 0,
        createable: false,
        updateable: false,
        calculated: true,
        summary,
      };
    }
    default:
      warnings.push(`${file}: field type ${xmlType} is not emulated; treated as read-only text`);
      return { ...base, type: 'string', length: 255, createable: false, updateable: false };
  }
}

/** Salesforce Help, "Roll-Up Summary Field": COUNT, SUM, MIN or MAX of a master's details. */
function parseSummary(f: Xml, file: string): SummaryDef {
  const op = text(f, 'summaryOperation');
  const [childObject, foreignKey] = (text(f, 'summaryForeignKey') ?? '').split('.');
  if ((op !== 'count' && op !== 'sum' && op !== 'min' && op !== 'max') || !foreignKey)
    throw new Error(`${file}: a Summary field needs summaryOperation and summaryForeignKey`);
  const summarized = text(f, 'summarizedField')?.split('.');
  if (op !== 'count' && summarized?.[0] !== childObject)
    throw new Error(`${file}: ${op} needs a summarizedField on ${childObject}`);
  const items = (f.summaryFilterItems as Xml[] | undefined) ?? [];
  return {
    operation: op,
    childObject,
    foreignKey,
    summarizedField: summarized?.[1],
    filters: items.map((i) => ({
      field: (text(i, 'field') ?? '').split('.').pop() ?? '',
      operation: text(i, 'operation') ?? '',
      value: text(i, 'value') ?? '',
    })),
  };
}

/** Checks each roll-up against the loaded detail object and gives it the summarized field's type. */
function resolveSummaries(schema: SchemaMap, warnings: string[]): void {
  for (const obj of schema.values()) {
    for (const f of obj.fields.values()) {
      if (!f.summary) continue;
      const where = `${obj.name}.${f.name}`;
      const child = objectOf(schema, f.summary.childObject);
      const fk = child && fieldOf(child, f.summary.foreignKey);
      if (
        !child ||
        !fk?.masterDetail ||
        fk.referenceTo?.[0]?.toLowerCase() !== obj.name.toLowerCase()
      )
        throw new Error(`${where}: summaryForeignKey must be a master-detail to ${obj.name}`);
      for (const flt of f.summary.filters) {
        if (!fieldOf(child, flt.field)) throw new Error(`${where}: no filter field ${flt.field}`);
        if (flt.operation !== 'equals' && flt.operation !== 'notEqual')
          warnings.push(`${where}: filter operation ${flt.operation} is not emulated`);
      }
      if (f.summary.operation === 'count') continue;
      const src = fieldOf(child, f.summary.summarizedField ?? '');
      if (!src) throw new Error(`${where}: no summarized field ${f.summary.summarizedField}`);
      const numeric = ['double', 'int', 'currency', 'percent'].includes(src.type);
      const ordered = numeric || src.type === 'date' || src.type === 'datetime';
      if (f.summary.operation === 'sum' ? !numeric : !ordered)
        throw new Error(`${where}: cannot ${f.summary.operation} a ${src.type} field`);
      Object.assign(f, { type: src.type, precision: src.precision, scale: src.scale });
    }
  }
}

function parseObject(xml: string, dirName: string, taken: Set<string>): ObjectDef {
  const doc = parser.parse(xml) as { CustomObject?: Xml };
  const o = doc.CustomObject ?? {};
  const label = text(o, 'label') ?? dirName;
  const obj = newObject(dirName, customKeyPrefix(dirName, taken), label, dirName.endsWith('__c'));
  obj.labelPlural = text(o, 'pluralLabel') ?? `${label}s`;
  taken.add(obj.keyPrefix);
  addSystemFields(obj);
  if (text(o, 'sharingModel') !== 'ControlledByParent') addOwner(obj);
  const nameField = (o.nameField as Xml | undefined) ?? {};
  const autoNumber = text(nameField, 'type') === 'AutoNumber';
  addField(obj, {
    name: 'Name',
    type: 'string',
    length: 80,
    label: text(nameField, 'label') ?? 'Name',
    custom: false,
    ...(autoNumber ? { createable: false, updateable: false } : {}),
  });
  return obj;
}

export interface LoadedSchema {
  schema: SchemaMap;
  warnings: string[];
}

export function loadSchema(
  options: { forceAppDir?: string; multiCurrency?: boolean } = {},
): LoadedSchema {
  const dir = options.forceAppDir ?? DEFAULT_FORCE_APP;
  const schema: SchemaMap = new Map();
  const warnings: string[] = [];
  for (const o of standardObjects({ multiCurrency: options.multiCurrency ?? true }))
    schema.set(o.name.toLowerCase(), o);
  const taken = new Set([...schema.values()].map((o) => o.keyPrefix));
  const objectsDir = path.join(dir, 'objects');
  if (!existsSync(objectsDir))
    return { schema, warnings: [`${objectsDir} not found; standard objects only`] };
  for (const entry of readdirSync(objectsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const objDir = path.join(objectsDir, entry.name);
    const metaFile = path.join(objDir, `${entry.name}.object-meta.xml`);
    let obj = schema.get(entry.name.toLowerCase());
    if (!obj) {
      const xml = existsSync(metaFile) ? readFileSync(metaFile, 'utf8') : '<CustomObject/>';
      obj = parseObject(xml, entry.name, taken);
      schema.set(obj.name.toLowerCase(), obj);
    }
    const fieldsDir = path.join(objDir, 'fields');
    if (!existsSync(fieldsDir)) continue;
    for (const file of readdirSync(fieldsDir)
      .filter((f) => f.endsWith('.field-meta.xml'))
      .sort()) {
      const full = path.join(fieldsDir, file);
      addField(obj, parseField(readFileSync(full, 'utf8'), full, warnings));
    }
  }
  resolveSummaries(schema, warnings);
  return { schema, warnings };
}
