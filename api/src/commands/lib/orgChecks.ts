/**
 * Checks an org for what Overlap needs: the metadata deployed (describe the custom objects and
 * the fields the sync writes) and the running user's access, which only our permission sets
 * grant. Each check says what is missing and the command that fixes it.
 */
import type { Connection, Org } from '@salesforce/core';
import { ACCOUNT_ROLLUPS, PUSH_OBJECTS } from '../../salesforce/fieldMap';

/** What a deploy of force-app must have put in the org: what we write plus the Account roll-ups. */
const DEPLOYED_OBJECTS = [...PUSH_OBJECTS, ACCOUNT_ROLLUPS];

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

interface DescribeResult {
  name: string;
  createable: boolean;
  updateable: boolean;
  queryable: boolean;
  fields: Array<{ name: string }>;
}

/** How fixes name the org: its username, unless the org was given as a raw access token. */
export function orgLabel(org: Org): string {
  const name = org.getUsername();
  return name && !name.includes('!') ? name : '<alias>';
}

export async function checkOrgSetup(conn: Connection, orgLabel: string): Promise<Check[]> {
  const deploy = `sf project deploy start --source-dir force-app --target-org ${orgLabel}`;
  const missing: string[] = [];
  const noAccess: string[] = [];
  for (const spec of DEPLOYED_OBJECTS) {
    let d: DescribeResult;
    try {
      d = (await conn.describe(spec.object)) as unknown as DescribeResult;
    } catch (err) {
      if (isNotFound(err)) {
        missing.push(spec.object);
        continue;
      }
      throw err;
    }
    const have = new Set(d.fields.map((f) => f.name));
    for (const f of Object.values(spec.fields) as Array<{ name: string }>)
      if (!have.has(f.name)) missing.push(`${spec.object}.${f.name}`);
    // describe answers for the running user: without the permission set the objects are not writable.
    if (spec.object.endsWith('__c') && !(d.queryable && d.createable && d.updateable))
      noAccess.push(spec.object);
  }
  const metadata: Check = missing.length
    ? {
        name: 'Overlap metadata deployed',
        status: 'fail',
        detail: `missing: ${missing.join(', ')}`,
        fix: deploy,
      }
    : {
        name: 'Overlap metadata deployed',
        status: 'pass',
        detail: DEPLOYED_OBJECTS.map((o) => o.object).join(', '),
      };
  let access: Check;
  if (missing.length) {
    access = {
      name: 'Permission set assigned',
      status: 'skip',
      detail: 'deploy the metadata first',
    };
  } else if (noAccess.length) {
    access = {
      name: 'Permission set assigned',
      status: 'fail',
      detail: `the running user cannot read and write ${noAccess.join(', ')}`,
      fix: `sf org assign permset --name Overlap_Admin --target-org ${orgLabel}`,
    };
  } else {
    access = {
      name: 'Permission set assigned',
      status: 'pass',
      detail: 'running user can read and write the objects',
    };
  }
  return [metadata, access];
}

function isNotFound(err: unknown): boolean {
  const e = err as { errorCode?: string; name?: string; message?: string };
  return (
    e?.errorCode === 'NOT_FOUND' ||
    e?.name === 'NOT_FOUND' ||
    e?.errorCode === 'INVALID_TYPE' ||
    /NOT_FOUND|INVALID_TYPE|requested resource does not exist/i.test(e?.message ?? '')
  );
}
