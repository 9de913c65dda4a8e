/**
 * Loads this plugin's `messages/<bundle>.md` texts. Kept apart from command.ts so configMeta.ts
 * (which `sf config set` imports) does not pull in sf-plugins-core.
 */
import { fileURLToPath } from 'node:url';
import { Messages } from '@salesforce/core';

// @ts-expect-error import.meta is valid here (ESM folder); tsconfig's module is commonjs for the rest of the repo.
const here: string = import.meta.url;

/** Loads a `messages/<bundle>.md` file of this plugin (repo-root messages/ folder, as sf plugins keep it). */
export function loadMessages(bundle: string): Messages<string> {
  // The folder's own package.json would stop the usual walk up to the repo root: name the root.
  Messages.importMessagesDirectory(
    fileURLToPath(new URL('../../../../', here)).replace(/\/$/, ''),
    false,
    'overlap',
  );
  return Messages.loadMessages('overlap', bundle);
}
