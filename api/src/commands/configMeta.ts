/**
 * The plugin's sf config variables, registered through package.json's `oclif.configMeta` entry:
 * the sf CLI (plugin-settings) loads this file so `sf config set overlap-api-url=… overlap-api-key=…`
 * accepts them. The key is stored encrypted, like org auth, with the sf CLI's keychain key.
 */
import type { ConfigPropertyMeta, ConfigValue } from '@salesforce/core';
import { loadMessages } from './lib/messages';

const messages = loadMessages('overlap.config');

export const ConfigKey = {
  apiUrl: 'overlap-api-url',
  apiKey: 'overlap-api-key',
} as const;

const isHttpUrl = (value: ConfigValue): boolean =>
  typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

const configMeta: ConfigPropertyMeta[] = [
  {
    key: ConfigKey.apiUrl,
    description: messages.getMessage('overlap-api-url.description'),
    input: {
      // unset passes undefined
      validator: (value) => value == null || isHttpUrl(value),
      failedMessage: (value) => messages.getMessage('overlap-api-url.invalid', [String(value)]),
    },
  },
  {
    key: ConfigKey.apiKey,
    description: messages.getMessage('overlap-api-key.description'),
    encrypted: true,
    input: {
      validator: (value) => value == null || (typeof value === 'string' && /^\S+$/.test(value)),
      // A fixed text: without failedMessage sf would echo the rejected value, i.e. the key.
      failedMessage: messages.getMessage('overlap-api-key.invalid'),
    },
  },
];

export default configMeta;
