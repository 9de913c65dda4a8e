import type { Partner } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand } from '../../lib/command';

const messages = loadMessages('overlap.partner.list');

export type PartnerListResult = Partner[];

export default class PartnerList extends OverlapCommand<PartnerListResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = { ...apiFlags };

  public async run(): Promise<PartnerListResult> {
    const { flags } = await this.parse(PartnerList);
    const client = await makeClient(flags);
    const partners = await client.listPartners();
    if (partners.length === 0) this.log(messages.getMessage('none'));
    else
      this.table({
        data: partners.map(({ id, name, kind, status }) => ({ id, name, kind, status })),
      });
    return partners;
  }
}
