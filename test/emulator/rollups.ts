/**
 * Roll-up summary fields, computed on read from the detail records (Salesforce Help, "Roll-Up
 * Summary Field": COUNT, SUM, MIN or MAX of the details of a master-detail relationship, with
 * optional filter criteria; records in the recycle bin do not count). Salesforce stores the
 * result on the master; computing it on read gives the same answers without a second write path.
 */
import type { EmulatorOrg, SfValue, StoredRecord } from './org';
import { fieldOf, type FieldDef, type SummaryFilter } from './schema/types';

/** Whether a detail's value meets one filter item; `equals` takes a comma-separated list. */
function meets(f: FieldDef | undefined, value: SfValue, item: SummaryFilter): boolean {
  const wanted = item.value.split(',').map((v) => v.trim().toLowerCase());
  const have =
    value === null || value === undefined
      ? ''
      : f?.type === 'boolean'
        ? String(Boolean(value))
        : String(value).toLowerCase();
  const hit =
    f && ['double', 'int', 'currency', 'percent'].includes(f.type)
      ? wanted.some((w) => w !== '' && Number(w) === Number(value))
      : wanted.includes(have);
  if (item.operation === 'equals') return hit;
  if (item.operation === 'notEqual') return !hit;
  return true; // other operations are reported as not emulated when the schema loads
}

export class Rollups {
  /** `childObject\0foreignKey` → master id → live detail records; rebuilt after any write. */
  private index = new Map<string, Map<string, StoredRecord[]>>();
  private builtAt = -1;

  constructor(private readonly org: EmulatorOrg) {}

  private details(childObject: string, foreignKey: string, masterId: string): StoredRecord[] {
    if (this.builtAt !== this.org.writeCount) {
      this.index.clear();
      this.builtAt = this.org.writeCount;
    }
    const key = `${childObject.toLowerCase()}\u0000${foreignKey.toLowerCase()}`;
    let byMaster = this.index.get(key);
    if (!byMaster) {
      byMaster = new Map();
      const fk = fieldOf(this.org.object(childObject), foreignKey)!.name;
      for (const r of this.org.all(childObject)) {
        const id = r[fk];
        if (typeof id !== 'string') continue;
        const list = byMaster.get(id);
        if (list) list.push(r);
        else byMaster.set(id, [r]);
      }
      this.index.set(key, byMaster);
    }
    return byMaster.get(masterId) ?? [];
  }

  value(masterId: string, f: FieldDef): SfValue {
    const s = f.summary!;
    const child = this.org.object(s.childObject);
    const filters = s.filters.map((item) => ({ item, def: fieldOf(child, item.field) }));
    const rows = this.details(s.childObject, s.foreignKey, masterId).filter((r) =>
      filters.every(({ item, def }) => meets(def, r[def?.name ?? item.field] ?? null, item)),
    );
    if (s.operation === 'count') return rows.length;
    const src = fieldOf(child, s.summarizedField!)!.name;
    const values = rows.map((r) => r[src]).filter((v) => v !== null && v !== undefined);
    if (s.operation === 'sum') return values.reduce<number>((sum, v) => sum + Number(v), 0);
    if (!values.length) return null;
    // Numbers compare as numbers; dates and datetimes share one fixed format, so as text.
    const less = (a: SfValue, b: SfValue) =>
      typeof a === 'number' ? a < Number(b) : String(a) < String(b);
    return values.reduce((best, v) =>
      (s.operation === 'min' ? less(v, best) : less(best, v)) ? v : best,
    );
  }
}
