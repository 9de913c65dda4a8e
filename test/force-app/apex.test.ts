/**
 * Apex is checked as far as it can be without an org: every class parses
 * (@apexdevtools/apex-parser), is formatted by prettier-plugin-apex, has a test class, and follows
 * the house rules (with sharing, user-mode SOQL, HttpCalloutMock tests with Assert.fail()).
 * The Apex tests themselves run in the org's deploy-time test run.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { DEFAULT, ROOT, apexClasses, read, tag } from './forceApp';

const classes = apexClasses();
const isTest = (src: string) => /^\s*(\/\*[\s\S]*?\*\/\s*)?@IsTest\b/i.test(src);

class CollectingListener extends ApexErrorListener {
  readonly errors: string[] = [];
  apexSyntaxError(line: number, column: number, msg: string): void {
    this.errors.push(`${line}:${column} ${msg}`);
  }
}

describe('Apex classes', () => {
  it('exist', () => {
    expect(classes.size).toBeGreaterThan(0);
  });

  it.each([...classes.keys()])('%s parses without syntax errors', (name) => {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(classes.get(name)!, listener);
    parser.compilationUnit();
    expect(listener.errors).toEqual([]);
  });

  it('every class is formatted with prettier-plugin-apex (repo .prettierrc)', () => {
    // prettier 3 loads plugins with dynamic import(), which jest's VM cannot do: run the CLI.
    const bin = require.resolve('prettier/bin/prettier.cjs');
    const files = [...classes.keys()].map((n) => join(DEFAULT, 'classes', `${n}.cls`));
    const run = spawnSync(process.execPath, [bin, '--list-different', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').filter(Boolean)).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  it.each([...classes.keys()])('%s has a -meta.xml at the project API version', (name) => {
    const meta = join(DEFAULT, 'classes', `${name}.cls-meta.xml`);
    expect(existsSync(meta)).toBe(true);
    const api = JSON.parse(read(join(ROOT, 'sfdx-project.json'))).sourceApiVersion;
    expect(tag(read(meta), 'apiVersion')).toBe(api);
    expect(tag(read(meta), 'status')).toBe('Active');
  });

  it('every class has a test class named <Class>Test', () => {
    for (const [name, src] of classes) {
      if (isTest(src)) continue;
      const test = classes.get(`${name}Test`);
      expect([name, test !== undefined && isTest(test)]).toEqual([name, true]);
    }
  });

  it('test classes are named consistently and reference the class they test', () => {
    for (const [name, src] of classes) {
      if (!isTest(src) || !name.endsWith('Test')) continue;
      const subject = name.replace(/Test$/, '');
      expect([name, classes.has(subject)]).toEqual([name, true]);
      expect([
        name,
        new RegExp(`\\b${subject}\\.`).test(src) || src.includes(`new ${subject}(`),
      ]).toEqual([name, true]);
    }
  });

  it('production classes are with sharing and query in user mode', () => {
    for (const [name, src] of classes) {
      if (isTest(src)) continue;
      expect([name, /public\s+with\s+sharing\s+class/.test(src)]).toEqual([name, true]);
      for (const [query] of src.matchAll(/\[\s*SELECT[\s\S]*?\]/gi)) {
        expect([name, /WITH\s+USER_MODE/i.test(query)]).toEqual([name, true]);
      }
      expect([name, /without\s+sharing/.test(src)]).toEqual([name, false]);
    }
  });

  it('callout tests use HttpCalloutMock and Assert.fail() after calls that must throw', () => {
    for (const [name, src] of classes) {
      if (!isTest(src) || !/Test$/.test(name)) continue;
      expect([name, /Test\.setMock\(\s*HttpCalloutMock\.class/.test(src)]).toEqual([name, true]);
      // every try block in a test ends its happy path with Assert.fail
      for (const [block] of src.matchAll(/try\s*\{[\s\S]*?\}\s*catch/g)) {
        expect([name, block.includes('Assert.fail(')]).toEqual([name, true]);
      }
    }
  });

  it('the deploy commands in README.md and docs/salesforce-app.md run every Apex test class', () => {
    const tests = [...classes.keys()].filter((n) => n.endsWith('Test')).sort();
    for (const doc of ['README.md', join('docs', 'salesforce-app.md')]) {
      const named = [...read(join(ROOT, doc)).matchAll(/--tests\s+(\w+)/g)].map((m) => m[1]);
      expect([doc, [...new Set(named)].sort()]).toEqual([doc, tests]);
    }
  });

  it('AuraEnabled reads are cacheable and every controller method has a test', () => {
    const controller = classes.get('OverlapController') ?? '';
    const test = classes.get('OverlapControllerTest') ?? '';
    const methods = [
      ...controller.matchAll(
        /@AuraEnabled(\([^)]*\))?\s+public\s+static\s+[\w.<>, ]+\s+(\w+)\s*\(/g,
      ),
    ];
    expect(methods.length).toBeGreaterThan(0);
    for (const [, args, method] of methods) {
      if (/^get/.test(method))
        expect([method, /cacheable\s*=\s*true/.test(args ?? '')]).toEqual([method, true]);
      expect([method, test.includes(`OverlapController.${method}(`)]).toEqual([method, true]);
    }
  });
});
