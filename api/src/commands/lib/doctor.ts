/** The checks behind `sf overlap doctor`, one function per line of its output. */
import { API_VERSION } from '../../version';
import { ApiError, ApiUnreachableError, type OverlapClient } from './apiClient';
import type { Check } from './orgChecks';

type Text = (key: string, tokens?: Array<string | number>) => string;

const major = (v: string): string => v.split('.')[0];

function failure(err: unknown): string {
  if (err instanceof ApiUnreachableError) return `no answer from ${err.url} (${err.reason})`;
  if (err instanceof ApiError) return `${err.status} ${err.message}`;
  return (err as Error).message;
}

/** API reachable, version compatible, key valid, org connected, last sync healthy. */
export async function checkApi(client: OverlapClient, t: Text): Promise<Check[]> {
  const checks: Check[] = [];
  try {
    const h = await client.health();
    checks.push({
      name: t('check.api'),
      status: 'pass',
      detail: `${client.baseUrl} (${h.status})`,
    });
    const compatible = major(h.version) === major(API_VERSION);
    checks.push({
      name: t('check.version'),
      status: compatible ? 'pass' : 'fail',
      detail: `API ${h.version}, CLI expects ${major(API_VERSION)}.x`,
      fix: compatible ? undefined : t('fix.version', [major(API_VERSION)]),
    });
  } catch (err) {
    checks.push({ name: t('check.api'), status: 'fail', detail: failure(err), fix: t('fix.api') });
    return checks;
  }
  if (!client.hasKey) {
    checks.push({
      name: t('check.key'),
      status: 'fail',
      detail: 'no key given',
      fix: t('fix.key'),
    });
    return checks;
  }
  try {
    const partners = await client.listPartners();
    checks.push({
      name: t('check.key'),
      status: 'pass',
      detail: `workspace has ${partners.length} partner(s)`,
    });
  } catch (err) {
    checks.push({ name: t('check.key'), status: 'fail', detail: failure(err), fix: t('fix.key') });
    return checks;
  }
  checks.push(await checkConnection(client, t), await checkLastSync(client, t));
  return checks;
}

async function checkConnection(client: OverlapClient, t: Text): Promise<Check> {
  try {
    const c = await client.getSalesforceConnection();
    return {
      name: t('check.connection'),
      status: 'pass',
      detail: `${c.instanceUrl} (${c.method})`,
    };
  } catch (err) {
    const notConnected = err instanceof ApiError && err.status === 404;
    return {
      name: t('check.connection'),
      status: 'fail',
      detail: notConnected ? 'no org connected' : failure(err),
      fix: t('fix.connection'),
    };
  }
}

async function checkLastSync(client: OverlapClient, t: Text): Promise<Check> {
  try {
    const [last] = await client.listSyncRuns(1);
    if (!last) return { name: t('check.sync'), status: 'skip', detail: 'no sync run yet' };
    const failed = last.status === 'failed' || last.status === 'partial';
    const errors = last.errors.length;
    return {
      name: t('check.sync'),
      status: failed ? 'fail' : 'pass',
      detail: `${last.status} at ${last.finishedAt ?? last.startedAt ?? last.createdAt}${errors ? `, ${errors} error(s)` : ''}`,
      fix: failed ? t('fix.sync') : undefined,
    };
  } catch (err) {
    return { name: t('check.sync'), status: 'fail', detail: failure(err), fix: t('fix.sync') };
  }
}
