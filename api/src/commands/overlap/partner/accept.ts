import { Flags } from '@oclif/core';
import type { Partner } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand } from '../../lib/command';

const messages = loadMessages('overlap.partner.accept');

export type PartnerAcceptResult = Partner;

export default class PartnerAccept extends OverlapCommand<PartnerAcceptResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    token: Flags.string({
      summary: messages.getMessage('flags.token.summary'),
      required: true,
      char: 't',
    }),
  };

  public async run(): Promise<PartnerAcceptResult> {
    const { flags } = await this.parse(PartnerAccept);
    const client = await makeClient(flags);
    const partner = await client.acceptInvite(flags.token.trim());
    this.logSuccess(messages.getMessage('accepted', [partner.name, partner.id]));
    return partner;
  }
}
