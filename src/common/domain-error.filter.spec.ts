import { BadRequestException, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { DomainErrorFilter } from './domain-error.filter.js';

/** The filter's answer to `exception`: its status and JSON body. */
function answer(exception: unknown): { status: number; body: unknown } {
  const out = { status: 0, body: undefined as unknown };
  const res = {
    headersSent: false,
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(exception, host);
  return out;
}

describe('DomainErrorFilter', () => {
  it('keeps a structured answer of the route (Terminus readiness: 503 with its status and details)', () => {
    const terminus = {
      status: 'error',
      info: {},
      error: { database: { status: 'down', reason: 'database unreachable' } },
      details: { database: { status: 'down', reason: 'database unreachable' } },
    };
    expect(answer(new ServiceUnavailableException(terminus))).toEqual({ status: 503, body: terminus });
  });

  it('answers validation failures as {statusCode, error, message[]}', () => {
    expect(answer(new BadRequestException(['limit must not be greater than 500']))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: ['limit must not be greater than 500'] },
    });
  });

  it('never shows an unexpected error: a 500 with a correlation id only', () => {
    const { status, body } = answer(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|hunter2/);
    expect((body as { message: string[] }).message[0]).toMatch(/^internal error \(correlation id [0-9a-f-]{36}\)$/);
  });
});
