import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { readFileSync } from 'node:fs';
import * as ex from './examples.js';
import { OPERATIONS, type OperationDoc } from './operations.js';

type Schema = Record<string, unknown>;
const REF = '#/components/schemas/';
const REASONS: Record<number, string> = {
  400: 'a field is missing or wrong; `message` names each field path and the problem',
  401: 'no valid `Authorization: Bearer <ADMIN_TOKEN>` header',
  404: 'unknown id, symbol or CSV file',
  409: 'a job with that name exists, or the notification is not dead',
  413: 'body over 256 KB (16 MB for POST /jobs/bulk)',
  503: 'the market-data provider is unavailable, or the service is not ready',
};

/** The DTOs' class-validator rules as JSON Schema: the document is generated from them, not written twice. */
function dtoSchemas(): Record<string, Schema> {
  return validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF,
  }) as Record<string, Schema>;
}

/** docs/alert.schema.json (alerts-as-code), its `$defs` moved into components so `$ref`s resolve. */
function alertSchemas(): Record<string, Schema> {
  let raw: Schema;
  try {
    raw = JSON.parse(readFileSync(new URL('../../docs/alert.schema.json', import.meta.url), 'utf8')) as Schema;
  } catch {
    // An image built without docs/: the alert is still described, by the contract's example.
    return {
      AlertConfig: { type: 'object', description: 'An alert config (CONTRACT §4).', examples: [ex.alertConfig] },
    };
  }
  const { $defs = {}, $schema: _s, $id: _i, ...alert } = raw as Schema & { $defs?: Record<string, Schema> };
  const text = JSON.stringify({
    AlertConfig: alert,
    ...Object.fromEntries(Object.entries($defs).map(([k, v]) => [`Alert_${k}`, v])),
  });
  return JSON.parse(text.replace(/"#\/\$defs\/([^"]+)"/g, `"${REF}Alert_$1"`)) as Record<string, Schema>;
}

/** Bodies that controllers take as plain objects (checked by the job parser or the alert core). */
function bodySchemas(dtos: Record<string, Schema>): Record<string, Schema> {
  const job = dtos.JobDto ?? { type: 'object' };
  const jobProps = { ...((job.properties as Schema) ?? {}), alert: { $ref: `${REF}AlertConfig` } };
  return {
    JobBody: {
      ...job,
      properties: jobProps,
      description:
        'A job (CONTRACT §3). `schedule` is one of {"bar": tf, "delaySeconds"?}, {"cron", "timezone"?}, {"every": s}, ' +
        '{"at": "HH:MM", "timezone"?}, with optional calendar, marketHoursOnly, startAt, endAt, jitterSeconds. ' +
        'Exactly the section of its type (alert, dataSync, cleanup). Defaults apply before validation.',
    },
    JobPatch: { type: 'object', properties: jobProps, description: 'Any fields of a job; merged, then checked whole.' },
    PreviewBody: {
      type: 'object',
      additionalProperties: false,
      required: ['alert'],
      properties: {
        alert: { $ref: `${REF}AlertConfig` },
        bars: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
      },
    },
    Error: {
      type: 'object',
      required: ['statusCode', 'error', 'message'],
      properties: {
        statusCode: { type: 'integer' },
        error: { type: 'string' },
        message: { type: 'array', items: { type: 'string' } },
      },
    },
  };
}

function queryParameters(schema: Schema | undefined): unknown[] {
  const props = (schema?.properties ?? {}) as Record<string, Schema>;
  const required = (schema?.required ?? []) as string[];
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: s,
  }));
}

function applyOperation(op: Record<string, unknown>, doc: OperationDoc, dtos: Record<string, Schema>): void {
  op.summary = doc.summary;
  op.tags = [doc.tag];
  op.security = doc.public ? [] : [{ adminToken: [] }];
  if (doc.query) {
    const pathParams = ((op.parameters ?? []) as Array<{ in: string }>).filter((p) => p.in !== 'query');
    op.parameters = [...pathParams, ...queryParameters(dtos[doc.query])];
  }
  if (doc.body)
    op.requestBody = {
      required: !doc.body.optional,
      content: { 'application/json': { schema: { $ref: `${REF}${doc.body.schema}` }, examples: doc.body.examples } },
    };
  const responses: Record<string, unknown> = {};
  const type = doc.ok.contentType ?? 'application/json';
  responses[doc.ok.status] = {
    description: doc.ok.description,
    ...(doc.ok.example !== undefined ? { content: { [type]: { example: doc.ok.example } } } : {}),
  };
  for (const status of doc.errors) {
    // The health probes answer 503 in their own shape (Terminus / CONTRACT §2 `/health`), not as an error.
    const health = status === 503 && doc.tag === 'health';
    const example = health
      ? { ...ex.healthAnswer, status: 'unhealthy', issues: ['database unreachable'] }
      : ex.errors[status as keyof typeof ex.errors];
    responses[status] = {
      description: health ? 'unhealthy, or not live / not ready' : REASONS[status],
      content: { 'application/json': { ...(health ? {} : { schema: { $ref: `${REF}Error` } }), example } },
    };
  }
  op.responses = responses;
}

/**
 * The OpenAPI 3.1 document of every route the app registers: paths from the controllers
 * (@nestjs/swagger), schemas from the DTOs' class-validator rules and docs/alert.schema.json,
 * summaries and examples from OPERATIONS (CONTRACT §3–5 examples).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('market-scheduler')
    .setDescription(
      'Schedules market-data work and fires trading alerts. Every route but /health/*, /metrics and /docs needs ' +
        '`Authorization: Bearer <ADMIN_TOKEN>` (the boot log says where the token is). Errors are ' +
        '`{"statusCode", "error", "message": [...]}`, each message naming its field path. Alerts: docs/alerts.md.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, 'adminToken')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  const dtos = dtoSchemas();
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, ...dtos, ...alertSchemas(), ...bodySchemas(dtos) } as never,
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      const entry = OPERATIONS[`${method.toUpperCase()} ${path}`];
      if (entry) applyOperation(op, entry, dtos);
    }
  }
  return doc;
}

/** `/docs` (Swagger UI, assets from the local swagger-ui-dist: no CDN) and `/docs/openapi.json`, both public. */
export function setupDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    raw: ['json'],
    customSiteTitle: 'market-scheduler API',
  });
}
