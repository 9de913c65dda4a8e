/** Domain shapes of attribution: touches, evidence, opportunities and the attributions they yield. */

export const TOUCH_TYPES = [
  'intro_requested',
  'intro_accepted',
  'intro_declined',
  'intro_made',
  'co_sell_meeting',
  'referral',
] as const;
export type StoredTouchType = (typeof TOUCH_TYPES)[number];
/** `customer_overlap` is never posted: it is derived from overlap evidence at compute time. */
export type TouchType = StoredTouchType | 'customer_overlap';
export const TOUCH_SOURCES = ['api', 'lwc', 'sync', 'planning'] as const;
export type TouchSource = (typeof TOUCH_SOURCES)[number];

export interface Touch {
  id: string;
  partnerId: string;
  accountSourceId: string;
  opportunitySourceId: string | null;
  type: TouchType;
  occurredAt: string;
  source: TouchSource;
  ref: string | null;
  note: string | null;
}

/**
 * "The partner had this account as a customer": an overlap of the account with a partner record in
 * the partner's Customers population, which the partner shares with us at `overlaps` level.
 */
export interface OverlapEvidence {
  overlapId: string;
  partnerId: string;
  accountSourceId: string;
  /** when the overlap was first seen */
  from: string;
  /** when it ended; null while it holds */
  to: string | null;
}

export interface AttributableOpportunity {
  sourceId: string;
  accountSourceId: string;
  amount: number | null;
  currency: string | null;
  createdDate: string;
  /** YYYY-MM-DD (or ISO); for a closed opportunity the day it closed */
  closeDate: string | null;
  isClosed: boolean;
  isWon: boolean;
  deleted: boolean;
}

export type AttributionType = 'sourced' | 'influenced';

/** One line of why: which rule a touch or piece of evidence satisfied. */
export interface ExplanationStep {
  touchId: string;
  type: TouchType;
  occurredAt: string;
  rule: 'sourced_window' | 'influence_window' | 'customer_overlap';
  detail: string;
}

export interface Attribution {
  opportunitySourceId: string;
  partnerId: string;
  type: AttributionType;
  /** share of the opportunity amount, 0..1 */
  weight: number;
  /** weight × amount in cents-exact arithmetic; null when the opportunity has no amount */
  amount: number | null;
  currency: string | null;
  touchIds: string[];
  explanation: { splitModel: string; summary: string; steps: ExplanationStep[] };
}
