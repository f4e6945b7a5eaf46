import { redactSecrets } from './redact.js';

describe('redactSecrets (secrets inside log text)', () => {
  it('blanks credential query parameters in URLs, keeping the rest', () => {
    expect(redactSecrets('GET https://www.alphavantage.co/query?function=X&apikey=SECRET123&symbol=IBM')).toBe(
      'GET https://www.alphavantage.co/query?function=X&apikey=[redacted]&symbol=IBM',
    );
    expect(redactSecrets('/v2/aggs?apiKey=abc&token=t0k3n&limit=5')).toBe(
      '/v2/aggs?apiKey=[redacted]&token=[redacted]&limit=5',
    );
    expect(redactSecrets('/quote?symbol=AAPL&access_token=xyz')).toBe('/quote?symbol=AAPL&access_token=[redacted]');
  });

  it('blanks bearer tokens and URL passwords', () => {
    expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('curl -H "Authorization: Bearer $(cat data/admin-token)"')).toBe(
      'curl -H "Authorization: Bearer $(cat data/admin-token)"',
    );
    expect(redactSecrets('postgres://app:hunter2@db:5432/x')).toBe('postgres://app:[redacted]@db:5432/x');
  });

  it('leaves ordinary text alone', () => {
    const text = 'job btc-rsi run 42 succeeded; /market-data/bars?symbol=BTCUSDT&timeframe=1m&limit=3';
    expect(redactSecrets(text)).toBe(text);
  });
});
