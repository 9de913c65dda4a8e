/** zod shapes of the `--json` results the CLI suites check (docs/cli.md, api/src/commands). */
import { z } from 'zod';

export const Partner = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['workspace', 'managed']),
  status: z.enum(['invited', 'active', 'ended']),
});

export const Matrix = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  myPopulations: z.array(z.object({ id: z.string(), name: z.string() })),
  partnerPopulations: z.array(z.object({ id: z.string(), name: z.string() })),
  cells: z.array(
    z.object({
      myPopulationId: z.string(),
      partnerPopulationId: z.string(),
      count: z.number().int(),
    }),
  ),
});

export const Sharing = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  rules: z.array(
    z.object({
      populationId: z.string(),
      populationName: z.string(),
      level: z.enum(['hidden', 'counts', 'overlaps']),
      fields: z.array(z.string()),
    }),
  ),
});

export const ImportResult = z.object({
  accepted: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: z.array(
    z.object({
      line: z.number().int().optional(),
      field: z.string().optional(),
      reason: z.string(),
    }),
  ),
  rejectedFile: z.string().nullable(),
});

export const Overlap = z.object({
  id: z.string(),
  partner: z.object({ id: z.string(), name: z.string() }),
  myRecord: z.object({ sourceId: z.string(), name: z.string() }),
  method: z.enum(['domain', 'name', 'fuzzy', 'hierarchy']),
  confidence: z.number().min(0).max(1),
});

export const Check = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'skip']),
  detail: z.string(),
  fix: z.string().optional(),
});

export const Connection = z.object({
  status: z.literal('connected'),
  method: z.enum(['token', 'client_credentials', 'jwt']),
  instanceUrl: z.string(),
  orgId: z.string().nullable(),
  userId: z.string().nullable(),
  connectedAt: z.string(),
  lastSyncAt: z.string().nullable(),
});

export const ConnectResult = z.object({ connection: Connection, checks: z.array(Check) });

export const SyncRun = z.object({
  id: z.uuid(),
  trigger: z.enum(['manual', 'schedule', 'api']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'partial']),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  errors: z.array(
    z.object({
      stage: z.enum(['connect', 'pull', 'push']),
      object: z.string().optional(),
      key: z.string().optional(),
      message: z.string(),
    }),
  ),
});

/** The `{ status, name, message, exitCode }` body sf prints for a failed `--json` run. */
export const ErrorBody = z.object({
  status: z.number().int(),
  name: z.string(),
  message: z.string(),
  exitCode: z.number().int(),
});

export const PlanRow = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  target: z.number().int().nullable(),
  planned: z.number().int().min(0),
  gap: z.number().int().min(0).nullable(),
  attainment: z.number().min(0).nullable(),
});

export const PlanVsTarget = z.object({
  quarter: z.string(),
  data: z.array(PlanRow),
  total: PlanRow,
});

export const PlanningSession = z.object({
  id: z.uuid(),
  partner: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  status: z.enum(['proposed', 'scheduled', 'held', 'cancelled']),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  prep: z.object({ prepLate: z.boolean(), deadline: z.string(), reason: z.string().nullable() }),
  agenda: z.array(
    z.object({
      id: z.string(),
      account: z.object({ sourceId: z.string(), name: z.string() }),
      motion: z.enum(['give', 'ask', 'joint']),
    }),
  ),
});
