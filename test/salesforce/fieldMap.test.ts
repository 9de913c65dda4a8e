import fs from 'node:fs';
import path from 'node:path';
import { ACCOUNT_ROLLUPS, PUSH_OBJECTS, type SfField } from '../../api/src/salesforce/fieldMap';

const OBJECTS = path.join(__dirname, '../../force-app/main/default/objects');

/** The few tags a field definition needs; the XML is flat enough that a tag reader is exact. */
function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

function picklistValues(xml: string): string[] {
  const defs = /<valueSetDefinition>([\s\S]*?)<\/valueSetDefinition>/.exec(xml)?.[1] ?? '';
  return [...defs.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]);
}

function readField(object: string, field: string): string {
  const file = path.join(OBJECTS, object, 'fields', `${field}.field-meta.xml`);
  if (!fs.existsSync(file))
    throw new Error(`${object}.${field}: no ${path.relative(process.cwd(), file)}`);
  return fs.readFileSync(file, 'utf8');
}

/** Reasons why the XML definition cannot hold what the push sends; empty when compatible. */
function incompatibilities(f: SfField, xml: string): string[] {
  const out: string[] = [];
  const type = tag(xml, 'type');
  const compatible = f.type === 'Lookup' ? ['Lookup', 'MasterDetail'] : [f.type];
  if (!type || !compatible.includes(type)) out.push(`type ${type} where the map sends ${f.type}`);
  if (f.length && f.type !== 'LongTextArea' && Number(tag(xml, 'length')) < f.length) {
    out.push(`length ${tag(xml, 'length')} < ${f.length}`);
  }
  if (f.precision !== undefined && Number(tag(xml, 'precision')) !== f.precision) {
    out.push(`precision ${tag(xml, 'precision')} ≠ ${f.precision}`);
  }
  if (f.scale !== undefined && Number(tag(xml, 'scale')) !== f.scale)
    out.push(`scale ${tag(xml, 'scale')} ≠ ${f.scale}`);
  if (f.referenceTo && tag(xml, 'referenceTo') !== f.referenceTo)
    out.push(`referenceTo ${tag(xml, 'referenceTo')}`);
  if (f.values) {
    const defined = picklistValues(xml);
    const missing = f.values.filter((v) => !defined.includes(v));
    if (missing.length) out.push(`picklist lacks ${missing.join(', ')}`);
  }
  return out;
}

const cases = PUSH_OBJECTS.flatMap((o) =>
  Object.values(o.fields as Record<string, SfField>).map((f) => [o.object, f.name, f] as const),
);

describe('Salesforce field map matches force-app metadata', () => {
  it('maps every field of the contract', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.filter(([, name]) => name !== 'Name'))(
    '%s.%s exists with a compatible type',
    (object, name, f) => {
      expect(incompatibilities(f, readField(object, name))).toEqual([]);
    },
  );

  it.each(cases.filter(([, name]) => name === 'Name'))('%s.Name is a text name field', (object) => {
    const xml = fs.readFileSync(path.join(OBJECTS, object, `${object}.object-meta.xml`), 'utf8');
    const nameField = /<nameField>([\s\S]*?)<\/nameField>/.exec(xml)?.[1] ?? '';
    expect(tag(nameField, 'type')).toBe('Text');
  });

  it.each(PUSH_OBJECTS.filter((o) => o.externalId !== 'Id').map((o) => [o.object, o.externalId]))(
    '%s.%s is a unique external id',
    (object, field) => {
      const xml = readField(object, field);
      expect(tag(xml, 'externalId')).toBe('true');
      expect(tag(xml, 'unique')).toBe('true');
    },
  );

  it.each(Object.values(ACCOUNT_ROLLUPS.fields).map((f) => [f.name]))(
    'Account.%s is a roll-up summary the push never writes',
    (name) => {
      expect(tag(readField('Account', name), 'type')).toBe('Summary');
      expect(PUSH_OBJECTS.map((o): string => o.object)).not.toContain('Account');
    },
  );

  it('reports a wrong type, a short length and a missing picklist value', () => {
    const xml = '<type>Text</type><length>40</length>';
    expect(incompatibilities({ name: 'X__c', type: 'Text', length: 80 }, xml)).toEqual([
      'length 40 < 80',
    ]);
    expect(incompatibilities({ name: 'X__c', type: 'Checkbox' }, xml)).toEqual([
      'type Text where the map sends Checkbox',
    ]);
    const pick =
      '<type>Picklist</type><valueSetDefinition><value><fullName>A</fullName></value></valueSetDefinition>';
    expect(incompatibilities({ name: 'P__c', type: 'Picklist', values: ['A', 'B'] }, pick)).toEqual(
      ['picklist lacks B'],
    );
  });
});
