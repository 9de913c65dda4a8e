import type { AppContext } from '../context';
import { generateDemo, prng, type DemoCompany, type DemoOpportunity } from '../demo/generate';
import { recomputeAttribution } from './service';
import { insertTouches, type TouchInput } from './touchesStore';

const DAY_MS = 86_400_000;
/** generateDemo's default: Acme's last 600 accounts are companies Globex has too. */
const DEMO_SHARED_ACCOUNTS = 600;
export const DEMO_TOUCH_SEED = 8_2026;

export type DemoTouch = Omit<TouchInput, 'partnerId'>;

const at = (ms: number) => {
  const d = new Date(ms);
  d.setUTCHours(15, 0, 0, 0); // mid-afternoon UTC, so a touch never lands on a day boundary
  return d.toISOString();
};

/**
 * Deterministic touches of Globex on Acme's opportunities over shared accounts: referrals and
 * intros made before some opportunities were created (sourced), co-sell meetings while others
 * were open (influenced), intro requests, and a few meetings after close (which must not count).
 * Won deals get partner touches more often, which is the pattern the lift metric shows.
 */
export function demoTouches(acme: DemoCompany, anchor: Date, seed = DEMO_TOUCH_SEED): DemoTouch[] {
  const rnd = prng(seed);
  const shared = new Set(acme.accounts.slice(-DEMO_SHARED_ACCOUNTS).map((a) => a.Id));
  const out: DemoTouch[] = [];
  const push = (
    o: DemoOpportunity,
    type: DemoTouch['type'],
    ms: number,
    linkOpp: boolean,
    note: string,
  ) =>
    out.push({
      accountSourceId: o.AccountId,
      opportunitySourceId: linkOpp ? o.Id : null,
      type,
      occurredAt: at(ms),
      source: (['sync', 'lwc', 'api'] as const)[out.length % 3],
      ref: `demo-${out.length + 1}`,
      note,
    });
  for (const o of acme.opportunities) {
    if (!shared.has(o.AccountId)) continue;
    const created = Date.parse(o.CreatedDate);
    const closeEnd = o.IsClosed ? Date.parse(`${o.CloseDate}T00:00:00Z`) : anchor.getTime();
    const chance = o.IsWon ? 0.6 : o.IsClosed ? 0.2 : 0.35;
    const r = rnd();
    if (r < chance * 0.4) {
      const type = rnd() < 0.5 ? 'referral' : 'intro_made';
      push(
        o,
        type,
        created - (3 + Math.floor(rnd() * 80)) * DAY_MS,
        type === 'referral',
        'Globex brought this deal',
      );
    } else if (r < chance) {
      const span = Math.max(1, Math.floor((closeEnd - created) / DAY_MS) - 1);
      push(
        o,
        'co_sell_meeting',
        created + (1 + Math.floor(rnd() * span)) * DAY_MS,
        true,
        'Joint call with the Globex AE',
      );
    } else if (r < chance + 0.05) {
      push(
        o,
        'intro_requested',
        created - (1 + Math.floor(rnd() * 30)) * DAY_MS,
        false,
        'Asked Globex for an intro',
      );
    }
    if (o.IsClosed && rnd() < 0.05) {
      push(
        o,
        'co_sell_meeting',
        closeEnd + (2 + Math.floor(rnd() * 20)) * DAY_MS,
        true,
        'Follow-up after close',
      );
    }
  }
  return out;
}

/** Demo hook: records Globex's touches in Acme's workspace, then computes Acme's attributions. */
export async function attributionDemoHook(
  ctx: AppContext,
  ids: { acme: string; globex: string },
): Promise<void> {
  const partner = await ctx
    .db('partners')
    .select('id')
    .where({ workspace_id: ids.acme, partner_workspace_id: ids.globex })
    .first();
  if (!partner) throw new Error('demo: Acme has no partner row for Globex');
  const { acme, anchor } = generateDemo();
  const touches = demoTouches(acme, anchor).map((t) => ({ ...t, partnerId: String(partner.id) }));
  await insertTouches(ctx.db, ids.acme, touches, ctx.now());
  await recomputeAttribution(ctx, ids.acme);
}
