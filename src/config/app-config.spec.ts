import { ConfigError, configSecrets, loadConfig, redactedConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives CONTRACT §1 defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.scheduler).toEqual({
      mode: 'all',
      enabled: true,
      maxWorkers: 4,
      jobTimeoutSeconds: 300,
      timezone: 'UTC',
      shutdownGraceSeconds: 25,
    });
    expect(c.notify).toEqual({
      url: null,
      timeoutSeconds: 10,
      maxAttempts: 20,
      signingSecret: null,
      ratePerRecipient: null,
    });
    expect(c.providers.priority).toEqual(['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage']);
    expect(c.adminTokenSource).toBe('memory');
    expect(c.logFormat).toBe('json');
    expect(c.adminToken.length).toBeGreaterThanOrEqual(24);
  });

  it('parses numbers and booleans from strings', () => {
    const c = loadConfig({
      PORT: '8080',
      SCHEDULER_ENABLED: 'false',
      SCHEDULER_MAX_WORKERS: '16',
      SCHEDULER_MODE: 'worker',
    });
    expect([c.port, c.scheduler.enabled, c.scheduler.maxWorkers, c.scheduler.mode]).toEqual([
      8080,
      false,
      16,
      'worker',
    ]);
  });

  it('stops the boot naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        SCHEDULER_MODE: 'both',
        SCHEDULER_TIMEZONE: 'Mars/Base',
        NOTIFY_URL: 'not a url',
        PROVIDER_PRIORITY: 'binance,bloomberg',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'SCHEDULER_MODE', 'SCHEDULER_TIMEZONE', 'NOTIFY_URL', 'PROVIDER_PRIORITY']) {
      expect(text).toContain(name);
    }
  });

  it('redacts every secret in the effective configuration', () => {
    const c = loadConfig({
      ADMIN_TOKEN: 'super-secret-admin-token',
      DATABASE_URL: 'postgres://app:hunter2@db:5432/ms',
      POLYGON_API_KEY: 'poly-key-123',
      FINNHUB_API_KEY: 'finn-key-456',
      NOTIFY_SIGNING_SECRET: 'webhook-signing-key-789',
    });
    const text = JSON.stringify(redactedConfig(c));
    expect(text).not.toMatch(/super-secret-admin-token|hunter2|poly-key-123|finn-key-456|webhook-signing-key-789/);
    expect(text).toContain('postgres://***@db:5432/ms');
  });

  it('redacts NOTIFY_URL userinfo and query credentials, and DATABASE_URL ?password=', () => {
    const c = loadConfig({
      ADMIN_TOKEN: 'super-secret-admin-token',
      DATABASE_URL: 'postgres://app@db:5432/ms?sslmode=require&password=pw-in-query',
      NOTIFY_URL: 'https://bot:notify-pass@hooks.example.com/api/notify?chat=42&token=notify-token',
    });
    const view = redactedConfig(c) as { databaseUrl: string; notify: { url: string } };
    expect(view.databaseUrl).toBe('postgres://***@db:5432/ms?sslmode=require&password=***');
    expect(view.notify.url).toBe('https://***@hooks.example.com/api/notify?chat=42&token=***');
    expect(JSON.stringify(view)).not.toMatch(/pw-in-query|notify-pass|notify-token|super-secret/);
    expect(configSecrets(c)).toEqual(
      expect.arrayContaining(['super-secret-admin-token', 'pw-in-query', 'notify-pass', 'notify-token']),
    );
  });
});
