import { z } from 'zod';
import { isValidTimeZone } from './businessDays';

/** Domain shapes of account planning: criteria, sessions, agenda items, triage, plays, comms. */

export const TRIAGE_STATES = ['new', 'to_plan', 'dismissed', 'snoozed'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

export const MOTIONS = ['give', 'ask', 'joint'] as const;
export type Motion = (typeof MOTIONS)[number];

export const OUTCOMES = ['committed', 'intro_made', 'pipeline_created', 'stalled'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SESSION_STATUSES = ['proposed', 'scheduled', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_TRIGGERS = ['cadence', 'high_value', 'batch', 'manual', 'imported'] as const;
export type SessionTrigger = (typeof SESSION_TRIGGERS)[number];

/** Who meets: both sides' partner managers; their partner managers; or one account owner. */
export const SESSION_SHAPES = [
  'partner_managers',
  'their_partner_managers',
  'account_owner',
] as const;
export type SessionShape = (typeof SESSION_SHAPES)[number];

export const CADENCES = ['none', 'weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_DAYS: Record<Cadence, number> = {
  none: 0,
  weekly: 7,
  biweekly: 14,
  monthly: 28,
  quarterly: 91,
};

const date = z.iso.date();

export const CriteriaSchema = z.strictObject({
  partnerPopulations: z
    .array(z.string().min(1).max(120))
    .max(20)
    .default([])
    .describe('partner populations to propose from; empty = any shared population'),
  myPopulations: z.array(z.string().min(1).max(120)).max(20).default([]),
  minScore: z.number().min(0).max(100).default(40),
  cadence: z.enum(CADENCES).default('monthly'),
  tone: z.enum(['give_first', 'balanced', 'ask_first']).default('balanced'),
  highValueScore: z
    .number()
    .min(0)
    .max(100)
    .default(80)
    .describe('one overlap at or above this score → a 15-minute session on it'),
  highValuePerRun: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(2)
    .describe('at most this many single-account sessions per trigger run'),
  batchThreshold: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe('this many worthwhile unplanned overlaps → a 45-minute session'),
  batchMin: z.number().int().min(1).max(20).default(3),
  batchMax: z.number().int().min(1).max(20).default(5),
  cooldownDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(90)
    .describe('an account planned within this many days is not proposed again unless it changed'),
  sessionTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('10:00')
    .describe('local start time of proposed sessions'),
});
export type PlanningCriteria = z.infer<typeof CriteriaSchema>;
export const DEFAULT_CRITERIA: PlanningCriteria = CriteriaSchema.parse({});

export const PlanningSettingsSchema = z.strictObject({
  timeZone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone like Europe/Berlin')
    .default('UTC'),
  holidays: z.array(date).max(400).default([]),
  prepBusinessDays: z.number().int().min(0).max(20).default(3),
  digestWeekday: z.number().int().min(0).max(6).default(1).describe('0 = Sunday; default Monday'),
  digestHour: z.number().int().min(0).max(23).default(8),
  quietAfterDays: z.number().int().min(1).max(365).default(30),
});
export type PlanningSettings = z.infer<typeof PlanningSettingsSchema>;

export interface ScoreReason {
  factor: 'population_pair' | 'open_opportunity' | 'recency' | 'relationship';
  points: number;
  detail: string;
}

export interface OverlapScore {
  score: number;
  reasons: ScoreReason[];
}

export interface Attendee {
  name: string;
  email?: string | null;
  role: 'our_partner_manager' | 'their_partner_manager' | 'account_owner' | 'other';
}

export interface AgendaItem {
  id: string;
  sessionId: string;
  overlapId: string | null;
  account: { sourceId: string; name: string };
  partnerPopulations: string[];
  motion: Motion;
  owner: string | null;
  outcome: Outcome | null;
  opportunitySourceId: string | null;
  followUpOn: string | null;
  score: number | null;
  reasons: ScoreReason[];
  touchId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PlanningSession {
  id: string;
  partner: { id: string; name: string };
  title: string;
  trigger: SessionTrigger;
  triggerReason: string | null;
  status: SessionStatus;
  shape: SessionShape;
  startsAt: string;
  durationMinutes: number;
  timeZone: string;
  attendees: Attendee[];
  recordingUrl: string | null;
  notes: string | null;
  agendaLoadedAt: string | null;
  externalUid: string | null;
  prep: { prepLate: boolean; deadline: string; reason: string | null };
  agenda: AgendaItem[];
  createdAt: string;
  updatedAt: string;
}
