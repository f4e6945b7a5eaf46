// A small notify sink for docker compose: receives market-scheduler's notification POSTs
// (CONTRACT §5), answers 200, deduplicates by Idempotency-Key and prints one line per new alert.
// GET / lists what arrived (newest first). Stand-in for a real receiver (a Telegram bot, a webhook).
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8000);
const seen = new Map();

createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify([...seen.values()].reverse(), null, 2));
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const key = req.headers['idempotency-key'] ?? `no-key-${Date.now()}`;
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end('{"error":"body is not JSON"}');
    }
    if (!seen.has(key)) {
      seen.set(key, { receivedAt: new Date().toISOString(), ...body });
      console.log(
        `${new Date().toISOString()} ${body.jobName ?? '?'} ${body.symbol ?? ''} ${body.timeframe ?? ''}: ${body.message ?? ''}`,
      );
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
}).listen(port, () => console.log(`notify sink listening on :${port}`));
