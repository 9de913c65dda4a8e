import type { Connection } from 'jsforce';
import type { Emulator } from '../emulator';
import { rejection, startEmulator } from './helpers';

interface Result {
  id: string | null;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string }>;
}

describe('emulator: fault injection', () => {
  let sf: Emulator;
  let conn: () => Connection;

  beforeAll(async () => {
    ({ sf, conn } = await startEmulator({ seed: 11 }));
  });
  afterAll(() => sf.close());
  beforeEach(() => {
    sf.faults.clear();
    sf.stats.reset();
  });

  const get = (path = '/sobjects/Account/describe'): Promise<Response> =>
    fetch(`${sf.url}/services/data/v${sf.apiVersion}${path}`, {
      headers: { Authorization: `Bearer ${sf.accessToken}` },
    });

  it.each([
    [{ requestLimitCalls: 2 }, 403, 'REQUEST_LIMIT_EXCEEDED'],
    [{ tooManyRequestsCalls: 2 }, 429, 'REQUEST_LIMIT_EXCEEDED'],
    [{ serverErrorCalls: 2 }, 503, 'SERVER_UNAVAILABLE'],
    [{ serverErrorCalls: 2, serverErrorStatus: 500 }, 500, 'SERVER_UNAVAILABLE'],
  ])('%j fails the next two calls with %i %s, then recovers', async (faults, status, code) => {
    sf.faults.set(faults);
    for (let i = 0; i < 2; i++) {
      const res = await get();
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual([{ message: expect.any(String), errorCode: code }]);
    }
    expect((await get()).status).toBe(200);
    expect(sf.stats.faultedCalls).toBe(2);
    expect(sf.stats.get('describe')).toBe(1);
  });

  it('surfaces REQUEST_LIMIT_EXCEEDED to jsforce as an error code', async () => {
    sf.faults.set({ requestLimitCalls: 1 });
    expect((await rejection(conn().query('SELECT Id FROM Account'))).errorCode).toBe(
      'REQUEST_LIMIT_EXCEEDED',
    );
  });

  it('rate-limits a repeatable share of calls', async () => {
    sf.faults.set({ rateLimitRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await get()).status);
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThan(5);
    expect(limited).toBeLessThan(35);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 200)).toBe(true);
  });

  it('fails the next N records with UNABLE_TO_LOCK_ROW; a retry lands them once', async () => {
    sf.faults.set({ lockRowRecords: 2 });
    const records = Array.from({ length: 5 }, (_, i) => ({
      Overlap_Id__c: `lock-${i}`,
      Name: `L${i}`,
    }));
    const first = (await conn().upsert('Partner__c', records, 'Overlap_Id__c')) as Result[];
    expect(first.map((r) => r.errors[0]?.statusCode ?? 'ok')).toEqual([
      'UNABLE_TO_LOCK_ROW',
      'UNABLE_TO_LOCK_ROW',
      'ok',
      'ok',
      'ok',
    ]);
    const retry = (await conn().upsert(
      'Partner__c',
      records.slice(0, 2),
      'Overlap_Id__c',
    )) as Result[];
    expect(retry.map((r) => r.created)).toEqual([true, true]);
    expect(
      sf.org.all('Partner__c').filter((r) => String(r.Overlap_Id__c).startsWith('lock-')),
    ).toHaveLength(5);
  });

  it('adds fixed latency to every response', async () => {
    sf.faults.set({ latencyMs: 60 });
    const started = performance.now();
    expect((await get()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('drops the connection after N records of a collections call, having committed them', async () => {
    sf.faults.set({ dropAfterRecords: 3 });
    const records = Array.from({ length: 5 }, (_, i) => ({
      Overlap_Id__c: `drop-${i}`,
      Name: `D${i}`,
    }));
    await expect(conn().upsert('Partner__c', records, 'Overlap_Id__c')).rejects.toThrow();
    const landed = () =>
      sf.org.all('Partner__c').filter((r) => String(r.Overlap_Id__c).startsWith('drop-'));
    expect(landed()).toHaveLength(3);
    const retry = (await conn().upsert('Partner__c', records, 'Overlap_Id__c')) as Result[];
    expect(retry.map((r) => r.created)).toEqual([false, false, false, true, true]);
    expect(landed()).toHaveLength(5);
  });

  it('drops the connection on an ingest job close while the job still runs to completion', async () => {
    const base = `${sf.url}/services/data/v${sf.apiVersion}/jobs/ingest`;
    const headers = {
      Authorization: `Bearer ${sf.accessToken}`,
      'Content-Type': 'application/json',
    };
    const job = (await (
      await fetch(base, {
        method: 'POST',
        headers,
        body: JSON.stringify({ object: 'Partner__c', operation: 'insert' }),
      })
    ).json()) as { id: string };
    const put = await fetch(`${base}/${job.id}/batches`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'text/csv' },
      body: 'Name,Overlap_Id__c\nBulkDrop,bd-1\n',
    });
    expect(put.status).toBe(201);
    sf.faults.set({ dropAfterRecords: 0 });
    await expect(
      fetch(`${base}/${job.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ state: 'UploadComplete' }),
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 30));
    const info = (await (await fetch(`${base}/${job.id}`, { headers })).json()) as {
      state: string;
      numberRecordsProcessed: number;
    };
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1 });
    expect(sf.org.findIdBy('Partner__c', 'Overlap_Id__c', 'bd-1')).toBeDefined();
  });
});
