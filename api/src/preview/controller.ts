/**
 * OverlapController for the preview: the same `@AuraEnabled` methods, input checks and API calls
 * as the Apex (OverlapController, OverlapActions, OverlapPlanning.fromApi), run on the server with
 * the demo workspace's key, answering with the Apex DTO shapes from ./dtos. No org exists here, so
 * there is no synced-records fallback, and a "Partner__c record id" is the partner's Overlap id.
 */
import * as dto from './dtos';

/** What an AuraHandledException carries to the component: a readable message. */
export class ApexError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ApexError';
  }
}

export interface ApiClient {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

/** OverlapApiClient over fetch: Bearer key, problem+json turned into the Apex message. */
export function apiClient(baseUrl: string, key: string): ApiClient {
  const send = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(baseUrl + path, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApexError(`The Overlap API could not be reached: ${(err as Error).message}`, 502);
    }
    const text = await res.text();
    if (!res.ok) throw new ApexError(problemMessage(res.status, text), res.status);
    if (!text.trim()) return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApexError('The Overlap API returned a response that is not a JSON object.', 502);
    }
  };
  return { get: (p) => send('GET', p), post: (p, b) => send('POST', p, b) };
}

function problemMessage(status: number, body: string): string {
  let message = `The Overlap API answered with HTTP ${status}.`;
  try {
    const p = JSON.parse(body) as { detail?: string; title?: string };
    if (p.detail?.trim()) message = `${p.detail} (HTTP ${status})`;
    else if (p.title?.trim()) message = `${p.title} (HTTP ${status})`;
  } catch {
    // not a problem document: keep the generic message with the status
  }
  return message;
}

const enc = encodeURIComponent;
const TOUCH_TYPES = new Set(['intro_made', 'co_sell_meeting', 'referral', 'intro_requested']);
const MAX_MESSAGE = 4000;

function text(params: Record<string, unknown>, name: string, required = true): string {
  const v = params[name];
  const s = v === null || v === undefined ? '' : String(v);
  if (required && !s.trim()) throw new ApexError(`Missing ${name}.`);
  return s;
}

/** The person the preview acts as, where the Apex uses UserInfo. */
export interface PreviewUser {
  name: string;
  email: string;
}

type Method = (
  api: ApiClient,
  params: Record<string, unknown>,
  user: PreviewUser,
) => Promise<unknown>;

export const controller: Record<string, Method> = {
  async getAccountOverlaps(api, p) {
    const id = text(p, 'accountId');
    return dto.accountOverlaps(await api.get(`/v1/records/${enc(id)}/overlaps`));
  },
  async getOpportunityPartners(api, p) {
    const id = text(p, 'opportunityId');
    return dto.opportunityPartners(await api.get(`/v1/opportunities/${enc(id)}/partners`));
  },
  async getPartners(api) {
    return dto.partnerList(await api.get('/v1/partners'));
  },
  async getMatrix(api, p) {
    const id = text(p, 'partnerId');
    return dto.matrix(await api.get(`/v1/partners/${enc(id)}/matrix`));
  },
  async getCellOverlaps(api, p) {
    const id = text(p, 'partnerId');
    const mine = text(p, 'myPopulation', false);
    const theirs = text(p, 'partnerPopulation', false);
    const body = (await api.get(
      `/v1/overlaps?partnerId=${enc(id)}&population=${enc(mine)}&partnerPopulation=${enc(theirs)}&limit=${dto.MAX_ROWS}`,
    )) as { data?: unknown };
    return dto.overlapList(body?.data);
  },
  async getPlanning(api, p) {
    const partnerId = text(p, 'partnerRecordId');
    const partners = dto.partnerList(await api.get('/v1/partners')).partners;
    const partner = partners.find((x) => x.id === partnerId);
    if (!partner) throw new ApexError(`No partner record with id ${partnerId} is visible to you.`);
    // the API takes whole seconds here, as the Apex formats `Datetime.now()`
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sessions = (await api.get(
      `/v1/planning-sessions?partnerId=${enc(partnerId)}&from=${enc(now)}&limit=1&status=proposed,scheduled`,
    )) as { data?: unknown[] };
    const first = Array.isArray(sessions?.data) ? sessions.data[0] : undefined;
    return {
      partnerRecordId: partnerId,
      partnerId,
      partnerName: partner.name,
      stale: false,
      notice: null,
      nextSession: first === undefined ? null : dto.session(first),
      plan: dto.plan(await api.get('/v1/planning/plan-vs-target'), partnerId),
    };
  },
  async requestIntro(api, p, user) {
    const overlapId = text(p, 'overlapId');
    const message = text(p, 'message');
    if (message.length > MAX_MESSAGE) {
      throw new ApexError(`The message is too long (at most ${MAX_MESSAGE} characters).`);
    }
    const body = { message, requesterName: user.name, requesterEmail: user.email };
    return dto.introRequest(await api.post(`/v1/overlaps/${enc(overlapId)}/intro-requests`, body));
  },
  async logTouch(api, p) {
    const partnerId = text(p, 'partnerId');
    const accountId = text(p, 'accountId');
    const type = text(p, 'touchType', false);
    if (!TOUCH_TYPES.has(type)) throw new ApexError(`Unknown touch type: ${type}`);
    const payload: Record<string, unknown> = {
      partnerId,
      accountSourceId: accountId,
      type,
      source: 'lwc',
    };
    const opportunityId = text(p, 'opportunityId', false);
    if (opportunityId) payload.opportunitySourceId = opportunityId;
    const note = text(p, 'note', false);
    if (note.trim()) payload.note = note.slice(0, MAX_MESSAGE);
    return dto.touchResult(await api.post('/v1/touches', payload));
  },
};
