import { createHmac } from 'node:crypto';
import { BLOCK_KIT_LIMITS } from '../../api/src/notify/slack';
import { insertChannel } from '../../api/src/notify/channelsStore';
import { slackDigestMessage, type DigestAlert } from '../../api/src/notify/digestAlert';
import { runNotifier } from '../../api/src/notify/dispatcher';
import { loadAlert } from '../../api/src/notify/source';
import { runDigests } from '../../api/src/planning/digestService';
import { createPlay } from '../../api/src/planning/plays';
import { putPlanningSettings } from '../../api/src/planning/settingsStore';
import { PlanningSettingsSchema } from '../../api/src/planning/types';
import { createTestContext, testDatabases, type TestContext } from '../helpers/context';
import { receiver, workspaceWithEvents } from '../notify/fixtures';

describe.each(testDatabases())('weekly digest through the notify channels (%s)', (kind) => {
  let ctx: TestContext;
  let clock = new Date('2026-11-20T12:00:00Z');
  beforeEach(async () => {
    ctx = await createTestContext(kind);
    ctx.now = () => clock;
  });
  afterEach(() => ctx.close());

  it('is enqueued once per partner and week at the local digest hour, and arrives exactly once', async () => {
    const { ws, partnerId } = await workspaceWithEvents(ctx, 0);
    await putPlanningSettings(
      ctx.db,
      ws,
      PlanningSettingsSchema.parse({
        timeZone: 'America/New_York',
        digestWeekday: 1,
        digestHour: 8,
      }),
    );
    clock = new Date('2026-11-20T12:00:00Z');
    await createPlay(
      ctx.db,
      ws,
      partnerId,
      {
        kind: 'sdr_push',
        title: 'SDR push on shared customers',
        theirOwner: 'Dev',
        sender: 'Ana',
        shipDate: '2026-11-19',
        status: 'in_progress',
        accountSourceIds: [],
        notes: null,
      },
      clock,
      '2026-11-20',
    );
    const rx = await receiver(2);
    const secret = 's'.repeat(32);
    await insertChannel(ctx, {
      workspaceId: ws,
      partnerId: null,
      kind: 'webhook',
      name: 'digest hook',
      topics: ['planning.digest'],
      target: { url: rx.url, secret },
    });
    try {
      clock = new Date('2026-11-23T12:59:00Z'); // Monday 07:59 in New York
      expect(await runDigests(ctx)).toEqual({ enqueued: 0 });
      clock = new Date('2026-11-23T13:00:00Z'); // 08:00
      expect(await runDigests(ctx)).toEqual({ enqueued: 1 });
      clock = new Date('2026-11-25T13:00:00Z');
      expect(await runDigests(ctx)).toEqual({ enqueued: 0 }); // same week

      const opts = { loadAlert, baseDelayMs: 1000, maxDelayMs: 1000, random: () => 1 };
      for (let i = 0; i < 4; i++) {
        await runNotifier(ctx, opts);
        clock = new Date(clock.getTime() + 2000);
      }
      expect(rx.got.map((g) => g.status)).toEqual([500, 500, 200]);
      const keys = new Set(rx.got.map((g) => g.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      const ok = rx.got[2];
      const body = JSON.parse(ok.body) as { type: string; data: DigestAlert };
      expect(body.type).toBe('planning.digest');
      expect(body.data).toMatchObject({
        week: '2026-W48',
        partner: { id: partnerId },
        overduePlays: [expect.objectContaining({ title: 'SDR push on shared customers' })],
      });
      // verified with node's HMAC directly, not the module under test
      const sig = String(ok.headers['overlap-signature']);
      const t = /t=(\d+)/.exec(sig)![1];
      expect(sig).toContain(
        `v1=${createHmac('sha256', secret).update(`${t}.${ok.body}`).digest('hex')}`,
      );

      clock = new Date('2026-11-30T14:00:00Z'); // next Monday 09:00
      expect(await runDigests(ctx)).toEqual({ enqueued: 1 });
    } finally {
      await rx.close();
    }
  });

  it('is not produced for workspaces without a digest channel', async () => {
    const { ws } = await workspaceWithEvents(ctx, 0);
    await insertChannel(ctx, {
      workspaceId: ws,
      partnerId: null,
      kind: 'webhook',
      name: 'alerts only',
      topics: ['overlap.created'],
      target: { url: 'http://127.0.0.1:9/x' },
    });
    clock = new Date('2026-11-23T13:00:00Z');
    expect(await runDigests(ctx)).toEqual({ enqueued: 0 });
  });
});

describe('digest Slack message', () => {
  it('stays within Block Kit limits however much there is to say', () => {
    const acc = (i: number) => ({
      overlapId: `o${i}`,
      account: { sourceId: `A${i}`, name: `${'Very Long Account Name <&> '.repeat(8)}${i}` },
      partnerPopulations: ['Customers'],
      score: 80,
      why: 'our Open Opportunities × their Customers',
    });
    const d: DigestAlert = {
      event: 'planning.digest',
      week: '2026-W48',
      partner: { id: 'p', name: 'G'.repeat(300) },
      newOverlaps: { count: 500, top: Array.from({ length: 200 }, (_, i) => acc(i)) },
      toPlan: { count: 200, top: Array.from({ length: 200 }, (_, i) => acc(i)) },
      wakingUp: Array.from({ length: 100 }, (_, i) => acc(i)),
      nextSession: {
        id: 's',
        title: 'T'.repeat(5000),
        startsAt: '2026-11-30T15:00:00.000Z',
        prepLate: true,
        reason: 'r'.repeat(4000),
      },
      overduePlays: Array.from({ length: 100 }, (_, i) => ({
        id: `${i}`,
        title: 'Play '.repeat(50),
        kind: 'webinar',
        shipDate: '2026-11-01',
        sender: 'Ana',
      })),
      quietPersonas: Array.from({ length: 100 }, (_, i) => ({
        persona: `Persona ${i}`,
        daysSince: 40,
      })),
      occurredAt: '2026-11-23T13:00:00.000Z',
    };
    const msg = slackDigestMessage(d);
    const L = BLOCK_KIT_LIMITS;
    expect(msg.blocks.length).toBeLessThanOrEqual(L.blocks);
    expect(msg.text.length).toBeLessThanOrEqual(L.fallbackText);
    for (const b of msg.blocks as Array<{
      type: string;
      text?: { text: string };
      elements?: Array<{ text: string }>;
    }>) {
      if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(L.headerText);
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(L.sectionText);
      for (const e of b.elements ?? []) expect(e.text.length).toBeLessThanOrEqual(L.sectionText);
    }
    expect(JSON.stringify(msg)).not.toContain('<&>'); // mrkdwn control characters escaped
  });
});
