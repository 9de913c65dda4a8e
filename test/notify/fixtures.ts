import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OverlapAlert } from '../../api/src/notify/alert';
import type { OutboxRow } from '../../api/src/notify/dispatcher';
import type { TestContext } from '../helpers/context';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A loopback receiver that answers `failFirst` requests with 500, then 200. */
export async function receiver(
  failFirst = 0,
): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = got.length < failFirst ? 500 : 200;
      got.push({ headers: req.headers, body, status });
      res.writeHead(status).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A workspace with one partner and `n` overlap.created events in its outbox. */
export async function workspaceWithEvents(ctx: TestContext, n: number) {
  const ws = randomUUID();
  const other = randomUUID();
  const partnerId = randomUUID();
  const now = ctx.now().toISOString();
  await ctx.db('workspaces').insert([
    { id: ws, name: 'Acme', settings: '{}', created_at: now },
    { id: other, name: 'Globex', settings: '{}', created_at: now },
  ]);
  await ctx.db('partners').insert({
    id: partnerId,
    workspace_id: ws,
    partner_workspace_id: other,
    name: 'Globex',
    kind: 'workspace',
    status: 'active',
    created_at: now,
  });
  for (let i = 0; i < n; i++) {
    await ctx.db('outbox').insert({
      workspace_id: ws,
      topic: 'overlap.created',
      aggregate_id: `ov-${i}`,
      payload: '{}',
      created_at: now,
    });
  }
  return { ws, partnerId };
}

/** Stand-in for the sharing-aware loader: the delivery mechanics do not depend on it. */
export function alertFor(partnerId: string) {
  return async (_ctx: unknown, e: OutboxRow): Promise<OverlapAlert> => ({
    event: 'overlap.created',
    overlapId: e.aggregateId,
    account: { sourceId: '001A', name: `Account ${e.aggregateId}` },
    partner: { id: partnerId, name: 'Globex' },
    myPopulations: ['Customers'],
    partnerPopulations: ['Prospects'],
    method: 'domain',
    confidence: 0.99,
    occurredAt: e.createdAt,
  });
}
