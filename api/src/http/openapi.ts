import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  extendZodWithOpenApi,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/**
 * The API description is generated from the same zod schemas that validate requests: each route
 * module registers its paths here next to its handlers, so the two cannot drift.
 */
export const registry = new OpenAPIRegistry();

export const bearerAuth = registry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'A workspace API key: `Authorization: Bearer ovl_…`',
});

export const Problem = registry.register(
  'Problem',
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable error code'),
    errors: z
      .array(
        z.object({
          index: z.number().int().optional(),
          line: z.number().int().optional(),
          field: z.string().optional(),
          reason: z.string(),
        }),
      )
      .optional(),
    requestId: z.string().optional(),
  }),
);

/** A JSON response entry for `registerPath`. */
export const jsonResponse = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Standard problem+json responses for a route, by status. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: `Problem (${s})`,
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

export function openApiDocument(version: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Overlap API',
      version,
      description:
        'Partner account mapping: workspaces compare account lists and see only the overlaps each side shares.',
    },
    servers: [{ url: '/' }],
  });
}
