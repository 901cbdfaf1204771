import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperatedQueue, QueueCounts } from '../queue/queue-status.js';
import type { Role } from './runtime-env.js';

const HEALTH_PATH = '/healthz';

export interface HealthReport {
  live: true;
  ready: boolean;
  role: Role;
  backend: 'redis' | 'in-process';
  queue: QueueCounts | null;
}

/** Liveness (the process answers), readiness (the queue takes jobs: Redis reachable) and the queue's counts. */
async function reportHealth(
  queue: OperatedQueue,
  role: Role,
  backend: HealthReport['backend'],
): Promise<HealthReport> {
  const ready = await queue.ready();
  const counts = ready ? await queue.counts().catch(() => null) : null;
  return { live: true, ready: ready && counts !== null, role, backend, queue: counts };
}

/** A Probot server handler answering `GET /healthz`: 200 when ready, 503 otherwise. */
export function healthHandler(queue: OperatedQueue, role: Role, backend: HealthReport['backend']) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== HEALTH_PATH) return false;
    const report = await reportHealth(queue, role, backend);
    response.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify(report));
    return true;
  };
}
