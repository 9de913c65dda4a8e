import { z } from 'zod';
import type { CsvColumns } from '../csv';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { PageQuery } from '../validate';

export const ImportResultSchema = registry.register(
  'ImportResult',
  z.object({
    accepted: z.number().int().describe('valid items stored (inserted + updated + unchanged)'),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe('identical to what was stored: nothing written'),
    rejected: z
      .array(
        z.object({
          index: z.number().int().optional().describe('0-based item index (JSON)'),
          line: z.number().int().optional().describe('1-based line, header = 1 (CSV)'),
          field: z.string().optional(),
          reason: z.string(),
        }),
      )
      .describe('one entry per bad field, at most 1000'),
    rejectedCount: z.number().int().describe('items or lines rejected in all'),
  }),
);

/**
 * Registers the batch upload family (PUT, CSV import, list, and optionally get/delete by source
 * id) under each path prefix, with the same item schema the routes validate with.
 */
export function registerBatchPaths(spec: {
  tag: string;
  item: z.ZodType;
  itemName: string;
  view: z.ZodType;
  paths: string[];
  csvHeaders: CsvColumns;
  single: boolean;
}): void {
  const item = registry.register(spec.itemName, spec.item);
  const view = registry.register(`${spec.itemName.replace(/Input$/, '')}`, spec.view);
  const headers = Object.entries(spec.csvHeaders.aliases)
    .map(([field, aliases]) => `\`${field}\` ← ${aliases.join(' / ')}`)
    .join('; ');
  for (const path of spec.paths) {
    const managed = path.includes('{id}');
    const base = managed ? z.object({ id: z.string().describe('managed partner id') }) : undefined;
    const where = managed ? "a managed partner's" : 'this workspace’s';
    const security = [{ [bearerAuth.name]: [] }];
    const gone = managed ? [403, 404, 409] : [];
    registry.registerPath({
      method: 'put',
      path,
      tags: [spec.tag],
      summary: `Upsert up to 10,000 of ${where} ${spec.tag} by source id`,
      description:
        'Valid items are stored even when others are rejected (200). 400 `no_valid_items` when every item is rejected; 413 above 10,000 items.',
      security,
      request: {
        params: base,
        body: { content: { 'application/json': { schema: z.object({ items: z.array(item) }) } } },
      },
      responses: {
        200: jsonResponse(ImportResultSchema, 'Stored; rejected items listed'),
        ...problemResponses(400, 401, 413, 429, ...gone),
      },
    });
    registry.registerPath({
      method: 'post',
      path: `${path}/import`,
      tags: [spec.tag],
      summary: `Import ${where} ${spec.tag} from a CSV file of any size (streamed)`,
      description: `Headers are matched case- and punctuation-insensitively: ${headers}. Other columns${
        spec.tag === 'records' ? ' become extra `fields`' : ' are ignored'
      }. Errors name 1-based lines (header = line 1).`,
      security,
      request: {
        params: base,
        query: z.object({
          map: z
            .string()
            .optional()
            .describe('JSON object of extra header → field mappings, e.g. {"Company":"name"}'),
        }),
        body: { content: { 'text/csv': { schema: z.string() } } },
      },
      responses: {
        200: jsonResponse(ImportResultSchema, 'Imported; rejected lines listed'),
        ...problemResponses(400, 401, 415, 429, ...gone),
      },
    });
    registry.registerPath({
      method: 'get',
      path,
      tags: [spec.tag],
      summary: `List ${where} ${spec.tag}`,
      security,
      request: { params: base, query: PageQuery },
      responses: {
        200: jsonResponse(
          z.object({ data: z.array(view), nextCursor: z.string().nullable() }),
          'A page',
        ),
        ...problemResponses(400, 401, 429, ...gone),
      },
    });
    if (!spec.single) continue;
    const params = (base ?? z.object({})).extend({ sourceId: z.string() });
    registry.registerPath({
      method: 'get',
      path: `${path}/{sourceId}`,
      tags: [spec.tag],
      summary: `One of ${where} ${spec.tag}`,
      security,
      request: { params },
      responses: { 200: jsonResponse(view, 'The record'), ...problemResponses(401, 404, 429) },
    });
    registry.registerPath({
      method: 'delete',
      path: `${path}/{sourceId}`,
      tags: [spec.tag],
      summary: `Delete one of ${where} ${spec.tag} (soft: re-uploading revives it)`,
      security,
      request: { params },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 429) },
    });
  }
}
