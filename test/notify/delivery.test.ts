import { insertChannel, updateChannel } from '../../api/src/notify/channelsStore';
import {
  deliverDue,
  enqueueAlerts,
  runNotifier,
  type NotifierOptions,
} from '../../api/src/notify/dispatcher';
import { verifySignature } from '../../api/src/notify/signature';
import { createTestContext, testDatabases, type TestContext } from '../helpers/context';
import { alertFor, receiver, workspaceWithEvents } from './fixtures';

describe.each(testDatabases())('alert delivery (%s)', (kind) => {
  let ctx: TestContext;
  let clock: number;
  beforeEach(async () => {
    ctx = await createTestContext(kind);
    clock = Date.parse('2026-11-27T10:00:00Z');
    ctx.now = () => new Date(clock);
  });
  afterEach(() => ctx.close());

  // A signed webhook channel for every partner of `ws`.
  const hook = (ws: string, url: string, partnerId: string | null = null) =>
    insertChannel(ctx, {
      workspaceId: ws,
      partnerId,
      kind: 'webhook',
      name: 'hook',
      topics: ['overlap.created'],
      target: { url, secret: 'x'.repeat(16) },
    });

  const options = (partnerId: string, extra: Partial<NotifierOptions> = {}): NotifierOptions => ({
    loadAlert: alertFor(partnerId),
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    random: () => 1,
    ...extra,
  });
  // Runs passes while moving the simulated clock past every retry delay.
  async function drain(opts: NotifierOptions, passes: number) {
    for (let i = 0; i < passes; i++) {
      await runNotifier(ctx, opts);
      clock += 61_000;
    }
  }

  it('delivers to a receiver that fails three times exactly once, signed, with one idempotency key', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 1);
    const rx = await receiver(3);
    try {
      await insertChannel(ctx, {
        workspaceId: ws,
        partnerId: null,
        kind: 'webhook',
        name: 'crm hook',
        topics: ['overlap.created'],
        target: { url: rx.url, secret: 's3cret-s3cret-s3cret' },
      });
      await drain(options(partnerId), 8);
      expect(rx.got.map((r) => r.status)).toEqual([500, 500, 500, 200]);
      const keys = new Set(rx.got.map((r) => r.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      const ok = rx.got[3];
      const sig = String(ok.headers['overlap-signature']);
      expect(
        verifySignature('s3cret-s3cret-s3cret', sig, ok.body, Math.floor(clock / 1000), 3600),
      ).toBe(true);
      expect(JSON.parse(ok.body)).toMatchObject({
        type: 'overlap.created',
        data: { overlapId: 'ov-0' },
      });
      const [row] = await ctx.db('alert_deliveries').select();
      expect(row.status).toBe('delivered');
      expect(Number(row.attempts)).toBe(4);
    } finally {
      await rx.close();
    }
  });

  it('backs off between attempts: nothing is sent before the retry time', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 1);
    const rx = await receiver(1);
    try {
      await hook(ws, rx.url);
      await runNotifier(ctx, options(partnerId));
      await runNotifier(ctx, options(partnerId)); // same instant: the retry is not due yet
      expect(rx.got).toHaveLength(1);
      clock += 1000; // base delay with random()=1 → exactly 1 s for the first retry
      await runNotifier(ctx, options(partnerId));
      expect(rx.got.map((r) => r.status)).toEqual([500, 200]);
    } finally {
      await rx.close();
    }
  });

  it('survives a restart: events read once, a delivery leased by a dead worker is sent again once', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 3);
    const rx = await receiver(0);
    try {
      await hook(ws, rx.url);
      expect(await enqueueAlerts(ctx, options(partnerId))).toBe(3);
      expect(await enqueueAlerts(ctx, options(partnerId))).toBe(0); // cursor moved: nothing twice
      // A worker leased one and died before sending.
      const [first] = await ctx.db('alert_deliveries').orderBy('id').limit(1);
      await ctx
        .db('alert_deliveries')
        .where({ id: first.id })
        .update({ status: 'sending', lease_until: new Date(clock + 60_000).toISOString() });
      await deliverDue(ctx, options(partnerId));
      expect(rx.got).toHaveLength(2); // the leased one waits for its lease to run out
      clock += 61_000;
      await deliverDue(ctx, options(partnerId));
      await deliverDue(ctx, options(partnerId));
      expect(rx.got).toHaveLength(3);
      expect(new Set(rx.got.map((r) => r.headers['idempotency-key'])).size).toBe(3);
    } finally {
      await rx.close();
    }
  });

  it('switches off a channel that keeps failing and says why; re-enabling resumes', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 2);
    const rx = await receiver(3); // broken for three requests, then fixed
    try {
      const ch = await insertChannel(ctx, {
        workspaceId: ws,
        partnerId: null,
        kind: 'slack',
        name: 'slack',
        topics: ['overlap.created'],
        target: { url: rx.url },
      });
      await drain(options(partnerId, { disableAfter: 3 }), 6);
      const row = await ctx.db('alert_channels').where({ id: ch.id }).first();
      expect(Boolean(row.enabled)).toBe(false);
      expect(row.disabled_reason).toMatch(/3 consecutive failed deliveries; last: HTTP 500/);
      expect(rx.got).toHaveLength(3);
      const pending = await ctx.db('alert_deliveries').where({ status: 'pending' });
      expect(pending).toHaveLength(2); // kept for when the channel is fixed
      await updateChannel(ctx.db, ws, ch.id, { enabled: true });
      await drain(options(partnerId, { disableAfter: 3 }), 3);
      expect(rx.got.map((r) => r.status)).toEqual([500, 500, 500, 200, 200]);
      expect(JSON.parse(rx.got[3].body).blocks[0].type).toBe('header');
    } finally {
      await rx.close();
    }
  });

  it('gives a delivery up as dead after maxAttempts', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 1);
    const rx = await receiver(1000);
    try {
      await hook(ws, rx.url);
      await drain(options(partnerId, { maxAttempts: 2, disableAfter: 100 }), 5);
      expect(rx.got).toHaveLength(2);
      const [row] = await ctx.db('alert_deliveries').select();
      expect(row.status).toBe('dead');
      expect(row.last_error).toMatch(/HTTP 500/);
    } finally {
      await rx.close();
    }
  });

  it('routes partner-specific channels only that partner’s alerts', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 2);
    const rx = await receiver(0);
    try {
      const another = 'another-partner';
      const other = await ctx.db('partners').where({ id: partnerId }).first();
      await ctx.db('partners').insert({ ...other, id: another, name: 'Initech' });
      await insertChannel(ctx, {
        workspaceId: ws,
        partnerId: another,
        kind: 'webhook',
        name: 'other',
        topics: ['overlap.created'],
        target: { url: rx.url, secret: 'x'.repeat(16) },
      });
      await insertChannel(ctx, {
        workspaceId: ws,
        partnerId,
        kind: 'webhook',
        name: 'mine',
        topics: ['overlap.created'],
        target: { url: rx.url, secret: 'x'.repeat(16) },
      });
      expect(await enqueueAlerts(ctx, options(partnerId))).toBe(2);
    } finally {
      await rx.close();
    }
  });
});
