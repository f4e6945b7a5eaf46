import { describe, expect, it } from '@jest/globals';
import { hostAllowed, normalizeHttpJob, validateHttpJob } from './http-job-config.js';

describe('http job sections', () => {
  it('matches exact hosts and *.suffix patterns, case-insensitively, and nothing else', () => {
    const allowed = ['api.example.com', '*.internal'];
    expect(hostAllowed('API.example.com', allowed)).toBe(true);
    expect(hostAllowed('platform.internal', allowed)).toBe(true);
    expect(hostAllowed('a.b.internal', allowed)).toBe(true);
    expect(hostAllowed('internal', allowed)).toBe(false);
    expect(hostAllowed('evilinternal', allowed)).toBe(false);
    expect(hostAllowed('api.example.com.evil.io', allowed)).toBe(false);
  });

  it('refuses every http job while HTTP_JOB_ALLOWED_HOSTS is unset, naming the variable', () => {
    expect(validateHttpJob({ url: 'https://x.internal/' }, { allowedHosts: null })).toEqual([
      'http jobs are refused here: HTTP_JOB_ALLOWED_HOSTS is not set (the hosts http jobs may call)',
    ]);
  });

  it('names each bad field', () => {
    expect(
      validateHttpJob({
        method: 'TRACE',
        url: 'ftp://user:pw@x.internal/{{#a}}',
        headers: { 'Idempotency-Key': 'k', 'bad name': 'v', 'X-Ok': 'a\nb' },
        body: 'x',
        expectStatus: [300, 200],
        extra: true,
      }),
    ).toEqual([
      'http.extra is not a known field (method, url, headers, body, expectStatus, sign)',
      'http.method must be one of GET, POST, PUT, PATCH, DELETE, HEAD',
      'http.url is not a valid mustache template: Unclosed section "a" at 31',
      'http.url must use http or https',
      'http.url cannot carry credentials (use headers with ${env:NAME})',
      'http.headers.Idempotency-Key is set by the service and cannot be given',
      'http.headers.bad name: not a valid header name',
      'http.headers.X-Ok must be a single-line string of at most 8192 characters',
      'http.expectStatus must be [lowest, highest], status codes 100…599, e.g. [200, 299]',
    ]);
    expect(validateHttpJob({ method: 'GET', url: 'https://x.internal/', body: {} })).toEqual([
      'http.body needs a method that carries a body (POST, PUT, PATCH, DELETE)',
    ]);
    expect(validateHttpJob({ url: 'https://x.internal/?k=${env:KEY}' })).toEqual([
      'http.url cannot reference the environment (put secrets in headers)',
    ]);
  });

  it('fills defaults: POST, no headers, 2xx expected', () => {
    expect(normalizeHttpJob({ url: 'https://x.internal/' })).toEqual({
      method: 'POST',
      url: 'https://x.internal/',
      headers: {},
      expectStatus: [200, 299],
    });
  });
});
