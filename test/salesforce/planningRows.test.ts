import { agendaItemRow, sessionRow, type SessionValues } from '../../api/src/salesforce/pushRows';
import { PLANNING_AGENDA_ITEM, PLANNING_SESSION } from '../../api/src/salesforce/fieldMap';

const session: SessionValues = {
  id: 's-1',
  partnerSfId: 'a01000000000001AAA',
  title: `Account planning — Globex Data — ${'Very Long Account Name, '.repeat(12)}Last`,
  startsAt: '2026-12-01T15:00:00Z',
  durationMinutes: 45,
  status: 'scheduled',
  trigger: 'high_value',
  prepLate: false,
  recordingUrl: null,
  agendaLoadedAt: null,
};

describe('planning rows for Salesforce', () => {
  it('maps API values to the picklist labels and cuts text to the field lengths', () => {
    const row = sessionRow(session);
    expect(row).toMatchObject({
      Session_Key__c: 's-1',
      Status__c: 'Scheduled',
      Trigger__c: 'High Value',
      Starts_At__c: '2026-12-01T15:00:00.000Z',
      Agenda_Loaded_At__c: null,
    });
    expect(String(row.Name)).toHaveLength(80);
    expect(String(row.Name).endsWith('…')).toBe(true);
    expect(String(row.Title__c).length).toBeLessThanOrEqual(255);
    const statuses = (['proposed', 'scheduled', 'held', 'cancelled'] as const).map(
      (status) => sessionRow({ ...session, status }).Status__c,
    );
    expect(statuses).toEqual(PLANNING_SESSION.fields.status.values);
    const triggers = (['cadence', 'high_value', 'batch', 'manual', 'imported'] as const).map(
      (trigger) => sessionRow({ ...session, trigger }).Trigger__c,
    );
    expect(triggers).toEqual(PLANNING_SESSION.fields.trigger.values);
  });

  it('sends a recording URL only when it fits the field whole', () => {
    const ok = 'https://meet.example.com/rec/1';
    expect(sessionRow({ ...session, recordingUrl: ok }).Recording_URL__c).toBe(ok);
    const long = `https://meet.example.com/${'x'.repeat(300)}`;
    expect(sessionRow({ ...session, recordingUrl: long }).Recording_URL__c).toBeNull();
  });

  it('labels every outcome as the picklist does, and leaves an open item blank', () => {
    const item = {
      id: 'i-1',
      sessionSfId: 'a02000000000001AAA',
      accountSourceId: '001000000000001AAA',
      accountName: 'Globex',
      motion: 'joint' as const,
      outcome: null,
      followUpOn: '2026-12-08',
      owner: null,
    };
    expect(agendaItemRow(item)).toMatchObject({
      Name: 'Globex — Joint',
      Motion__c: 'Joint',
      Outcome__c: null,
      Follow_Up__c: '2026-12-08',
      Owner_Name__c: null,
    });
    const outcomes = (['committed', 'intro_made', 'pipeline_created', 'stalled'] as const).map(
      (outcome) => agendaItemRow({ ...item, outcome }).Outcome__c,
    );
    expect(outcomes).toEqual(PLANNING_AGENDA_ITEM.fields.outcome.values);
  });
});
