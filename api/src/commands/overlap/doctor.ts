import type { Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { checkApi } from '../lib/doctor';
import {
  apiFlags,
  EXIT,
  loadMessages,
  makeClient,
  OverlapCommand,
  type ApiFlagValues,
} from '../lib/command';
import { checkOrgSetup, orgLabel, type Check } from '../lib/orgChecks';

const messages = loadMessages('overlap.doctor');

export interface DoctorResult {
  ok: boolean;
  checks: Check[];
}

const MARK = { pass: '✓', fail: '✗', skip: '-' } as const;

export default class Doctor extends OverlapCommand<DoctorResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    ...apiFlags,
    'target-org': Flags.optionalOrg({ summary: messages.getMessage('flags.target-org.summary') }),
  };

  public async run(): Promise<DoctorResult> {
    // Org flags are typed through @oclif/core/interfaces, which moduleResolution "node" cannot see.
    const { flags } = (await this.parse(Doctor)) as unknown as {
      flags: ApiFlagValues & { 'target-org'?: Org };
    };
    const t = (key: string, tokens: Array<string | number> = []) =>
      messages.getMessage(key, tokens);
    const checks = await checkApi(await makeClient(flags, false), t);
    const org = flags['target-org'];
    if (org) {
      checks.push(...(await checkOrgSetup(org.getConnection(), orgLabel(org))));
    } else {
      checks.push({
        name: 'Org metadata and permission set',
        status: 'skip',
        detail: 'pass --target-org to check',
      });
    }
    for (const c of checks) {
      this.log(`${MARK[c.status]} ${c.name.padEnd(30)} ${c.detail}`);
      if (c.status === 'fail' && c.fix) this.log(`    fix: ${c.fix}`);
    }
    const failed = checks.filter((c) => c.status === 'fail').length;
    if (failed) {
      this.log('');
      this.warn(messages.getMessage('problems', [failed, checks.length]));
      process.exitCode = EXIT.doctorProblems;
    }
    return { ok: failed === 0, checks };
  }
}
