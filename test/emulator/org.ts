/**
 * The emulated org's data: records per sObject, unique/external-id indexes, a recycle bin, an
 * injectable clock for audit fields, and an undo journal so `allOrNone` calls can roll back.
 */
import { checksum, IdAllocator } from './ids';
import { Rollups } from './rollups';
import {
  detailsOf,
  fieldOf,
  fieldsFor,
  objectOf,
  type FieldDef,
  type ObjectDef,
  type SchemaMap,
} from './schema/types';
import { coerceSystemValue } from './values';

export type SfValue = string | number | boolean | null;
export type StoredRecord = Record<string, SfValue>;

/** Salesforce's datetime wire format: `2026-01-02T03:04:05.000+0000`. */
export function toSfDateTime(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

interface JournalEntry {
  obj: string;
  id: string;
  before: StoredRecord | undefined;
  deletedAt: Date | undefined;
}

export class EmulatorOrg {
  readonly orgId: string;
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  /** `object\0field\0value` → id, over live records' unique and external-id fields. */
  private readonly uniqueIdx = new Map<string, string>();
  private readonly deletedAt = new Map<string, Date>();
  private readonly ids = new IdAllocator();
  private journal: JournalEntry[] | undefined;
  /** User id that owns and audits records written without an explicit owner. */
  defaultUserId = '';
  /** Moves on every record write, so derived views (roll-ups) know when to recompute. */
  writeCount = 0;
  private readonly rollups = new Rollups(this);

  constructor(
    readonly schema: SchemaMap,
    readonly now: () => Date,
  ) {
    this.orgId = this.ids.allocate('00D');
  }

  object(name: string): ObjectDef {
    const obj = objectOf(this.schema, name);
    if (!obj) throw new Error(`Unknown sObject ${name}`);
    return obj;
  }

  newId(obj: ObjectDef): string {
    return this.ids.allocate(obj.keyPrefix);
  }

  private table(obj: ObjectDef): Map<string, StoredRecord> {
    const key = obj.name.toLowerCase();
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = new Map()));
    return t;
  }

  private uniqueKey(obj: ObjectDef, field: string, value: SfValue): string | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    const f = fieldOf(obj, field);
    const v = f?.caseSensitive ? String(value) : String(value).toLowerCase();
    return `${obj.name.toLowerCase()}\u0000${field.toLowerCase()}\u0000${v}`;
  }

  /** Writes (or removes) one record and keeps the indexes in step; every mutation goes through here. */
  private put(obj: ObjectDef, id: string, next: StoredRecord | undefined, deletedAt?: Date): void {
    const t = this.table(obj);
    const prev = t.get(id);
    this.writeCount++;
    this.journal?.push({
      obj: obj.name,
      id,
      before: prev && { ...prev },
      deletedAt: this.deletedAt.get(id),
    });
    const idx = this.uniqueIdx;
    for (const f of fieldsFor(obj).unique) {
      const oldKey =
        prev && !prev.IsDeleted ? this.uniqueKey(obj, f.name, prev[f.name]) : undefined;
      const newKey =
        next && !next.IsDeleted ? this.uniqueKey(obj, f.name, next[f.name]) : undefined;
      if (oldKey === newKey) continue;
      if (oldKey && idx.get(oldKey) === id) idx.delete(oldKey);
      if (newKey) idx.set(newKey, id);
    }
    if (next) t.set(id, next);
    else t.delete(id);
    if (deletedAt) this.deletedAt.set(id, deletedAt);
    else if (!next?.IsDeleted) this.deletedAt.delete(id);
  }

  /** Id of the live record whose unique/external-id field equals value, if any. */
  findIdBy(sobject: string, field: string, value: SfValue): string | undefined {
    const obj = this.object(sobject);
    const f = fieldOf(obj, field);
    if (!f) return undefined;
    if (f.type === 'id')
      return value === null
        ? undefined
        : (this.get(obj.name, String(value))?.Id as string | undefined);
    const key = this.uniqueKey(obj, f.name, value);
    return key ? this.uniqueIdx.get(key) : undefined;
  }

  /** Creates a record from already-validated canonical values; stamps audit fields. */
  create(obj: ObjectDef, values: StoredRecord, id = this.newId(obj)): StoredRecord {
    const stamp = toSfDateTime(this.now());
    const rec: StoredRecord = Object.assign({}, fieldsFor(obj).template, values, {
      Id: id,
      IsDeleted: false,
      CreatedDate: values.CreatedDate ?? stamp,
      CreatedById: values.CreatedById ?? this.defaultUserId,
      LastModifiedDate: stamp,
      LastModifiedById: this.defaultUserId,
      SystemModstamp: stamp,
    });
    if (fieldOf(obj, 'OwnerId') && !rec.OwnerId) rec.OwnerId = this.defaultUserId;
    // A custom record saved without a Name is named after its Id, as Salesforce does.
    if (obj.custom && (rec.Name === null || rec.Name === '')) rec.Name = id;
    deriveFields(obj, rec, values);
    this.put(obj, id, rec);
    return rec;
  }

  /** Applies validated changes to a live record; stamps LastModifiedDate and SystemModstamp. */
  modify(obj: ObjectDef, id: string, changes: StoredRecord): StoredRecord {
    const prev = this.table(obj).get(id);
    if (!prev || prev.IsDeleted) throw new Error(`No live ${obj.name} ${id}`);
    const stamp = toSfDateTime(this.now());
    const rec = {
      ...prev,
      ...changes,
      LastModifiedDate: stamp,
      LastModifiedById: this.defaultUserId,
      SystemModstamp: stamp,
    };
    deriveFields(obj, rec, changes);
    this.put(obj, id, rec);
    return rec;
  }

  /** Moves a record to the recycle bin: IsDeleted = true, still visible to queryAll and getDeleted. */
  remove(obj: ObjectDef, id: string): void {
    const prev = this.table(obj).get(id);
    if (!prev || prev.IsDeleted) throw new Error(`No live ${obj.name} ${id}`);
    const now = this.now();
    const stamp = toSfDateTime(now);
    this.put(
      obj,
      id,
      { ...prev, IsDeleted: true, LastModifiedDate: stamp, SystemModstamp: stamp },
      now,
    );
    // Master-detail: deleting the master deletes its details (and theirs) with it.
    for (const d of detailsOf(this.schema, obj)) {
      for (const child of [...this.table(d.obj).values()]) {
        if (!child.IsDeleted && child[d.field] === id) this.remove(d.obj, child.Id as string);
      }
    }
  }

  /** A field's value as the API reads it: roll-ups computed, formulas null (not evaluated). */
  read(rec: StoredRecord, f: FieldDef): SfValue {
    if (f.summary) return this.rollups.value(rec.Id as string, f);
    return f.calculated ? null : (rec[f.name] ?? null);
  }

  // ── test helpers: system writes that skip API validation but keep types and audit fields ──

  insert(sobject: string, records: Array<Record<string, unknown>>): StoredRecord[] {
    const obj = this.object(sobject);
    return records.map((r) => {
      const { Id, ...rest } = r;
      return this.create(obj, coerceAll(obj, rest), typeof Id === 'string' ? Id : undefined);
    });
  }

  update(
    sobject: string,
    records: Array<Record<string, unknown> & { Id: string }>,
  ): StoredRecord[] {
    const obj = this.object(sobject);
    return records.map(({ Id, ...rest }) =>
      this.modify(obj, this.resolveId(Id), coerceAll(obj, rest)),
    );
  }

  delete(sobject: string, ids: string[]): void {
    const obj = this.object(sobject);
    for (const id of ids) this.remove(obj, this.resolveId(id));
  }

  /** Live records, or every record including the recycle bin. */
  all(sobject: string, options: { includeDeleted?: boolean } = {}): StoredRecord[] {
    const rows = [...this.table(this.object(sobject)).values()];
    return options.includeDeleted ? rows : rows.filter((r) => !r.IsDeleted);
  }

  get(
    sobject: string,
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): StoredRecord | undefined {
    const rec = this.table(this.object(sobject)).get(this.resolveId(id));
    return rec && (options.includeDeleted || !rec.IsDeleted) ? rec : undefined;
  }

  /** Live records as the API reads them, roll-up summaries filled in (a test helper). */
  views(sobject: string): StoredRecord[] {
    const obj = this.object(sobject);
    const summaries = [...obj.fields.values()].filter((f) => f.summary);
    return this.all(sobject).map((r) => {
      const out = { ...r };
      for (const f of summaries) out[f.name] = this.read(r, f);
      return out;
    });
  }

  view(sobject: string, id: string): StoredRecord | undefined {
    const rec = this.get(sobject, id);
    return rec && this.views(sobject).find((r) => r.Id === rec.Id);
  }

  /** Which object a record id belongs to, by its key prefix. */
  objectForId(id: string): ObjectDef | undefined {
    const prefix = id.slice(0, 3);
    for (const o of this.schema.values()) if (o.keyPrefix === prefix) return o;
    return undefined;
  }

  /** 15-character ids name the same record as their 18-character form. */
  resolveId(id: string): string {
    return id.length === 15 ? id + checksum(id) : id;
  }

  deletedBetween(
    sobject: string,
    start: Date,
    end: Date,
  ): Array<{ id: string; deletedDate: Date }> {
    const out: Array<{ id: string; deletedDate: Date }> = [];
    for (const r of this.table(this.object(sobject)).values()) {
      const at = r.IsDeleted ? this.deletedAt.get(r.Id as string) : undefined;
      if (at && at >= start && at <= end) out.push({ id: r.Id as string, deletedDate: at });
    }
    return out;
  }

  /** Runs fn with an undo journal; rollback() restores every record fn touched. */
  transaction<T>(fn: (rollback: () => void) => T): T {
    const outer = this.journal;
    const journal: JournalEntry[] = [];
    this.journal = journal;
    const rollback = (): void => {
      this.journal = undefined;
      for (const e of journal.reverse()) this.put(this.object(e.obj), e.id, e.before, e.deletedAt);
      journal.length = 0;
      this.journal = journal;
    };
    try {
      return fn(rollback);
    } finally {
      this.journal = outer;
      if (outer) outer.push(...journal);
    }
  }
}

function coerceAll(obj: ObjectDef, values: Record<string, unknown>): StoredRecord {
  const out: StoredRecord = {};
  for (const [k, v] of Object.entries(values)) {
    const f = fieldOf(obj, k);
    if (!f) throw new Error(`No such column '${k}' on sobject of type ${obj.name}`);
    out[f.name] = coerceSystemValue(f, v);
  }
  return out;
}

/** Fields Salesforce derives on save: Opportunity IsClosed/IsWon follow the stage. */
function deriveFields(obj: ObjectDef, rec: StoredRecord, input: StoredRecord): void {
  if (obj.name === 'Opportunity' && 'StageName' in input && !('IsClosed' in input)) {
    const stage = String(rec.StageName ?? '');
    rec.IsClosed = stage.startsWith('Closed');
    rec.IsWon = stage === 'Closed Won';
  }
  if (obj.name === 'User' && ('FirstName' in input || 'LastName' in input) && !('Name' in input)) {
    rec.Name = [rec.FirstName, rec.LastName].filter(Boolean).join(' ');
  }
}
