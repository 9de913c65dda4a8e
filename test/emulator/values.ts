/**
 * Field values on the way in: JSON (REST) and CSV (Bulk API 2.0) coercion, then the save-time
 * checks Salesforce applies per record (length, restricted picklist, numeric range, e-mail).
 * Error codes and messages follow the REST API "Status Codes and Error Responses" page and the
 * messages Salesforce returns for these DML failures.
 */
import type { FieldDef } from './schema/types';
import type { SfValue } from './org';

export interface FieldError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type Coerced = { value: SfValue } | { parseError: string } | { recordError: FieldError };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isNumeric(f: FieldDef): boolean {
  return f.type === 'double' || f.type === 'int' || f.type === 'currency' || f.type === 'percent';
}

function sfDateTime(s: string): string | undefined {
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`;
  const normalized = withZone.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(normalized);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace('Z', '+0000');
}

/** Converts one string to the field's type; undefined when it does not parse. */
function fromString(f: FieldDef, s: string): SfValue | undefined {
  if (f.type === 'boolean') {
    const l = s.toLowerCase();
    return l === 'true' || l === '1' ? true : l === 'false' || l === '0' ? false : undefined;
  }
  if (isNumeric(f)) {
    const n = s.trim() === '' ? NaN : Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  if (f.type === 'date') return DATE.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined;
  if (f.type === 'datetime') return DATETIME.test(s) || DATE.test(s) ? sfDateTime(s) : undefined;
  return s;
}

const TYPE_NAMES: Record<string, string> = {
  double: 'double',
  int: 'int',
  currency: 'double',
  percent: 'double',
};

/** REST JSON: a value that cannot be deserialized fails the whole request (JSON_PARSER_ERROR). */
export function coerceJson(f: FieldDef, raw: unknown): Coerced {
  if (raw === null) return { value: null };
  if (typeof raw === 'object') {
    return {
      parseError: `Cannot deserialize instance of ${f.type} from START_OBJECT value for field ${f.name}`,
    };
  }
  if (f.type === 'boolean' && typeof raw === 'boolean') return { value: raw };
  if (isNumeric(f) && typeof raw === 'number') return { value: raw };
  const s = String(raw);
  const v = fromString(f, s);
  if (v === undefined) {
    const kind = TYPE_NAMES[f.type] ?? f.type;
    return {
      parseError: `Cannot deserialize instance of ${kind} from VALUE_STRING value ${s} or request may be missing a required field`,
    };
  }
  return { value: v };
}

/**
 * Bulk API 2.0 CSV: an empty cell leaves the field alone, `#N/A` sets it to null, and a value of
 * the wrong type fails only that row (INVALID_TYPE_ON_FIELD_IN_RECORD).
 */
export function coerceCsv(f: FieldDef, raw: string): Coerced | undefined {
  if (raw === '') return undefined;
  if (raw === '#N/A') return { value: null };
  const v = fromString(f, raw);
  if (v === undefined) {
    return {
      recordError: {
        statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
        message: `${f.label}: value not of required type: ${raw}`,
        fields: [f.name],
      },
    };
  }
  return { value: v };
}

/** Test-helper writes: accept Date objects and loose values, fail loudly on nonsense. */
export function coerceSystemValue(f: FieldDef, raw: unknown): SfValue {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date)
    return f.type === 'date'
      ? raw.toISOString().slice(0, 10)
      : raw.toISOString().replace('Z', '+0000');
  const c = coerceJson(f, raw);
  if ('value' in c) return c.value;
  throw new Error(`${f.name}: ${'parseError' in c ? c.parseError : c.recordError.message}`);
}

/** Save-time checks on a coerced value; returns the value to store (numbers rounded to scale). */
export function checkValue(
  f: FieldDef,
  value: SfValue,
): { value: SfValue } | { error: FieldError } {
  if (value === null) return { value };
  const fields = [f.name];
  if (typeof value === 'string' && f.length !== undefined && value.length > f.length) {
    return {
      error: {
        statusCode: 'STRING_TOO_LONG',
        message: `${f.label}: data value too large: ${value.slice(0, 80)} (max length=${f.length})`,
        fields,
      },
    };
  }
  if (f.type === 'picklist' && f.restrictedPicklist && !f.picklistValues?.includes(String(value))) {
    return {
      error: {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `${f.label}: bad value for restricted picklist field: ${value}`,
        fields,
      },
    };
  }
  if (f.type === 'email' && !EMAIL.test(String(value))) {
    return {
      error: {
        statusCode: 'INVALID_EMAIL_ADDRESS',
        message: `${f.label}: invalid email address: ${value}`,
        fields,
      },
    };
  }
  if (typeof value === 'number' && isNumeric(f)) {
    const scale = f.scale ?? 0;
    const rounded = Number(value.toFixed(scale));
    const maxInt = 10 ** ((f.precision ?? 18) - scale);
    if (Math.abs(rounded) >= maxInt) {
      return {
        error: {
          statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
          message: `${f.label}: value outside of valid range on numeric field: ${value}`,
          fields,
        },
      };
    }
    return { value: rounded };
  }
  return { value };
}
