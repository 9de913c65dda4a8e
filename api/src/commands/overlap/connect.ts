import type { Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import type { SalesforceConnection } from '../lib/apiClient';
import {
  apiFlags,
  EXIT,
  loadMessages,
  makeClient,
  OverlapCommand,
  type ApiFlagValues,
} from '../lib/command';
import { checkOrgSetup, orgLabel, type Check } from '../lib/orgChecks';

const messages = loadMessages('overlap.connect');

export interface ConnectResult {
  connection: SalesforceConnection;
  checks: Check[];
}

export default class Connect extends OverlapCommand<ConnectResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = { ...apiFlags, 'target-org': Flags.requiredOrg() };

  public async run(): Promise<ConnectResult> {
    // Org flags are typed through @oclif/core/interfaces, which moduleResolution "node" cannot see.
    const { flags } = (await this.parse(Connect)) as unknown as {
      flags: ApiFlagValues & { 'target-org': Org };
    };
    const client = await makeClient(flags);
    const org = flags['target-org'];
    const conn = org.getConnection();
    this.spinner.start('Checking the org');
    const checks = await checkOrgSetup(conn, orgLabel(org));
    this.spinner.stop();
    for (const c of checks) this.log(`${c.status === 'pass' ? '✓' : '✗'} ${c.name}: ${c.detail}`);
    const failed = checks.filter((c) => c.status === 'fail');
    if (failed.length) {
      // Nothing is sent to the API until the org is ready, so a failed connect changes nothing.
      const details = failed.map((c) => `\n  ${c.name}: ${c.detail}`).join('');
      const fixes = failed.map((c) => c.fix ?? '').filter(Boolean);
      throw messages.createError(
        'error.OrgNotReady',
        [details],
        [fixes.join('\n- ')],
        EXIT.orgNotReady,
      );
    }
    this.spinner.start('Handing the org to Overlap');
    const connection = await client.connectSalesforce({
      instanceUrl: conn.instanceUrl,
      accessToken: conn.accessToken!,
    });
    this.spinner.stop();
    this.logSuccess(messages.getMessage('connected', [connection.instanceUrl]));
    return { connection, checks };
  }
}
