import { BLOCK_KIT_LIMITS, escapeMrkdwn, truncate } from './slack';

/**
 * The weekly triage digest per partner, delivered through the same channels and dispatcher as
 * overlap alerts (topic `planning.digest`). Built by planning from overlaps as the workspace may
 * see them, so the partner's side carries only what the partner shares.
 */
export interface DigestAccount {
  overlapId: string;
  account: { sourceId: string; name: string };
  partnerPopulations: string[];
  score: number;
  why: string;
}

export interface DigestAlert {
  event: 'planning.digest';
  week: string;
  partner: { id: string; name: string };
  newOverlaps: { count: number; top: DigestAccount[] };
  toPlan: { count: number; top: DigestAccount[] };
  /** snoozed overlaps whose snooze ended: back in triage */
  wakingUp: DigestAccount[];
  nextSession: {
    id: string;
    title: string;
    startsAt: string;
    prepLate: boolean;
    reason: string | null;
  } | null;
  overduePlays: Array<{
    id: string;
    title: string;
    kind: string;
    shipDate: string | null;
    sender: string | null;
  }>;
  quietPersonas: Array<{ persona: string; daysSince: number }>;
  occurredAt: string;
}

export function digestHeadline(d: DigestAlert): string {
  return `Weekly triage with ${d.partner.name} (${d.week}): ${d.newOverlaps.count} new, ${d.toPlan.count} to plan`;
}

const line = (a: DigestAccount) =>
  `• *${escapeMrkdwn(a.account.name)}* — ${escapeMrkdwn(a.partnerPopulations.join(', ') || 'shared')} — score ${a.score} (${escapeMrkdwn(a.why)})`;

/** Block Kit for a digest, within the same limits as overlap alerts. */
export function slackDigestMessage(d: DigestAlert) {
  const L = BLOCK_KIT_LIMITS;
  const section = (title: string, lines: string[]) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(`*${title}*\n${lines.join('\n') || '—'}`, L.sectionText),
    },
  });
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(digestHeadline(d), L.headerText), emoji: false },
    },
    section(`New overlaps (${d.newOverlaps.count})`, d.newOverlaps.top.map(line)),
    section(`To plan (${d.toPlan.count})`, d.toPlan.top.map(line)),
  ];
  if (d.wakingUp.length) blocks.push(section('Back from snooze', d.wakingUp.map(line)));
  if (d.nextSession) {
    const s = d.nextSession;
    const prep = s.prepLate
      ? `:warning: prep late — ${escapeMrkdwn(s.reason ?? '')}`
      : 'agenda on time';
    blocks.push(
      section('Next planning session', [`${escapeMrkdwn(s.title)}`, `${s.startsAt} · ${prep}`]),
    );
  }
  if (d.overduePlays.length)
    blocks.push(
      section(
        'Overdue plays',
        d.overduePlays.map(
          (p) =>
            `• ${escapeMrkdwn(p.title)} (${p.kind}) — due ${p.shipDate ?? '—'}, sender ${escapeMrkdwn(p.sender ?? '—')}`,
        ),
      ),
    );
  if (d.quietPersonas.length)
    blocks.push(
      section(
        'Gone quiet',
        d.quietPersonas.map((q) => `• ${escapeMrkdwn(q.persona)}: ${q.daysSince} days`),
      ),
    );
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: truncate(`Overlap digest · ${d.occurredAt}`, L.sectionText) },
    ],
  });
  return {
    text: truncate(escapeMrkdwn(digestHeadline(d)), L.fallbackText),
    blocks: blocks.slice(0, L.blocks),
  };
}
