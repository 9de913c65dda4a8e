/**
 * force-app is valid offline: it converts with source-deploy-retrieve, and every field that Apex,
 * LWC, flexipages, report types, reports, permission sets and CONTRACTS.md reference exists in the
 * object XML with a matching type. Objects and fields are read from force-app, never listed here.
 */
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import {
  DEFAULT,
  FORCE_APP,
  NUMERIC,
  DATES,
  ROOT,
  Schema,
  apexClasses,
  lwcBundles,
  read,
  tag,
  tags,
  walk,
} from './forceApp';

const schema = new Schema();
const sourceApiVersion: string = JSON.parse(read(join(ROOT, 'sfdx-project.json'))).sourceApiVersion;

describe('force-app converts offline', () => {
  let outDir: string;
  let components: { type: string; fullName: string }[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'overlap-mdapi-'));
    const set = ComponentSet.fromSource(FORCE_APP);
    components = set
      .getSourceComponents()
      .toArray()
      .map((c) => ({ type: c.type.name, fullName: c.fullName }));
    await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: outDir,
      genUniqueDir: false,
    });
  }, 60_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a package.xml at the project API version', () => {
    const pkg = read(join(outDir, 'package.xml'));
    expect(tag(pkg, 'version')).toBe(sourceApiVersion);
  });

  it('contains what an admin deploys for issue #6', () => {
    const has = (type: string, fullName: string) =>
      components.some((c) => c.type === type && c.fullName === fullName);
    for (const obj of ['Partner__c', 'Partner_Overlap__c', 'Partner_Attribution__c']) {
      expect(has('CustomObject', obj)).toBe(true);
    }
    expect(has('NamedCredential', 'Overlap_API')).toBe(true);
    expect(has('ExternalCredential', 'Overlap_API')).toBe(true);
    expect(has('PermissionSet', 'Overlap_User')).toBe(true);
    expect(has('PermissionSet', 'Overlap_Admin')).toBe(true);
    expect(has('CustomApplication', 'Overlap')).toBe(true);
    expect(has('ApexClass', 'OverlapController')).toBe(true);
    for (const c of ['partnerOverlaps', 'opportunityPartners', 'partnerMatrix']) {
      expect(has('LightningComponentBundle', c)).toBe(true);
    }
    expect(components.filter((c) => c.type === 'Report').length).toBeGreaterThanOrEqual(4);
    expect(components.some((c) => c.type === 'Dashboard')).toBe(true);
  });

  it('keeps LWC tests and fixtures out of the deploy', () => {
    const lwcOut = join(outDir, 'lwc');
    for (const bundle of readdirSync(lwcOut)) {
      expect(readdirSync(join(lwcOut, bundle))).not.toContain('__tests__');
    }
  });

  it('keeps every metadata file at or below the project API version', () => {
    for (const file of [...walk(DEFAULT, '.cls-meta.xml'), ...walk(DEFAULT, '.js-meta.xml')]) {
      expect([file, tag(read(file), 'apiVersion')]).toEqual([file, sourceApiVersion]);
    }
  });
});

describe('objects and fields', () => {
  it('documents every custom field with a description and help text', () => {
    for (const obj of schema.objects.values()) {
      for (const f of obj.fields.values()) {
        expect([f.file, tag(f.xml, 'fullName')]).toEqual([f.file, f.name]);
        expect([f.file, !!tag(f.xml, 'description')]).toEqual([f.file, true]);
        expect([f.file, !!tag(f.xml, 'inlineHelpText')]).toEqual([f.file, true]);
        expect([f.file, f.type]).not.toEqual([f.file, '']);
      }
    }
  });

  it('gives every custom object a description', () => {
    for (const obj of schema.objects.values()) {
      if (!obj.custom) continue;
      const xml = read(join(DEFAULT, 'objects', obj.name, `${obj.name}.object-meta.xml`));
      expect([obj.name, !!tag(xml, 'description')]).toEqual([obj.name, true]);
    }
  });

  it('points every lookup at an object that exists', () => {
    for (const obj of schema.objects.values()) {
      for (const f of obj.fields.values()) {
        if (f.type !== 'Lookup' && f.type !== 'MasterDetail') continue;
        const target = f.referenceTo ?? '';
        const known = schema.objects.has(target) || !target.endsWith('__c');
        expect([f.file, target, known]).toEqual([f.file, target, true]);
        expect([f.file, !!f.relationshipName]).toEqual([f.file, true]);
      }
    }
  });

  it('shapes master-detail fields and their detail objects as the Metadata API requires', () => {
    let checked = 0;
    for (const obj of schema.objects.values()) {
      const masters = [...obj.fields.values()].filter((f) => f.type === 'MasterDetail');
      if (!masters.length) continue;
      const xml = read(join(DEFAULT, 'objects', obj.name, `${obj.name}.object-meta.xml`));
      expect([obj.name, tag(xml, 'sharingModel')]).toEqual([obj.name, 'ControlledByParent']);
      expect([obj.name, tag(xml, 'externalSharingModel')]).toEqual([
        obj.name,
        'ControlledByParent',
      ]);
      for (const f of masters) {
        // always required and cascade-deleted: no <required> or <deleteConstraint> of its own
        expect([f.file, tag(f.xml, 'required'), tag(f.xml, 'deleteConstraint')]).toEqual([
          f.file,
          undefined,
          undefined,
        ]);
        expect([f.file, tag(f.xml, 'relationshipOrder')]).toEqual([f.file, '0']);
        expect([f.file, tag(f.xml, 'reparentableMasterDetail')]).toEqual([f.file, 'false']);
        expect([f.file, tag(f.xml, 'writeRequiresMasterRead')]).toEqual([f.file, 'false']);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('rolls up only through a master-detail to the same object, over fields of a fitting type', () => {
    let checked = 0;
    for (const obj of schema.objects.values()) {
      for (const f of obj.fields.values()) {
        if (f.type !== 'Summary') continue;
        const [child, fk] = (tag(f.xml, 'summaryForeignKey') ?? '').split('.');
        const key = schema.field(child, fk);
        expect([f.file, key?.type, key?.referenceTo]).toEqual([f.file, 'MasterDetail', obj.name]);
        const op = tag(f.xml, 'summaryOperation') ?? '';
        expect([f.file, ['count', 'sum', 'min', 'max'].includes(op)]).toEqual([f.file, true]);
        const summarized = tag(f.xml, 'summarizedField');
        if (op === 'count') expect([f.file, summarized]).toEqual([f.file, undefined]);
        else {
          const [sObj, sField] = (summarized ?? '').split('.');
          const type = schema.fieldType(sObj, sField) ?? '';
          expect([f.file, sObj]).toEqual([f.file, child]);
          const fits = op === 'sum' ? NUMERIC.has(type) : NUMERIC.has(type) || DATES.has(type);
          expect([f.file, type, fits]).toEqual([f.file, type, true]);
        }
        for (const item of tags(f.xml, 'summaryFilterItems')) {
          const [fObj, fField] = (tag(item, 'field') ?? '').split('.');
          const type = schema.fieldType(fObj, fField);
          expect([f.file, fObj, !!type]).toEqual([f.file, child, true]);
          if (type === 'Checkbox')
            expect([f.file, tag(item, 'value')]).toEqual([
              f.file,
              expect.stringMatching(/^(True|False)$/),
            ]);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('matches the field map in docs/CONTRACTS.md', () => {
    const contracts = read(join(ROOT, 'docs', 'CONTRACTS.md'));
    const rows = contracts
      .split('\n')
      .filter((l) => /^\|\s*\w+\s*\|\s*\w+\s*\|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()))
      .filter((c) => c[1] !== 'object' && !c[1].startsWith('-'));
    expect(rows.length).toBeGreaterThan(20);
    for (const [, object, field, spec] of rows) {
      if (field === 'Name') continue; // the object's name field
      const f = schema.field(object, field);
      expect([object, field, !!f]).toEqual([object, field, true]);
      if (!f) continue;
      const formula = /^Formula\((\w+)\)/.exec(spec);
      if (formula) {
        expect([field, f.formula, f.type]).toEqual([field, true, formula[1]]);
        continue;
      }
      const m = /^(\w+)(?:\(([^)]*)\))?(?::\s*(.*))?/.exec(spec);
      expect(m).not.toBeNull();
      const [, type, args, values] = m!;
      expect([field, f.type]).toEqual([field, type]);
      if (type === 'Lookup' || type === 'MasterDetail')
        expect([field, f.referenceTo]).toEqual([field, args]);
      else if (type === 'Summary') {
        // Summary(count) or Summary(max First_Seen__c): the operation and the summarized field
        const [op, summarized] = (args ?? '').split(' ');
        expect([field, tag(f.xml, 'summaryOperation')]).toEqual([field, op]);
        expect([field, tag(f.xml, 'summarizedField')?.split('.')[1]]).toEqual([field, summarized]);
      } else if (args && (type === 'Text' || type === 'LongTextArea'))
        expect([field, f.length]).toEqual([field, Number(args)]);
      else if (args) {
        const [precision, scale] = args.split(',').map(Number);
        expect([field, f.precision, f.scale]).toEqual([field, precision, scale]);
      }
      if (type === 'Picklist' && values) {
        expect([field, f.values]).toEqual([field, values.split(',').map((v) => v.trim())]);
      }
      if (/External ID/.test(spec))
        expect([field, /<externalId>true/.test(f.xml)]).toEqual([field, true]);
      if (/unique/.test(spec)) expect([field, /<unique>true/.test(f.xml)]).toEqual([field, true]);
    }
  });
});

/** Every SObject field Apex touches: SOQL select/where lists and SObject constructors. */
describe('Apex field references', () => {
  const classes = apexClasses();

  it('every SOQL field exists on the queried object with a matching type', () => {
    let checked = 0;
    for (const [name, src] of classes) {
      const queries = src.matchAll(/\[\s*SELECT\s+([\s\S]*?)\s+FROM\s+(\w+)([\s\S]*?)\]/gi);
      for (const [, select, object, rest] of queries) {
        expect([name, object, schema.objects.has(object) || !object.endsWith('__c')]).toEqual([
          name,
          object,
          true,
        ]);
        if (!schema.objects.has(object)) continue; // standard setup objects (User, Profile…)
        for (const raw of select.split(',')) {
          const path = raw.trim();
          if (!path || /\(/.test(path)) continue;
          expect([name, `${object}.${path}`, !!schema.pathType(object, path)]).toEqual([
            name,
            `${object}.${path}`,
            true,
          ]);
          checked++;
        }
        // WHERE / ORDER BY: field paths ending in __c, and checkbox comparisons
        const where = rest.replace(/:\s*\w+/g, '');
        for (const [, path] of where.matchAll(/\b((?:\w+__r\.)*\w+__c)\b/g)) {
          expect([name, `${object}.${path}`, !!schema.pathType(object, path)]).toEqual([
            name,
            `${object}.${path}`,
            true,
          ]);
          checked++;
        }
        for (const [, path] of where.matchAll(/\b([\w.]+)\s*=\s*(?:TRUE|FALSE)\b/gi)) {
          expect([name, path, schema.pathType(object, path)]).toEqual([name, path, 'Checkbox']);
        }
        if (!/@IsTest/i.test(src)) {
          // production queries run in user mode; tests set up data as the admin
          expect([name, /WITH\s+USER_MODE/i.test(rest)]).toEqual([name, true]);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('every field set in an SObject constructor exists with a compatible type', () => {
    let checked = 0;
    for (const [name, src] of classes) {
      for (const [, object, body] of src.matchAll(
        /new\s+(\w+__c|Account|Opportunity)\s*\(([^;]*?)\);/g,
      )) {
        for (const [, field, value] of body.matchAll(/(\w+)\s*=\s*([^,]+)/g)) {
          const type = schema.fieldType(object, field);
          expect([name, `${object}.${field}`, !!type]).toEqual([name, `${object}.${field}`, true]);
          const v = value.trim();
          if (/^(true|false)$/i.test(v)) expect([field, type]).toEqual([field, 'Checkbox']);
          else if (/^'/.test(v))
            expect([field, type && !NUMERIC.has(type) && type !== 'Checkbox']).toEqual([
              field,
              true,
            ]);
          else if (/^-?\d+(\.\d+)?$/.test(v))
            expect([field, type && NUMERIC.has(type)]).toEqual([field, true]);
          else if (/^Datetime\./.test(v)) expect([field, type]).toEqual([field, 'DateTime']);
          else if (/^Date\./.test(v)) expect([field, type]).toEqual([field, 'Date']);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('every custom field token in Apex exists on some object', () => {
    const all = new Set<string>();
    for (const obj of schema.objects.values()) obj.fields.forEach((_f, n) => all.add(n));
    for (const [name, src] of classes) {
      const code = src.replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
      for (const [, token] of code.matchAll(/\b(\w+__c)\b/g)) {
        if (schema.objects.has(token)) continue;
        expect([name, token, all.has(token)]).toEqual([name, token, true]);
      }
    }
  });

  it('calls out only through the Overlap_API Named Credential', () => {
    const named = walk(join(DEFAULT, 'namedCredentials'), '.namedCredential-meta.xml').map((f) =>
      basename(f, '.namedCredential-meta.xml'),
    );
    for (const [name, src] of classes) {
      expect([name, /https?:\/\//.test(src.replace(/\/\*[\s\S]*?\*\//g, ''))]).toEqual([
        name,
        false,
      ]);
      for (const [, nc] of src.matchAll(/NAMED_CREDENTIAL\s*=\s*'(\w+)'/g)) {
        expect(named).toContain(nc);
      }
    }
  });
});

describe('LWC references', () => {
  const bundles = lwcBundles();
  const classes = apexClasses();

  it('imports only @AuraEnabled Apex methods that exist, cacheable when wired', () => {
    for (const [name, b] of bundles) {
      const imports = [
        ...b.js.matchAll(/import\s+(\w+)\s+from\s+'@salesforce\/apex\/(\w+)\.(\w+)'/g),
      ];
      for (const [, local, cls, method] of imports) {
        const src = classes.get(cls);
        expect([name, cls, !!src]).toEqual([name, cls, true]);
        const decl = new RegExp(
          `@AuraEnabled(\\([^)]*\\))?\\s+public\\s+static\\s+[\\w.<>, ]+\\s+${method}\\s*\\(`,
        ).exec(src ?? '');
        expect([name, `${cls}.${method}`, !!decl]).toEqual([name, `${cls}.${method}`, true]);
        if (new RegExp(`@wire\\(\\s*${local}\\b`).test(b.js)) {
          expect([name, method, /cacheable\s*=\s*true/.test(decl?.[1] ?? '')]).toEqual([
            name,
            method,
            true,
          ]);
        }
      }
    }
  });

  it('passes Apex parameters by the names the Apex methods declare', () => {
    const controller = classes.get('OverlapController') ?? '';
    for (const [name, b] of bundles) {
      const imports = [
        ...b.js.matchAll(/import\s+(\w+)\s+from\s+'@salesforce\/apex\/(\w+)\.(\w+)'/g),
      ];
      for (const [, local, , method] of imports) {
        const sig = new RegExp(`static\\s+[\\w.<>, ]+\\s+${method}\\s*\\(([^)]*)\\)`).exec(
          controller,
        );
        const declared = (sig?.[1] ?? '')
          .split(',')
          .map((p) => p.trim().split(/\s+/).pop())
          .filter(Boolean);
        const calls = [
          ...b.js.matchAll(
            new RegExp(`(?:@wire\\(\\s*${local}\\s*,|\\b${local}\\()\\s*\\{([^}]*)\\}`, 'g'),
          ),
        ];
        for (const [, args] of calls) {
          for (const [, key] of args.matchAll(/(\w+)\s*:/g)) {
            expect([name, method, key, declared.includes(key)]).toEqual([name, method, key, true]);
          }
        }
      }
    }
  });

  it('imports only schema fields that exist', () => {
    for (const [name, b] of bundles) {
      for (const [, object, path] of b.js.matchAll(/'@salesforce\/schema\/(\w+)\.([\w.]+)'/g)) {
        expect([name, `${object}.${path}`, !!schema.pathType(object, path)]).toEqual([
          name,
          `${object}.${path}`,
          true,
        ]);
      }
    }
  });

  it('targets objects that exist and ships a jest test for every bundle', () => {
    for (const [name, b] of bundles) {
      for (const object of tags(b.meta, 'object')) {
        expect([name, object, schema.objects.has(object) || !object.endsWith('__c')]).toEqual([
          name,
          object,
          true,
        ]);
      }
      const tests = walk(join(b.dir, '__tests__'), '.test.js');
      expect([name, tests.length > 0]).toEqual([name, true]);
    }
  });
});

describe('flexipages, app and tabs', () => {
  const bundles = lwcBundles();

  it('places only exposed components whose targets fit the page', () => {
    for (const file of walk(join(DEFAULT, 'flexipages'), '.flexipage-meta.xml')) {
      const xml = read(file);
      const type = tags(xml, 'type').pop(); // the page type comes last; regions have types too
      const sobject = tag(xml, 'sobjectType');
      if (sobject)
        expect([file, schema.objects.has(sobject) || !sobject.endsWith('__c')]).toEqual([
          file,
          true,
        ]);
      for (const component of tags(xml, 'componentName')) {
        if (component.includes(':')) continue; // standard components (force:, flexipage:)
        const bundle = bundles.get(component);
        expect([file, component, !!bundle]).toEqual([file, component, true]);
        if (!bundle) continue;
        expect([component, tag(bundle.meta, 'isExposed')]).toEqual([component, 'true']);
        const target = type === 'RecordPage' ? 'lightning__RecordPage' : 'lightning__AppPage';
        expect([component, tags(bundle.meta, 'target')]).toEqual([
          component,
          expect.arrayContaining([target]),
        ]);
        if (type === 'RecordPage' && tags(bundle.meta, 'object').length > 0) {
          expect(tags(bundle.meta, 'object')).toContain(sobject);
        }
      }
      for (const [, field] of xml.matchAll(/<fieldItem>Record\.(\w+)<\/fieldItem>/g)) {
        expect([file, field, !!schema.fieldType(sobject ?? '', field)]).toEqual([
          file,
          field,
          true,
        ]);
      }
    }
  });

  it('uses tabs, pages and flexipage overrides that exist', () => {
    const tabs = walk(join(DEFAULT, 'tabs'), '.tab-meta.xml').map((f) =>
      basename(f, '.tab-meta.xml'),
    );
    const pages = walk(join(DEFAULT, 'flexipages'), '.flexipage-meta.xml').map((f) =>
      basename(f, '.flexipage-meta.xml'),
    );
    for (const file of walk(join(DEFAULT, 'applications'), '.app-meta.xml')) {
      const xml = read(file);
      for (const t of tags(xml, 'tabs')) {
        if (t.startsWith('standard-')) continue;
        expect([file, t, tabs.includes(t)]).toEqual([file, t, true]);
      }
      for (const page of tags(xml, 'content')) expect(pages).toContain(page);
    }
    for (const t of tabs) {
      const xml = read(join(DEFAULT, 'tabs', `${t}.tab-meta.xml`));
      const page = tag(xml, 'flexiPage');
      if (page) expect(pages).toContain(page);
      else expect([t, schema.objects.has(t)]).toEqual([t, true]);
    }
  });
});

describe('report types, reports and dashboards', () => {
  type Column = { table: string; field: string };
  const reportTypes = new Map<string, { base: string; columns: Column[]; xml: string }>();
  for (const file of walk(join(DEFAULT, 'reportTypes'), '.reportType-meta.xml')) {
    const xml = read(file);
    const columns = [...xml.matchAll(/<columns>([\s\S]*?)<\/columns>/g)].map((m) => ({
      table: tag(m[1], 'table') ?? '',
      field: tag(m[1], 'field') ?? '',
    }));
    reportTypes.set(basename(file, '.reportType-meta.xml'), {
      base: tag(xml, 'baseObject') ?? '',
      columns,
      xml,
    });
  }

  /** Account.Partner_Overlaps__r → Partner_Overlap__c, following child relationships. */
  function tableObject(table: string): string | undefined {
    const [base, ...rels] = table.split('.');
    let current: string | undefined = base;
    for (const rel of rels) current = current ? schema.childOf(current, rel)?.object : undefined;
    return current;
  }

  function columnType(table: string, field: string): string | undefined {
    const object = tableObject(table);
    return object ? schema.pathType(object, field) : undefined;
  }

  it('report type columns reference real fields through real relationships', () => {
    expect(reportTypes.size).toBeGreaterThan(0);
    for (const [name, rt] of reportTypes) {
      expect([name, schema.objects.has(rt.base)]).toEqual([name, true]);
      for (const rel of tags(rt.xml, 'relationship')) {
        expect([name, rel, !!schema.childOf(rt.base, rel)]).toEqual([name, rel, true]);
      }
      for (const c of rt.columns) {
        expect([name, `${c.table}.${c.field}`, !!columnType(c.table, c.field)]).toEqual([
          name,
          `${c.table}.${c.field}`,
          true,
        ]);
      }
    }
  });

  const reports = walk(join(DEFAULT, 'reports'), '.report-meta.xml');

  it('report columns, filters and groupings exist in their report type with fitting types', () => {
    expect(reports.length).toBeGreaterThan(0);
    for (const file of reports) {
      const xml = read(file);
      const rtName = (tag(xml, 'reportType') ?? '').replace(/__c$/, '');
      const rt = reportTypes.get(rtName);
      expect([file, rtName, !!rt]).toEqual([file, rtName, true]);
      if (!rt) continue;
      const typeOf = (column: string): string | undefined => {
        const [table, field] = column.split('$');
        const inType = rt.columns.some((c) => c.table === table && c.field === field);
        return inType ? columnType(table, field) : undefined;
      };
      for (const block of [...xml.matchAll(/<columns>([\s\S]*?)<\/columns>/g)].map((m) => m[1])) {
        const field = tag(block, 'field') ?? '';
        const type = typeOf(field);
        expect([file, field, !!type]).toEqual([file, field, true]);
        const aggregate = tag(block, 'aggregateTypes');
        if (aggregate && aggregate !== 'Unique') {
          expect([file, field, aggregate, NUMERIC.has(type ?? '')]).toEqual([
            file,
            field,
            aggregate,
            true,
          ]);
        }
      }
      for (const block of [...xml.matchAll(/<criteriaItems>([\s\S]*?)<\/criteriaItems>/g)].map(
        (m) => m[1],
      )) {
        const column = tag(block, 'column') ?? '';
        const type = typeOf(column);
        expect([file, column, !!type]).toEqual([file, column, true]);
        const value = tag(block, 'value') ?? '';
        if (type === 'Checkbox')
          expect([column, ['0', '1']]).toEqual([column, expect.arrayContaining([value])]);
        if (type === 'Picklist') {
          const [table, field] = column.split('$');
          const values = schema.field(tableObject(table) ?? '', field)?.values ?? [];
          if (values.length > 0)
            expect([column, values]).toEqual([column, expect.arrayContaining([value])]);
        }
      }
      for (const g of [
        ...xml.matchAll(/<groupings(?:Down|Across)>([\s\S]*?)<\/groupings(?:Down|Across)>/g),
      ].map((m) => m[1])) {
        const field = tag(g, 'field') ?? '';
        const type = typeOf(field);
        expect([file, field, !!type]).toEqual([file, field, true]);
        const granularity = tag(g, 'dateGranularity');
        if (granularity && granularity !== 'Day') {
          expect([file, field, DATES.has(type ?? '')]).toEqual([file, field, true]);
        }
      }
      const dateColumn = tag(tag(xml, 'timeFrameFilter') ?? '', 'dateColumn');
      if (dateColumn)
        expect([file, dateColumn, DATES.has(typeOf(dateColumn) ?? '')]).toEqual([
          file,
          dateColumn,
          true,
        ]);
      for (const formula of tags(xml, 'calculatedFormula')) {
        for (const [, column] of formula.matchAll(/([\w.]+\$\w+):(?:SUM|AVG|MAX|MIN)/g)) {
          expect([file, column, NUMERIC.has(typeOf(column) ?? '')]).toEqual([file, column, true]);
        }
      }
    }
  });

  it('reports live in a report folder with a folder meta file', () => {
    for (const file of reports) {
      const folder = basename(join(file, '..'));
      expect(existsSync(join(DEFAULT, 'reports', `${folder}.reportFolder-meta.xml`))).toBe(true);
    }
  });

  it('dashboards show reports that exist, from a dashboard folder', () => {
    const names = reports.map(
      (f) => `${basename(join(f, '..'))}/${basename(f, '.report-meta.xml')}`,
    );
    const dashboards = walk(join(DEFAULT, 'dashboards'), '.dashboard-meta.xml');
    expect(dashboards.length).toBeGreaterThan(0);
    for (const file of dashboards) {
      const folder = basename(join(file, '..'));
      expect(existsSync(join(DEFAULT, 'dashboards', `${folder}.dashboardFolder-meta.xml`))).toBe(
        true,
      );
      const used = tags(read(file), 'report');
      expect(used.length).toBeGreaterThan(0);
      for (const r of used) expect(names).toContain(r);
    }
  });
});

describe('permission sets and credentials', () => {
  const sets = walk(join(DEFAULT, 'permissionsets'), '.permissionset-meta.xml');
  const classes = apexClasses();

  it('grant only fields, objects, classes, tabs and principals that exist', () => {
    const ec = walk(join(DEFAULT, 'externalCredentials'), '.externalCredential-meta.xml').flatMap(
      (f) => {
        const xml = read(f);
        const name = basename(f, '.externalCredential-meta.xml');
        return [
          ...xml.matchAll(
            /<externalCredentialParameters>([\s\S]*?)<\/externalCredentialParameters>/g,
          ),
        ]
          .filter((m) => tag(m[1], 'parameterType') === 'NamedPrincipal')
          .map((m) => `${name}-${tag(m[1], 'parameterName')}`);
      },
    );
    const tabs = walk(join(DEFAULT, 'tabs'), '.tab-meta.xml').map((f) =>
      basename(f, '.tab-meta.xml'),
    );
    for (const file of sets) {
      const xml = read(file);
      for (const block of [
        ...xml.matchAll(/<fieldPermissions>([\s\S]*?)<\/fieldPermissions>/g),
      ].map((m) => m[1])) {
        const [object, field] = (tag(block, 'field') ?? '').split('.');
        const f = schema.field(object, field);
        expect([file, `${object}.${field}`, !!f]).toEqual([file, `${object}.${field}`, true]);
        if (f?.formula || f?.type === 'Summary')
          expect([file, field, tag(block, 'editable')]).toEqual([file, field, 'false']);
        // a master-detail field is always required: Salesforce refuses field permissions on it
        expect([file, field, f?.type === 'MasterDetail']).toEqual([file, field, false]);
      }
      for (const o of tags(xml, 'object'))
        expect([file, o, schema.objects.has(o)]).toEqual([file, o, true]);
      for (const c of tags(xml, 'apexClass'))
        expect([file, c, classes.has(c)]).toEqual([file, c, true]);
      for (const t of tags(xml, 'tab'))
        expect([file, t, tabs.includes(t)]).toEqual([file, t, true]);
      for (const p of tags(xml, 'externalCredentialPrincipal')) expect(ec).toContain(p);
    }
  });

  it('Overlap_User can read every custom field and edit none; Overlap_Admin can edit the synced ones', () => {
    const user = read(join(DEFAULT, 'permissionsets', 'Overlap_User.permissionset-meta.xml'));
    const admin = read(join(DEFAULT, 'permissionsets', 'Overlap_Admin.permissionset-meta.xml'));
    const perms = (xml: string) =>
      new Map(
        [...xml.matchAll(/<fieldPermissions>([\s\S]*?)<\/fieldPermissions>/g)].map((m) => [
          tag(m[1], 'field'),
          { read: tag(m[1], 'readable'), edit: tag(m[1], 'editable') },
        ]),
      );
    const u = perms(user);
    const a = perms(admin);
    for (const obj of schema.objects.values()) {
      for (const f of obj.fields.values()) {
        const key = `${obj.name}.${f.name}`;
        if (f.type === 'MasterDetail') {
          // readable through the object permission and the master's sharing, never granted per field
          expect([key, u.get(key), a.get(key)]).toEqual([key, undefined, undefined]);
          continue;
        }
        const computed = f.formula || f.type === 'Summary';
        expect([key, u.get(key)]).toEqual([key, { read: 'true', edit: 'false' }]);
        expect([key, a.get(key)?.edit]).toEqual([key, computed ? 'false' : 'true']);
      }
    }
    expect(user).toMatch(/<apexClass>OverlapController<\/apexClass>\s*<enabled>true/);
    expect(user).toMatch(/<externalCredentialPrincipal>Overlap_API-/);
  });

  it('keeps the API key out of source and points the Named Credential at the External Credential', () => {
    const nc = read(join(DEFAULT, 'namedCredentials', 'Overlap_API.namedCredential-meta.xml'));
    const ecXml = read(
      join(DEFAULT, 'externalCredentials', 'Overlap_API.externalCredential-meta.xml'),
    );
    expect(tag(nc, 'namedCredentialType')).toBe('SecuredEndpoint');
    expect(tag(nc, 'externalCredential')).toBe('Overlap_API');
    expect(nc).toContain('https://overlap.example.com');
    expect(tag(ecXml, 'authenticationProtocol')).toBe('Custom');
    const params = [
      ...ecXml.matchAll(
        /<externalCredentialParameters>([\s\S]*?)<\/externalCredentialParameters>/g,
      ),
    ].map((m) => m[1]);
    const header = params.find((p) => tag(p, 'parameterType') === 'AuthHeader');
    expect(tag(header ?? '', 'parameterName')).toBe('Authorization');
    expect(tag(header ?? '', 'parameterValue')).toBe(
      "{!'Bearer ' & $Credential.Overlap_API.ApiKey}",
    );
    // no principal or auth parameter carries a value: the admin enters the key in Setup
    for (const p of params.filter((x) => tag(x, 'parameterType') !== 'AuthHeader')) {
      expect(tag(p, 'parameterValue')).toBeUndefined();
    }
  });
});
