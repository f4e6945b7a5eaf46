import { isSecretName, redactText, redactUrl, stripEndpoints, urlSecrets } from './redact.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://app:hunter2@db:5432/ms', 'postgres://***@db:5432/ms'],
    ['postgres://app@db/ms?password=hunter2&sslmode=require', 'postgres://***@db/ms?password=***&sslmode=require'],
    [
      'https://bot:p%40ss@hooks.example.com/notify?chat=42&token=abc',
      'https://***@hooks.example.com/notify?chat=42&token=***',
    ],
    [
      'https://x.test/q?apikey=K1&api_key=K2&apiKey=K3&key=K4&secret=S&signature=G',
      'https://x.test/q?apikey=***&api_key=***&apiKey=***&key=***&secret=***&signature=***',
    ],
    [
      'https://s3.test/o?X-Amz-Signature=abc&X-Amz-Credential=def&X-Amz-Date=1',
      'https://s3.test/o?X-Amz-Signature=***&X-Amz-Credential=***&X-Amz-Date=1',
    ],
    ['https://x.test/q?access_token=t&monkey=1&keyword=2', 'https://x.test/q?access_token=***&monkey=1&keyword=2'],
    ['http://a:b@[::1]:8080/p#token=t', 'http://***@[::1]:8080/p#token=***'],
    ['https://api.binance.com', 'https://api.binance.com'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts the query of something that is not a URL', () => {
    expect(redactUrl('/api/notify?token=abc')).toBe('/api/notify?token=***');
  });
});

describe('isSecretName', () => {
  it.each(['password', 'PASSWORD', 'pwd', 'token', 'access_token', 'apiKey', 'api-key', 'X-Amz-Signature', 'sig'])(
    '%s is secret',
    (name) => expect(isSecretName(name)).toBe(true),
  );
  it.each(['symbol', 'monkey', 'keyword', 'interval', 'tokenizer', 'chat'])('%s is not', (name) =>
    expect(isSecretName(name)).toBe(false),
  );
});

describe('redactText', () => {
  it('redacts every URL in free text and every listed secret, encoded or not', () => {
    const text =
      'POST https://u:pw@h.test/n?token=t1 failed; retry at postgres://a:b@db/x, key s3cr/et! and s3cr%2Fet!';
    const out = redactText(text, ['s3cr/et!']);
    expect(out).toBe('POST https://***@h.test/n?token=*** failed; retry at postgres://***@db/x, key *** and ***');
  });

  it('ignores empty or very short secrets instead of shredding the text', () => {
    expect(redactText('a b c', ['', 'a'])).toBe('a b c');
  });
});

describe('stripEndpoints', () => {
  it('removes URLs and addresses', () => {
    expect(stripEndpoints('connect ECONNREFUSED 127.0.0.1:5499 at http://x.test/y')).toBe(
      'connect ECONNREFUSED [address] at [url]',
    );
  });
});

describe('urlSecrets', () => {
  it('finds userinfo passwords and credential parameters, raw and decoded', () => {
    expect(urlSecrets('https://bot:p%40ss@h.test/?chat=1&token=tk')).toEqual(['p@ss', 'p%40ss', 'tk']);
    expect(urlSecrets('postgres://app@db/x?password=pw')).toEqual(['pw']);
    expect(urlSecrets(null)).toEqual([]);
  });
});
