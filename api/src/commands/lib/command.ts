/**
 * What every `sf overlap` command shares: the API flags, the client, and the translation of
 * API failures into sf errors with documented exit codes (see docs/cli.md).
 */
import { fileURLToPath } from 'node:url';
import { Flags } from '@oclif/core';
import { Messages, SfError } from '@salesforce/core';
import type { AnyJson } from '@salesforce/ts-types';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { ApiError, ApiUnreachableError, OverlapClient } from './apiClient';

/**
 * api/src/commands is an ES module folder (its package.json says so) because
 * @salesforce/sf-plugins-core 13 is ESM with top-level await deep in its graph, which
 * require() cannot load. The rest of the repo stays CommonJS.
 */
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

const shared = loadMessages('overlap.shared');

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** Exit codes scripts can rely on; 0 ok, 1 other failure, 2 bad flags (oclif). */
export const EXIT = {
  unreachable: 3,
  auth: 4,
  rejectedRows: 5,
  doctorProblems: 6,
  notFound: 7,
  syncFailed: 8,
} as const;

export const apiFlags = {
  'api-url': Flags.url({
    summary: shared.getMessage('flags.api-url.summary'),
    description: shared.getMessage('flags.api-url.description'),
    env: 'OVERLAP_API_URL',
  }),
  'api-key': Flags.string({
    summary: shared.getMessage('flags.api-key.summary'),
    description: shared.getMessage('flags.api-key.description'),
    env: 'OVERLAP_API_KEY',
  }),
};

export const partnerFlag = (required: true) =>
  Flags.string({ summary: shared.getMessage('flags.partner.summary'), required, char: 'p' });

export interface ApiFlagValues {
  'api-url'?: URL;
  'api-key'?: string;
}

export function makeClient(flags: ApiFlagValues, needKey = true): OverlapClient {
  const key = flags['api-key']?.trim();
  if (needKey && !key) throw shared.createError('error.NoApiKey', [], [], EXIT.auth);
  return new OverlapClient({ url: flags['api-url']?.toString() ?? DEFAULT_API_URL, key });
}

/** Maps client failures to sf errors with their exit codes; anything else passes through. */
export function toSfError(err: unknown): Error {
  if (err instanceof ApiUnreachableError) {
    return shared.createError(
      'error.ApiUnreachable',
      [err.url, err.reason],
      [err.url],
      EXIT.unreachable,
    );
  }
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 403) {
      return shared.createError('error.AuthFailed', [err.message], [], EXIT.auth);
    }
    if (err.status === 404)
      return shared.createError('error.NotFound', [err.message], [], EXIT.notFound);
    const items = err.errors
      .slice(0, 10)
      .map(
        (e) =>
          `\n  ${e.line !== undefined ? `line ${e.line}` : `#${e.index ?? '?'}`} ${e.field ?? ''}: ${e.reason}`,
      )
      .join('');
    const sfErr = shared.createError('error.ApiRequest', [err.status, err.message, items], [], 1);
    sfErr.setData({ status: err.status, code: err.code, errors: err.errors } as unknown as AnyJson);
    return sfErr;
  }
  return err instanceof Error ? err : new SfError(String(err));
}

/** Base class: translates API failures in `catch` so each command's run() stays about its work. */
export abstract class OverlapCommand<T> extends SfCommand<T> {
  protected override async catch(error: Error): Promise<never> {
    return super.catch(toSfError(error) as SfError);
  }
}
