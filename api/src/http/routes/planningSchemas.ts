import { z } from 'zod';
import { COMM_CHANNELS, COMM_PURPOSES } from '../../planning/comms';
import { PLAY_KINDS, PLAY_STATUSES } from '../../planning/plays';
import {
  CriteriaSchema,
  MOTIONS,
  OUTCOMES,
  PlanningSettingsSchema,
  SESSION_SHAPES,
  SESSION_STATUSES,
  SESSION_TRIGGERS,
  type SessionStatus,
  TRIAGE_STATES,
} from '../../planning/types';
import { bearerAuth, problemResponses, registry } from '../openapi';
import { OverlapSchema } from './overlaps';

/** Request and response schemas of the planning routes; the same ones validate and document. */

export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const ItemParams = z.object({
  id: z.string().min(1).max(64),
  itemId: z.string().min(1).max(64),
});
export const PlayParams = z.object({
  id: z.string().min(1).max(64),
  playId: z.string().min(1).max(64),
});
const date = z.iso.date();
const instant = z.iso.datetime({ offset: true });

export const TriageBody = z
  .strictObject({
    state: z.enum(TRIAGE_STATES),
    snoozedUntil: date.nullish().describe('required when state is snoozed'),
    note: z.string().max(2000).nullish(),
  })
  .refine((b) => b.state !== 'snoozed' || !!b.snoozedUntil, {
    message: 'snoozedUntil is required when state is snoozed',
    path: ['snoozedUntil'],
  });
export const TriageQuery = z.object({
  state: z.enum(TRIAGE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const ScoreReason = z.object({
  factor: z.enum(['population_pair', 'open_opportunity', 'recency', 'relationship']),
  points: z.number(),
  detail: z.string(),
});
export const Triage = registry.register(
  'Triage',
  z.object({
    state: z.enum(TRIAGE_STATES),
    snoozedUntil: z.string().nullable(),
    note: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
);
export const TriageEntry = registry.register(
  'TriageEntry',
  z.object({
    overlap: OverlapSchema,
    triage: Triage,
    score: z.number(),
    reasons: z.array(ScoreReason),
    excluded: z.string().nullable().describe('why the trigger would not propose it now, or null'),
  }),
);

export const Criteria = registry.register('PlanningCriteria', CriteriaSchema);
export const CriteriaBody = CriteriaSchema;
export const Settings = registry.register('PlanningSettings', PlanningSettingsSchema);

const Attendee = z.object({
  name: z.string().trim().min(1).max(121),
  email: z.email().nullish(),
  role: z.enum(['our_partner_manager', 'their_partner_manager', 'account_owner', 'other']),
});
export const AgendaItemInput = z.strictObject({
  overlapId: z.string().min(1).max(64),
  motion: z
    .enum(MOTIONS)
    .optional()
    .describe('default from the population pair and the criteria tone'),
  owner: z.string().max(121).nullish(),
  followUpOn: date.nullish(),
});
export const AgendaItem = registry.register(
  'AgendaItem',
  z.object({
    id: z.string(),
    sessionId: z.string(),
    overlapId: z.string().nullable(),
    account: z.object({ sourceId: z.string(), name: z.string() }),
    partnerPopulations: z.array(z.string()),
    motion: z.enum(MOTIONS),
    owner: z.string().nullable(),
    outcome: z.enum(OUTCOMES).nullable(),
    opportunitySourceId: z.string().nullable(),
    followUpOn: z.string().nullable(),
    score: z.number().nullable(),
    reasons: z.array(ScoreReason),
    touchId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export const Session = registry.register(
  'PlanningSession',
  z.object({
    id: z.string(),
    partner: z.object({ id: z.string(), name: z.string() }),
    title: z.string().describe('Account planning — {partner} — {account, account, …}'),
    trigger: z.enum(SESSION_TRIGGERS),
    triggerReason: z.string().nullable(),
    status: z.enum(SESSION_STATUSES),
    shape: z.enum(SESSION_SHAPES),
    startsAt: z.string(),
    durationMinutes: z.number().int(),
    timeZone: z.string(),
    attendees: z.array(Attendee),
    recordingUrl: z.string().nullable(),
    notes: z.string().nullable(),
    agendaLoadedAt: z.string().nullable(),
    externalUid: z.string().nullable(),
    prep: z.object({ prepLate: z.boolean(), deadline: z.string(), reason: z.string().nullable() }),
    agenda: z.array(AgendaItem),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export const SessionBody = z.strictObject({
  partnerId: z.string().min(1).max(64),
  startsAt: instant,
  durationMinutes: z.number().int().min(5).max(480).default(45),
  status: z.enum(['proposed', 'scheduled']).default('scheduled'),
  shape: z.enum(SESSION_SHAPES).default('partner_managers'),
  attendees: z.array(Attendee).max(50).default([]),
  recordingUrl: z.url().nullish(),
  notes: z.string().max(20000).nullish(),
  agenda: z.array(AgendaItemInput).max(50).default([]),
});
export const SessionPatch = z.strictObject({
  status: z.enum(SESSION_STATUSES).optional(),
  shape: z.enum(SESSION_SHAPES).optional(),
  startsAt: instant.optional(),
  durationMinutes: z.number().int().min(5).max(480).optional(),
  attendees: z.array(Attendee).max(50).optional(),
  recordingUrl: z.url().nullish(),
  notes: z.string().max(20000).nullish(),
});
/** `status=proposed,scheduled`: one status or a comma-separated list; a session in any of them matches. */
const StatusList = z
  .string()
  .transform((raw, ctx) => {
    const parts = [...new Set(raw.split(',').map((s) => s.trim()))];
    const bad = parts.filter((s) => !(SESSION_STATUSES as readonly string[]).includes(s));
    const message = `unknown status "${bad.join('", "')}"; use ${SESSION_STATUSES.join(', ')}, comma-separated for several`;
    if (bad.length) ctx.issues.push({ code: 'custom', input: raw, message });
    return parts as SessionStatus[];
  })
  .describe(`one of ${SESSION_STATUSES.join(', ')}, or several comma-separated`);
export const SessionQuery = z.object({
  partnerId: z.string().max(64).optional(),
  status: StatusList.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AgendaBody = z.strictObject({ items: z.array(z.unknown()).min(1).max(50) });
export const AgendaPatch = z.strictObject({
  motion: z.enum(MOTIONS).optional(),
  owner: z.string().max(121).nullish(),
  outcome: z
    .enum(OUTCOMES)
    .nullish()
    .describe('committed | intro_made | pipeline_created | stalled; becomes a touch'),
  opportunitySourceId: z.string().min(1).max(64).nullish(),
  followUpOn: date.nullish(),
});
export const RunBody = z.strictObject({ partnerId: z.string().min(1).max(64).optional() });

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'like 2026-Q4');
export const TargetsBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        partnerId: z.string().min(1).max(64),
        quarter,
        target: z.number().int().min(0).max(1_000_000),
      }),
    )
    .min(1)
    .max(500),
});
export const QuarterQuery = z.object({ quarter: quarter.optional() });
export const PlanRow = registry.register(
  'PlanVersusTarget',
  z.object({
    partner: z.object({ id: z.string(), name: z.string() }),
    quarter: z.string(),
    target: z.number().nullable(),
    planned: z.number(),
    gap: z.number().nullable(),
    attainment: z.number().nullable(),
  }),
);

export const PlayBody = z.strictObject({
  kind: z.enum(PLAY_KINDS),
  title: z.string().trim().min(1).max(200),
  theirOwner: z.string().max(121).nullable().default(null).describe('owner on the partner side'),
  sender: z
    .string()
    .max(121)
    .nullable()
    .default(null)
    .describe('our account owner with the relationship'),
  shipDate: date.nullable().default(null),
  status: z.enum(PLAY_STATUSES).default('planned'),
  accountSourceIds: z.array(z.string().min(1).max(64)).max(1000).default([]),
  notes: z.string().max(20000).nullable().default(null),
});
export const PlayPatch = z.strictObject({
  kind: z.enum(PLAY_KINDS).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  theirOwner: z.string().max(121).nullable().optional(),
  sender: z.string().max(121).nullable().optional(),
  shipDate: date.nullable().optional(),
  status: z.enum(PLAY_STATUSES).optional(),
  accountSourceIds: z.array(z.string().min(1).max(64)).max(1000).optional(),
  notes: z.string().max(20000).nullable().optional(),
});
export const CommBody = z
  .strictObject({
    persona: z
      .string()
      .trim()
      .min(1)
      .max(121)
      .describe('who at the partner, e.g. "AE Enterprise EMEA"'),
    purpose: z.enum(COMM_PURPOSES),
    channel: z.enum(COMM_CHANNELS),
    occurredAt: instant.optional(),
    accountSourceIds: z.array(z.string().min(1).max(64)).max(1000).default([]),
    launch: z
      .string()
      .max(200)
      .nullable()
      .default(null)
      .describe('a partner launch the touch is tied to'),
    summary: z.string().max(20000).nullable().default(null),
  })
  .refine((c) => c.accountSourceIds.length > 0 || !!c.launch, {
    message: 'tie the touch to shared accounts or a partner launch',
    path: ['accountSourceIds'],
  });

type Method = 'get' | 'post' | 'put' | 'patch';
/** Registers one planning path with its schemas (keeps the route modules short). */
export function doc(
  method: Method,
  path: string,
  summary: string,
  o: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: z.ZodType;
    bodyType?: string;
    response?: z.ZodType;
    responseType?: string;
    status?: number;
    problems?: number[];
  } = {},
) {
  registry.registerPath({
    method,
    path,
    summary,
    tags: ['Planning'],
    security: [{ [bearerAuth.name]: [] }],
    request: {
      ...(o.params ? { params: o.params } : {}),
      ...(o.query ? { query: o.query } : {}),
      ...(o.body
        ? { body: { content: { [o.bodyType ?? 'application/json']: { schema: o.body } } } }
        : {}),
    },
    responses: {
      [o.status ?? 200]: {
        description: summary,
        content: { [o.responseType ?? 'application/json']: { schema: o.response ?? z.object({}) } },
      },
      ...problemResponses(...(o.problems ?? [400, 401, 403, 404])),
    },
  });
}
