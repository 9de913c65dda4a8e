/**
 * What every `sf overlap` command shares: the API flags, the client, and the translation of
 * API failures into sf errors with documented exit codes (see docs/cli.md).
 */
import { Flags } from '@oclif/core';
import { SfError } from '@salesforce/core';
import type { AnyJson } from '@salesforce/ts-types';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { ApiError, ApiUnreachableError, OverlapClient } from './apiClient';
import { resolveApi, type ApiFlagValues } from './apiSettings';
import { loadMessages } from './messages';

export { loadMessages };
export type { ApiFlagValues };

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
  orgNotReady: 9,
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

/** The API client; URL and key from flag, env var or sf config (see apiSettings.ts). */
export async function makeClient(flags: ApiFlagValues, needKey = true): Promise<OverlapClient> {
  const { url, key } = await resolveApi(flags);
  if (needKey && !key) throw shared.createError('error.NoApiKey', [], [], EXIT.auth);
  return new OverlapClient({ url: url ?? DEFAULT_API_URL, key });
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
