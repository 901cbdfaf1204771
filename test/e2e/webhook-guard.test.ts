import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { MAX_WEBHOOK_PAYLOAD_BYTES } from '../../src/web/webhook-guard.js';
import { signPayload } from '../github-sim/webhooks.js';
import { type Harness, startHarness, WEBHOOK_SECRET } from './harness.js';

/** Every line the app logs, as parsed JSON. */
const lines: Record<string, unknown>[] = [];
let harness: Harness;

beforeAll(async () => {
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  harness = await startHarness({ log });
});
afterAll(() => harness.close());
beforeEach(() => {
  lines.length = 0;
});

interface Sent {
  status: number;
  body: string;
}

/** POSTs raw bytes to the app's webhook URL with GitHub's headers; `headers` override them. */
function post(body: string | Buffer, headers: Record<string, string | undefined> = {}): Promise<Sent> {
  const url = new URL(harness.app.url);
  const all: Record<string, string> = {};
  const defaults = {
    'content-type': 'application/json',
    'x-github-event': 'ping',
    'x-github-delivery': randomUUID(),
    'x-hub-signature-256': signPayload(WEBHOOK_SECRET, body.toString()),
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  };
  for (const [name, value] of Object.entries(defaults)) if (value !== undefined) all[name] = value;
  return send(url, all, (req) => req.end(body));
}

function send(
  url: URL,
  headers: Record<string, string>,
  write: (req: ReturnType<typeof request>) => void,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The app may close the connection before the body is sent; the answer has already arrived then.
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    write(req);
  });
}

/** GitHub's headers with a signature that matches nothing, for bodies refused before it is checked. */
function unsignedHeaders(delivery: string, extra: Record<string, string>): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': 'ping',
    'x-github-delivery': delivery,
    'x-hub-signature-256': 'sha256=00',
    ...extra,
  };
}

function jsonOfSize(bytes: number): string {
  const frame = '{"zen":"","hook_id":1}';
  return `{"zen":"${'x'.repeat(bytes - frame.length)}","hook_id":1}`;
}

function refusals(): Record<string, unknown>[] {
  return lines.filter((line) => line.msg === 'Webhook delivery refused');
}

describe('the webhook guard in front of the running app', () => {
  it('answers a signed delivery as before', async () => {
    expect((await post(JSON.stringify({ zen: 'hi', hook_id: 1 }))).status).toBe(200);
    expect(refusals()).toEqual([]);
  });

  it('accepts a body of exactly 25 MB and refuses one byte more before reading it', async () => {
    const atLimit = jsonOfSize(MAX_WEBHOOK_PAYLOAD_BYTES);
    expect(Buffer.byteLength(atLimit)).toBe(MAX_WEBHOOK_PAYLOAD_BYTES);
    expect((await post(atLimit)).status).toBe(200);
    // Only the header announces the size; the 413 comes back though the body is never sent.
    const over = await send(
      new URL(harness.app.url),
      unsignedHeaders('d-1', { 'content-length': String(MAX_WEBHOOK_PAYLOAD_BYTES + 1) }),
      (req) => req.write('{'),
    );
    expect(over.status).toBe(413);
    expect(refusals()).toEqual([expect.objectContaining({ status: 413, id: 'd-1', level: 40 })]);
  });

  it('refuses a streamed body that runs past 25 MB with no length announced', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const result = await send(
      new URL(harness.app.url),
      unsignedHeaders('d-2', { 'transfer-encoding': 'chunked' }),
      (req) => {
        for (let n = 0; n < 26; n += 1) req.write(chunk);
        req.end();
      },
    );
    expect(result.status).toBe(413);
  });

  it('logs a bad signature in one line that holds no body', async () => {
    const body = JSON.stringify({ secret_marker: 'do-not-log-me'.repeat(1000) });
    const result = await post(body, { 'x-hub-signature-256': signPayload('wrong-secret', body) });
    expect(result.status).toBe(401);
    expect(refusals()).toEqual([expect.objectContaining({ status: 401, event: 'ping', level: 40 })]);
    expect(lines.filter((line) => JSON.stringify(line).includes('do-not-log-me'))).toEqual([]);
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('logs a missing signature in one line and answers 400', async () => {
    const result = await post('{"a":1}', { 'x-hub-signature-256': undefined });
    expect(result.status).toBe(400);
    expect(refusals()).toEqual([
      expect.objectContaining({ status: 400, reason: 'no x-hub-signature-256 header' }),
    ]);
  });

  it.each([['null'], ['42'], ['"text"'], ['[1,2]'], ['{not json']])(
    'answers a signed body %s that is not a JSON object with 400',
    async (body) => {
      const result = await post(body);
      expect(result.status).toBe(400);
      expect(refusals()).toHaveLength(1);
      expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
    },
  );

  it('leaves other routes alone', async () => {
    const response = await fetch(new URL('/metrics', harness.app.url));
    expect(response.status).toBe(200);
  });
});
