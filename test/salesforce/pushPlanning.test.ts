import { testDatabases } from '../helpers/context';
import { startSync } from '../../api/src/salesforce/sync';
import { createSession, patchSession } from '../../api/src/planning/sessionService';
import { putTargets } from '../../api/src/planning/targetsService';
import { fastRetry, seedOverlaps, setup, type Fixture } from './fixture';

const NOW = new Date('2026-11-20T12:00:00.000Z'); // a Friday in 2026-Q4

describe.each(testDatabases())('planning push against the emulator (%s)', (kind) => {
  let f: Fixture;
  let overlapIds: string[];
  beforeAll(async () => {
    f = await setup(kind);
    f.ctx.now = () => NOW;
    overlapIds = await seedOverlaps(f, 3);
  });
  afterAll(() => f.close());

  async function sync() {
    const { done } = await startSync(f.ctx, f.acme, 'api', { retry: fastRetry(), pull: false });
    const run = await done;
    expect(run.errors).toEqual([]);
    return run;
  }

  const byKey = (object: string, key: string) =>
    new Map(f.sf.org.all(object).map((r) => [String(r[key]), r]));

  it('lands sessions, agenda items and plan versus target; an unchanged resync writes nothing; changes and deletions follow', async () => {
    await putTargets(f.ctx, f.acme, [{ partnerId: f.partnerId, quarter: '2026-Q4', target: 10 }]);
    const base = { durationMinutes: 45, shape: 'partner_managers' as const, attendees: [] };
    // Monday after NOW: fewer than 3 business days of prep → late
    const soon = await createSession(f.ctx, f.acme, {
      ...base,
      partnerId: f.partnerId,
      startsAt: '2026-11-23T15:00:00.000Z',
      status: 'scheduled',
      recordingUrl: 'https://meet.example.com/rec/1',
      agenda: [
        { overlapId: overlapIds[0], motion: 'ask', owner: 'Ana Owner' },
        { overlapId: overlapIds[1] },
      ],
    });
    const later = await createSession(f.ctx, f.acme, {
      ...base,
      partnerId: f.partnerId,
      startsAt: '2026-12-10T15:00:00.000Z',
      status: 'scheduled',
      agenda: [{ overlapId: overlapIds[2], motion: 'give', followUpOn: '2026-12-17' }],
    });
    expect(soon.errors).toEqual([]);
    expect(soon.session.prep.prepLate).toBe(true);
    expect(later.session.prep.prepLate).toBe(false);

    f.sf.stats.reset();
    const first = await sync();
    expect(first.status).toBe('succeeded');
    const [partner] = f.sf.org.all('Partner__c');
    expect(partner).toMatchObject({
      Plan_Quarter__c: '2026-Q4',
      Quarter_Target__c: 10,
      Quarter_Planned__c: 3,
    });
    const sessions = byKey('Planning_Session__c', 'Session_Key__c');
    expect(sessions.size).toBe(2);
    expect(f.sf.org.all('Planning_Session__c')).toHaveLength(2);
    const s1 = sessions.get(soon.session.id)!;
    expect(s1).toMatchObject({
      Partner__c: partner.Id,
      Status__c: 'Scheduled',
      Trigger__c: 'Manual',
      Duration_Minutes__c: 45,
      Prep_Late__c: true,
      Recording_URL__c: 'https://meet.example.com/rec/1',
      Title__c: soon.session.title,
    });
    expect(new Date(String(s1.Starts_At__c)).toISOString()).toBe('2026-11-23T15:00:00.000Z');
    expect(String(s1.Title__c)).toMatch(/^Account planning — Globex Data — Account \d/);
    expect(sessions.get(later.session.id)).toMatchObject({ Prep_Late__c: false });

    const items = byKey('Planning_Agenda_Item__c', 'Agenda_Item_Key__c');
    expect(items.size).toBe(3);
    expect(f.sf.org.all('Planning_Agenda_Item__c')).toHaveLength(3);
    const ask = items.get(soon.session.agenda[0].id)!;
    expect(ask).toMatchObject({
      Planning_Session__c: s1.Id,
      Account__c: soon.session.agenda[0].account.sourceId,
      Motion__c: 'Ask',
      Owner_Name__c: 'Ana Owner',
      Outcome__c: null,
    });
    expect(f.sf.org.get('Account', String(ask.Account__c))).toBeDefined();
    expect(items.get(later.session.agenda[0].id)).toMatchObject({
      Planning_Session__c: sessions.get(later.session.id)!.Id,
      Motion__c: 'Give',
      Follow_Up__c: '2026-12-17',
    });

    // nothing changed: not one write call
    f.sf.stats.reset();
    const again = await sync();
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
    expect(again.counts).toMatchObject({ pushed: 0, writeCalls: 0 });

    // a held session and a recorded outcome: only those two rows travel
    await patchSession(f.ctx, f.acme, soon.session.id, { status: 'held' });
    await f.ctx
      .db('planning_agenda_items')
      .where({ id: soon.session.agenda[1].id })
      .update({ outcome: 'intro_made' });
    f.sf.stats.reset();
    const changed = await sync();
    expect(changed.counts).toMatchObject({ pushed: 2, failed: 0 });
    expect(f.sf.stats.snapshot().calls).toEqual({ 'collections.upsert': 2 });
    expect(byKey('Planning_Session__c', 'Session_Key__c').get(soon.session.id)).toMatchObject({
      Status__c: 'Held',
    });
    expect(
      byKey('Planning_Agenda_Item__c', 'Agenda_Item_Key__c').get(soon.session.agenda[1].id),
    ).toMatchObject({ Outcome__c: 'Intro Made' });

    // a session that is gone from Overlap is deleted in the org, with its items
    await f.ctx.db('planning_agenda_items').where({ session_id: later.session.id }).delete();
    await f.ctx.db('planning_sessions').where({ id: later.session.id }).delete();
    const removed = await sync();
    expect(removed.counts).toMatchObject({ deleted: 2, pushed: 1 }); // the partner's planned count
    expect(f.sf.org.all('Planning_Session__c')).toHaveLength(1);
    expect(f.sf.org.all('Planning_Agenda_Item__c')).toHaveLength(2);
    expect(f.sf.org.all('Partner__c')[0]).toMatchObject({ Quarter_Planned__c: 2 });
  });
});
