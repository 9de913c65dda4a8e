/**
 * Offline model of force-app for the metadata tests: the objects and fields read from the
 * source-format XML (nothing is hard-coded, so new objects are picked up), plus tiny XML helpers.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const FORCE_APP = join(ROOT, 'force-app');
export const DEFAULT = join(FORCE_APP, 'main', 'default');

export type FieldDef = {
  object: string;
  name: string;
  type: string;
  formula: boolean;
  referenceTo?: string;
  relationshipName?: string;
  length?: number;
  precision?: number;
  scale?: number;
  values: string[];
  xml: string;
  file: string;
};

export type ObjectDef = { name: string; custom: boolean; fields: Map<string, FieldDef> };

/** Standard fields the metadata references; standard objects only carry the custom fields we ship. */
const STANDARD_FIELDS: Record<string, Record<string, string>> = {
  '*': {
    Id: 'Id',
    Name: 'Text',
    OwnerId: 'Lookup',
    CreatedDate: 'DateTime',
    LastModifiedDate: 'DateTime',
  },
  Account: { Type: 'Picklist', Industry: 'Picklist', Website: 'Url' },
  Opportunity: {
    AccountId: 'Lookup',
    Amount: 'Currency',
    StageName: 'Picklist',
    CloseDate: 'Date',
    IsClosed: 'Checkbox',
    IsWon: 'Checkbox',
    Probability: 'Percent',
  },
};

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Every file under dir (recursively) whose name ends with suffix. */
export function walk(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...walk(p, suffix));
    else if (entry.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

/** Text of every <name>…</name> element (no nesting of the same tag). */
export function tags(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g');
  return [...xml.matchAll(re)].map((m) => {
    const text = m[1].trim();
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text);
    // CDATA keeps formulas byte-exact (prettier's XML whitespace mode would re-space entities)
    return cdata ? cdata[1] : decode(text.replace(/\s*\n\s*/g, ' '));
  });
}

export function tag(xml: string, name: string): string | undefined {
  return tags(xml, name)[0];
}

function decode(s: string): string {
  return s
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

export function loadSchema(): Map<string, ObjectDef> {
  const objects = new Map<string, ObjectDef>();
  const objectsDir = join(DEFAULT, 'objects');
  for (const dir of readdirSync(objectsDir)) {
    const obj: ObjectDef = { name: dir, custom: dir.endsWith('__c'), fields: new Map() };
    for (const file of walk(join(objectsDir, dir, 'fields'), '.field-meta.xml')) {
      const xml = read(file);
      const name = basename(file, '.field-meta.xml');
      const valueSet = tag(xml, 'valueSet') ?? '';
      obj.fields.set(name, {
        object: dir,
        name,
        type: tag(xml, 'type') ?? '',
        formula: /<formula>/.test(xml),
        referenceTo: tag(xml, 'referenceTo'),
        relationshipName: tag(xml, 'relationshipName'),
        length: num(tag(xml, 'length')),
        precision: num(tag(xml, 'precision')),
        scale: num(tag(xml, 'scale')),
        values: tags(valueSet, 'fullName'),
        xml,
        file,
      });
    }
    objects.set(dir, obj);
  }
  return objects;
}

export class Schema {
  constructor(readonly objects: Map<string, ObjectDef> = loadSchema()) {}

  /** Type of Object.Field, standard or custom; undefined when it does not exist. */
  fieldType(object: string, field: string): string | undefined {
    const custom = this.objects.get(object)?.fields.get(field);
    if (custom) return custom.type;
    if (field.endsWith('__c')) return undefined;
    return STANDARD_FIELDS[object]?.[field] ?? STANDARD_FIELDS['*'][field];
  }

  field(object: string, field: string): FieldDef | undefined {
    return this.objects.get(object)?.fields.get(field);
  }

  /** The object a lookup/relationship name points to: Partner__r → Partner__c's referenceTo. */
  parentOf(object: string, relationship: string): string | undefined {
    if (relationship.endsWith('__r')) {
      return this.field(object, relationship.replace(/__r$/, '__c'))?.referenceTo;
    }
    const standard: Record<string, string> = { Account: 'Account', Owner: 'User' };
    return standard[relationship];
  }

  /** The child object behind a child relationship name such as Partner_Overlaps__r on Account. */
  childOf(parent: string, relationship: string): FieldDef | undefined {
    const rel = relationship.replace(/__r$/, '');
    for (const obj of this.objects.values()) {
      for (const f of obj.fields.values()) {
        if (f.referenceTo === parent && f.relationshipName === rel) return f;
      }
    }
    return undefined;
  }

  /** Resolve a dotted path (Partner__r.Overlap_Id__c) from an object to the final field's type. */
  pathType(object: string, path: string): string | undefined {
    const parts = path.split('.');
    let current = object;
    for (const part of parts.slice(0, -1)) {
      const next = this.parentOf(current, part);
      if (!next) return undefined;
      current = next;
    }
    return this.fieldType(current, parts[parts.length - 1]);
  }
}

export const NUMERIC = new Set(['Number', 'Currency', 'Percent']);
export const DATES = new Set(['Date', 'DateTime']);
export const TEXTUAL = new Set([
  'Text',
  'TextArea',
  'LongTextArea',
  'Email',
  'Url',
  'Phone',
  'Picklist',
  'Lookup',
  'Id',
]);

/** Names of the Apex classes in force-app, without extension. */
export function apexClasses(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of walk(join(DEFAULT, 'classes'), '.cls')) {
    out.set(basename(file, '.cls'), read(file));
  }
  return out;
}

/** LWC bundles: name → { js, html, meta, dir }. */
export function lwcBundles(): Map<string, { dir: string; js: string; html: string; meta: string }> {
  const out = new Map<string, { dir: string; js: string; html: string; meta: string }>();
  const lwcDir = join(DEFAULT, 'lwc');
  if (!existsSync(lwcDir)) return out;
  for (const name of readdirSync(lwcDir)) {
    const dir = join(lwcDir, name);
    if (!statSync(dir).isDirectory() || name.startsWith('.')) continue;
    const js = walk(dir, '.js')
      .filter((f) => !f.includes('__tests__'))
      .map(read)
      .join('\n');
    const htmlFile = join(dir, `${name}.html`);
    out.set(name, {
      dir,
      js,
      html: existsSync(htmlFile) ? read(htmlFile) : '',
      meta: read(join(dir, `${name}.js-meta.xml`)),
    });
  }
  return out;
}
