import { createServer, type Server } from 'node:http';
import { afterEach, expect, it } from '@jest/globals';
import { Metrics } from '../../src/metrics.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function serve(token: string | undefined): Promise<string> {
  const handle = new Metrics().handler(token);
  server = createServer((request, response) => {
    void handle(request, response).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}/metrics`;
}

it('refuses /metrics without the bearer token when METRICS_TOKEN is set', async () => {
  const url = await serve('s3cret');
  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  const allowed = await fetch(url, { headers: { authorization: 'Bearer s3cret' } });
  expect(allowed.status).toBe(200);
  expect(await allowed.text()).toContain('spec_sync_jobs_total');
});

it('serves /metrics to anyone when no token is set', async () => {
  const url = await serve(undefined);
  expect((await fetch(url)).status).toBe(200);
});
