import { Flags } from '@oclif/core';
import type { Sharing, SharingLevel } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand, partnerFlag } from '../../lib/command';

const messages = loadMessages('overlap.sharing.set');

export type SharingSetResult = Sharing;

const LEVELS = ['hidden', 'counts', 'overlaps'] as const;

export default class SharingSet extends OverlapCommand<SharingSetResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    partner: partnerFlag(true),
    population: Flags.string({
      summary: messages.getMessage('flags.population.summary'),
      required: true,
    }),
    level: Flags.option({
      summary: messages.getMessage('flags.level.summary'),
      options: LEVELS,
      required: true,
    })(),
    fields: Flags.string({
      summary: messages.getMessage('flags.fields.summary'),
      delimiter: ',',
      multiple: true,
    }),
  };

  public async run(): Promise<SharingSetResult> {
    const { flags } = await this.parse(SharingSet);
    const fields = (flags.fields ?? []).map((f) => f.trim()).filter(Boolean);
    if (fields.length && flags.level !== 'overlaps')
      throw messages.createError('error.FieldsNeedOverlaps', [], [], 2);
    const client = await makeClient(flags);
    // The API replaces all rules at once: start from the current ones and change one population.
    const current = await client.getSharing(flags.partner);
    const wanted = flags.population.trim().toLowerCase();
    const target = current.rules.find((r) => r.populationName.toLowerCase() === wanted);
    if (!target) {
      const names = current.rules.map((r) => r.populationName).join(', ');
      throw messages.createError('error.UnknownPopulation', [flags.population, names], [], 2);
    }
    const rules = current.rules.map((r) => ({
      populationId: r.populationId,
      level: (r === target ? flags.level : r.level) as SharingLevel,
      fields: r === target ? fields : r.fields,
    }));
    const sharing = await client.setSharing(flags.partner, rules);
    const now = sharing.rules.find((r) => r.populationId === target.populationId)!;
    this.logSuccess(
      `${now.populationName} → ${now.level}${now.fields.length ? ` (${now.fields.join(', ')})` : ''} for ${sharing.partner.name}`,
    );
    return sharing;
  }
}
