import { alertHeadline, type OverlapAlert } from './alert';

/**
 * Block Kit limits we build within (api.slack.com/reference/block-kit/blocks): a message holds at
 * most 50 blocks; header text ≤ 150 chars; section text ≤ 3000; a section has ≤ 10 fields of
 * ≤ 2000 chars each; button text ≤ 75 chars and url ≤ 3000; top-level `text` fallback ≤ 40,000.
 */
export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonUrl: 3000,
  fallbackText: 40000,
} as const;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** Slack mrkdwn treats &, < and > as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const list = (xs: string[]) => (xs.length ? xs.join(', ') : '—');

export function slackMessage(alert: OverlapAlert) {
  const L = BLOCK_KIT_LIMITS;
  const field = (label: string, value: string) => ({
    type: 'mrkdwn',
    text: truncate(`*${label}*\n${escapeMrkdwn(value)}`, L.fieldText),
  });
  const fields = [
    field('Account', alert.account.name),
    field('Partner', alert.partner.name),
    field('Our populations', list(alert.myPopulations)),
    field(`${alert.partner.name} has it as`, list(alert.partnerPopulations)),
    field('Our owner', alert.account.ownerName ?? '—'),
  ];
  const owner = [alert.partnerOwner?.name, alert.partnerOwner?.email].filter(Boolean).join(' · ');
  if (owner) fields.push(field(`Owner at ${alert.partner.name}`, owner));
  fields.push(field('Match', `${alert.method}, confidence ${alert.confidence.toFixed(2)}`));

  const blocks: unknown[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(alertHeadline(alert), L.headerText),
        emoji: false,
      },
    },
    { type: 'section', fields: fields.slice(0, L.sectionFields) },
  ];
  if (alert.accountUrl && alert.accountUrl.length <= L.buttonUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: {
            type: 'plain_text',
            text: truncate('Open the Account in Salesforce', L.buttonText),
          },
          url: alert.accountUrl,
          action_id: 'open_account',
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(`Overlap ${alert.overlapId} · ${alert.occurredAt}`, L.sectionText),
      },
    ],
  });
  return {
    // The fallback text is parsed as mrkdwn (notifications), so it is escaped like the fields.
    text: truncate(escapeMrkdwn(alertHeadline(alert)), L.fallbackText),
    blocks: blocks.slice(0, L.blocks),
  };
}
