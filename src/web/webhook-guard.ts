import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunction, Probot } from 'probot';

/** GitHub caps webhook payloads at 25 MB; it never sends a larger delivery, so one is not GitHub's. */
export const MAX_WEBHOOK_PAYLOAD_BYTES = 25 * 1024 * 1024;
/** Probot's default webhook path (WEBHOOK_PATH changes it). */
const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

export interface WebhookGuardOptions {
  /** The app's webhook secret (WEBHOOK_SECRET). */
  secret: string;
  path?: string;
  maxBytes?: number;
}

type NodeMiddleware = Awaited<ReturnType<Probot['getNodeMiddleware']>>;
type GuardLog = Pick<Probot['log'], 'warn'>;

interface Refusal {
  status: number;
  reason: string;
}

/**
 * The app function with a guard in front of Probot's webhook middleware, which would otherwise read any
 * body whole, log a request with a bad signature at error level with its whole body, and answer a signed
 * body that is not a JSON object with 500. The guard refuses those cheaply, each with one log line that
 * holds no body. Probot's Server asks the app's Probot instance for its middleware when it starts (after
 * loading the app), so replacing that instance's `getNodeMiddleware` is the one seam before the body is read.
 */
export function withWebhookGuard(
  appFn: ApplicationFunction,
  options: WebhookGuardOptions,
): ApplicationFunction {
  return (app, appOptions) => {
    const original = app.getNodeMiddleware.bind(app);
    app.getNodeMiddleware = async (middlewareOptions) =>
      guardWebhooks(await original(middlewareOptions), options, app.log);
    return appFn(app, appOptions);
  };
}

function guardWebhooks(inner: NodeMiddleware, options: WebhookGuardOptions, log: GuardLog): NodeMiddleware {
  const path = options.path ?? DEFAULT_WEBHOOK_PATH;
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_PAYLOAD_BYTES;
  return async (request: IncomingMessage, response: ServerResponse, next?: Parameters<NodeMiddleware>[2]) => {
    if (request.method !== 'POST' || pathOf(request) !== path) return inner(request, response, next);
    const delivery = { id: header(request, 'x-github-delivery'), event: header(request, 'x-github-event') };
    const refusal = refuseEarly(request, maxBytes) ?? (await readBody(request, maxBytes, options.secret));
    if (typeof refusal === 'string') {
      // Probot's middleware reads a string body as it is, without reading the request again.
      (request as IncomingMessage & { body?: string }).body = refusal;
      return inner(request, response, next);
    }
    log.warn({ ...delivery, status: refusal.status, reason: refusal.reason }, 'Webhook delivery refused');
    refuse(request, response, refusal);
    return true;
  };
}

function refuseEarly(request: IncomingMessage, maxBytes: number): Refusal | null {
  const length = Number(request.headers['content-length']);
  if (length > maxBytes)
    return { status: 413, reason: `body of ${length} bytes is over the ${maxBytes} accepted` };
  if (!header(request, 'x-hub-signature-256'))
    return { status: 400, reason: 'no x-hub-signature-256 header' };
  return null;
}

/** The body as text when it is within the cap, correctly signed and a JSON object; else why not. */
async function readBody(
  request: IncomingMessage,
  maxBytes: number,
  secret: string,
): Promise<string | Refusal> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return { status: 413, reason: `body over the ${maxBytes} bytes accepted` };
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (!signatureMatches(body, header(request, 'x-hub-signature-256') ?? '', secret))
    return { status: 401, reason: 'signature does not match the body and secret' };
  return jsonObjectText(body);
}

function signatureMatches(body: Buffer, signature: string, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function jsonObjectText(body: Buffer): string | Refusal {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: 400, reason: 'body is not JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return {
      status: 400,
      reason: `body is JSON but not an object (${parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed})`,
    };
  return text;
}

function refuse(request: IncomingMessage, response: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ error: refusal.reason });
  // A body not read to its end is not read at all: close the connection rather than drain it.
  const unread = !request.readableEnded;
  response.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(unread ? { connection: 'close' } : {}),
  });
  response.end(body, () => {
    if (unread) request.destroy();
  });
}

function pathOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
  } catch {
    return '';
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
