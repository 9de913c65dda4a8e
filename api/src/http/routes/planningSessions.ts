import express, { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { importIcs, sessionIcs } from '../../planning/icsService';
import { patchAgendaItem } from '../../planning/outcomes';
import {
  addAgendaItems,
  createSession,
  getSession,
  listSessions,
  patchSession,
  type AgendaItemInput as ItemInput,
} from '../../planning/sessionService';
import { workspaceId } from '../auth';
import { InputError, UnsupportedMediaTypeError } from '../errors';
import { parseBody, parseParams, parseQuery, validateItems } from '../validate';
import { TouchSchema } from './touches';
import {
  AgendaBody,
  AgendaItem,
  AgendaItemInput,
  AgendaPatch,
  doc,
  IdParams,
  ItemParams,
  Session,
  SessionBody,
  SessionPatch,
  SessionQuery,
} from './planningSchemas';

const FieldErrors = z.array(
  z.object({ index: z.number().optional(), field: z.string().optional(), reason: z.string() }),
);
const ImportReply = z.object({
  imported: z.array(
    z.object({
      sessionId: z.string(),
      uid: z.string(),
      partner: z.string(),
      accounts: z.array(z.string()),
      unmatched: z.array(z.string()),
    }),
  ),
  existing: z.array(z.object({ sessionId: z.string(), uid: z.string() })),
  skipped: z.array(
    z.object({
      line: z.number(),
      uid: z.string().nullable(),
      summary: z.string(),
      reason: z.string(),
    }),
  ),
});

doc('get', '/v1/planning-sessions', 'List planning sessions, earliest first', {
  query: SessionQuery,
  response: z.object({ data: z.array(Session) }),
});
doc(
  'post',
  '/v1/planning-sessions',
  'Create a planning session (agenda items from overlaps; bad items reported by index)',
  { body: SessionBody, response: Session.extend({ errors: FieldErrors }), status: 201 },
);
doc('get', '/v1/planning-sessions/{id}', 'One planning session with its agenda and prep status', {
  params: IdParams,
  response: Session,
});
doc(
  'patch',
  '/v1/planning-sessions/{id}',
  'Schedule, hold, cancel or edit a session (time, attendees, recording link, notes)',
  { params: IdParams, body: SessionPatch, response: Session },
);
doc(
  'get',
  '/v1/planning-sessions/{id}.ics',
  'The session as an iCalendar event titled by the naming convention',
  { params: IdParams, response: z.string(), responseType: 'text/calendar' },
);
doc(
  'post',
  '/v1/planning-sessions/import',
  'Import calendar events named "Account planning — {partner} — {accounts}"',
  {
    body: z.string(),
    bodyType: 'text/calendar',
    response: ImportReply,
    problems: [400, 401, 403, 415],
  },
);
doc(
  'post',
  '/v1/planning-sessions/{id}/agenda-items',
  'Add agenda items (named accounts) to a session',
  {
    params: IdParams,
    body: AgendaBody,
    response: z.object({ session: Session, added: z.array(AgendaItem), errors: FieldErrors }),
    status: 201,
  },
);
doc(
  'patch',
  '/v1/planning-sessions/{id}/agenda-items/{itemId}',
  'Set motion, owner, outcome (a touch for attribution) or follow-up date',
  {
    params: ItemParams,
    body: AgendaPatch,
    response: z.object({ item: AgendaItem, touch: TouchSchema.nullable() }),
  },
);

export function planningSessionsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ data: await listSessions(ctx, workspaceId(req), parseQuery(req, SessionQuery)) });
  });
  router.post('/', async (req, res) => {
    const { session, errors } = await createSession(
      ctx,
      workspaceId(req),
      parseBody(req, SessionBody),
    );
    res.status(201).json({ ...session, errors });
  });
  router.post(
    '/import',
    express.text({ type: 'text/calendar', limit: ctx.config.bodyLimit }),
    async (req, res) => {
      if (!req.is('text/calendar'))
        throw new UnsupportedMediaTypeError(
          `Send the calendar as Content-Type: text/calendar (got ${req.headers['content-type'] ?? 'none'})`,
        );
      res.json(
        await importIcs(ctx, workspaceId(req), typeof req.body === 'string' ? req.body : ''),
      );
    },
  );
  router.get('/:id.ics', async (req, res) => {
    const { id } = parseParams(req, IdParams);
    res
      .type('text/calendar; charset=utf-8')
      .attachment(`planning-session-${id}.ics`)
      .send(await sessionIcs(ctx, workspaceId(req), id));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getSession(ctx, workspaceId(req), parseParams(req, IdParams).id));
  });
  router.patch('/:id', async (req, res) => {
    res.json(
      await patchSession(
        ctx,
        workspaceId(req),
        parseParams(req, IdParams).id,
        parseBody(req, SessionPatch),
      ),
    );
  });
  router.post('/:id/agenda-items', async (req, res) => {
    const { id } = parseParams(req, IdParams);
    const { items } = parseBody(req, AgendaBody);
    const checked = validateItems(AgendaItemInput, items);
    const valid = checked.valid.map((v) => v.value as ItemInput);
    if (!valid.length) throw new InputError('No agenda item is valid', checked.errors);
    const r = await addAgendaItems(ctx, workspaceId(req), id, valid);
    // Map service errors (indexes among the valid items) back to the request's indexes.
    const errors = [
      ...checked.errors,
      ...r.errors.map((e) => ({ ...e, index: checked.valid[e.index ?? 0].at })),
    ];
    if (!r.added.length && errors.length)
      throw new InputError('No agenda item could be added', errors);
    res.status(201).json({ session: r.session, added: r.added, errors });
  });
  router.patch('/:id/agenda-items/:itemId', async (req, res) => {
    const { id, itemId } = parseParams(req, ItemParams);
    res.json(await patchAgendaItem(ctx, workspaceId(req), id, itemId, parseBody(req, AgendaPatch)));
  });
  return router;
}
