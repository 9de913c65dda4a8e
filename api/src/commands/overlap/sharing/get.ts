import type { Sharing } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand, partnerFlag } from '../../lib/command';

const messages = loadMessages('overlap.sharing.get');

export type SharingGetResult = Sharing;

export default class SharingGet extends OverlapCommand<SharingGetResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = { ...apiFlags, partner: partnerFlag(true) };

  public async run(): Promise<SharingGetResult> {
    const { flags } = await this.parse(SharingGet);
    const client = await makeClient(flags);
    const sharing = await client.getSharing(flags.partner);
    this.styledHeader(`Sharing with ${sharing.partner.name}`);
    this.table({
      data: sharing.rules.map((r) => ({
        population: r.populationName,
        level: r.level,
        fields: r.fields.join(', '),
      })),
    });
    return sharing;
  }
}
