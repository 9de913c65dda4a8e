/**
 * Where the API URL and key come from, in order: the flag, its environment variable (oclif fills
 * the flag from OVERLAP_API_URL / OVERLAP_API_KEY), then the sf config (`sf config set
 * overlap-api-url=… overlap-api-key=…`, project `.sf/config.json` over the global one).
 * The key is only handed on, never printed, logged or put into an error.
 */
import { Config, ConfigAggregator } from '@salesforce/core';
import configMeta, { ConfigKey } from '../configMeta';
import { loadMessages } from './messages';

const shared = loadMessages('overlap.shared');

export interface ApiFlagValues {
  'api-url'?: URL;
  'api-key'?: string;
}

export interface ResolvedApi {
  url?: string;
  key?: string;
}

const present = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** The overlap-* values of the sf config, decrypted; a file that cannot be read is a clear error. */
export async function readSfConfig(): Promise<ResolvedApi> {
  // Under the sf CLI plugin-settings registers configMeta at init; bin/run.js has no such hook.
  // Registering twice is a no-op. The aggregator SfCommand built at init may have read the files
  // before our keys were known (the key then still encrypted), so read them again.
  Config.addAllowedProperties(configMeta);
  let aggregator: ConfigAggregator;
  try {
    aggregator = await (await ConfigAggregator.create()).reload();
  } catch (err) {
    // core's crypto and file errors name the file or the cause, never the stored value
    throw shared.createError('error.ConfigUnreadable', [(err as Error).message], [], 1);
  }
  return {
    url: present(aggregator.getPropertyValue(ConfigKey.apiUrl)),
    key: present(aggregator.getPropertyValue(ConfigKey.apiKey)),
  };
}

/** Flag (or env var) first; the sf config is read only for what they leave open. */
export async function resolveApi(flags: ApiFlagValues): Promise<ResolvedApi> {
  const given: ResolvedApi = { url: flags['api-url']?.toString(), key: present(flags['api-key']) };
  if (given.url && given.key) return given;
  const stored = await readSfConfig();
  if (!given.url && stored.url && !URL.canParse(stored.url)) {
    throw shared.createError('error.BadConfigUrl', [ConfigKey.apiUrl, stored.url], [], 2);
  }
  return { url: given.url ?? stored.url, key: given.key ?? stored.key };
}
