import { Flags } from '@oclif/core';
import type { Partner } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand } from '../../lib/command';

const messages = loadMessages('overlap.partner.invite');

export interface PartnerInviteResult {
  partner: Partner;
  /** Only for an invite; shown once. */
  inviteToken?: string;
}

export default class PartnerInvite extends OverlapCommand<PartnerInviteResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    name: Flags.string({
      summary: messages.getMessage('flags.name.summary'),
      required: true,
      char: 'n',
    }),
    managed: Flags.boolean({
      summary: messages.getMessage('flags.managed.summary'),
      default: false,
    }),
  };

  public async run(): Promise<PartnerInviteResult> {
    const { flags } = await this.parse(PartnerInvite);
    const client = await makeClient(flags);
    const out = await client.invitePartner(flags.name, flags.managed ? 'managed' : 'workspace');
    const { partner } = out;
    if (out.inviteToken) {
      this.logSuccess(messages.getMessage('invited', [partner.name, partner.id]));
      this.log(`  ${out.inviteToken}`);
    } else {
      this.logSuccess(messages.getMessage('managed', [partner.name, partner.id, partner.id]));
    }
    return out.inviteToken ? { partner, inviteToken: out.inviteToken } : { partner };
  }
}
