import { type AppClient, AppHookGateway, type HookDelivery } from '../github/app-hook-gateway.js';
import type { Logger } from '../sync/shared/services.js';

/** GitHub keeps a hook's deliveries for 3 days; older ones cannot be redelivered. */
const DELIVERY_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;
/** Pages of 100 deliveries read per run: a bound on the cost of one run. */
const PAGES_PER_RUN = 5;
/** Redeliveries asked for per run; the rest wait for the next run. */
const REDELIVERIES_PER_RUN = 20;

export interface HealOptions {
  log: Logger;
  now: number;
  /** Pause between two redelivery requests (they are writes: GitHub wants them spaced). */
  paceMs: number;
  /** Guids this process already redelivered, so a redelivery still in flight is not asked for twice. */
  redelivered: Set<string>;
}

/**
 * The deliveries to ask again: the latest failed attempt of each event that never succeeded and was never
 * redelivered (by this process, another, or a person), within GitHub's retention window.
 */
function planRedeliveries(deliveries: HookDelivery[], now: number, redelivered: Set<string>): HookDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const delivery of deliveries)
    byGuid.set(delivery.guid, [...(byGuid.get(delivery.guid) ?? []), delivery]);
  const plan: HookDelivery[] = [];
  for (const [guid, attempts] of byGuid) {
    if (redelivered.has(guid)) continue;
    if (attempts.some((attempt) => succeeded(attempt) || attempt.redelivery)) continue;
    const latest = attempts.reduce((a, b) =>
      Date.parse(a.delivered_at) >= Date.parse(b.delivered_at) ? a : b,
    );
    if (now - Date.parse(latest.delivered_at) < DELIVERY_RETENTION_MS) plan.push(latest);
  }
  return plan.slice(0, REDELIVERIES_PER_RUN);
}

function succeeded(delivery: HookDelivery): boolean {
  return delivery.status_code >= 200 && delivery.status_code < 300;
}

/** Lists recent deliveries and redelivers the failed ones, paced; returns how many it asked for. */
export async function healDeliveries(client: AppClient, options: HealOptions): Promise<number> {
  const gateway = new AppHookGateway(client);
  const plan = planRedeliveries(
    await gateway.listRecentDeliveries(PAGES_PER_RUN),
    options.now,
    options.redelivered,
  );
  for (const [index, delivery] of plan.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, options.paceMs));
    await gateway.redeliver(delivery.id);
    options.redelivered.add(delivery.guid);
    options.log.info(
      { deliveryId: delivery.guid, event: delivery.event, status: delivery.status_code },
      'Failed delivery redelivered',
    );
  }
  return plan.length;
}
