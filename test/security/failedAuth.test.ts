import request from 'supertest';
import { createApp } from '../../api/src/app';
import { FAILED_AUTH_PER_MINUTE, KeyRateLimiter } from '../../api/src/http/auth';
import { createWorkspace, issueApiKey } from '../../api/src/mapping/workspaces';
import { createTestContext, type TestContext } from '../helpers/context';

// Guessing keys is slowed down per client address; a valid key keeps working meanwhile.
describe('failed API key attempts', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
  });
  afterAll(() => ctx.close());

  it('answers 429 with Retry-After once an address has used up its failed attempts', async () => {
    const app = createApp(ctx);
    const ws = await createWorkspace(ctx.db, 'Acme');
    const good = (await issueApiKey(ctx.db, ws.id, 'k', 'read')).key;
    const forged = `ovl_AAAAAAAA_${'A'.repeat(43)}`;
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE; i++) {
      await request(app).get('/v1/records').set('Authorization', `Bearer ${forged}`).expect(401);
    }
    const limited = await request(app).get('/v1/records').set('Authorization', `Bearer ${forged}`);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/v1/records').set('Authorization', `Bearer ${good}`).expect(200);
  });
});

describe('KeyRateLimiter', () => {
  it('forgets expired windows, so per-address counters stay bounded', () => {
    let now = 0;
    const limiter = new KeyRateLimiter(5, () => now);
    for (let i = 0; i < 10_000; i++) limiter.take(`ip:${i}`);
    expect(limiter.size).toBe(10_000);
    now = 61_000; // every window above has expired
    limiter.take('ip:new');
    expect(limiter.size).toBe(1);
    // a live window is kept and still counts
    for (let i = 0; i < 5; i++) expect(limiter.take('ip:new')).toBe(i < 4 ? 0 : 60);
  });
});
