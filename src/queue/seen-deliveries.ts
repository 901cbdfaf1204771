/** How long a delivery id is remembered: GitHub redelivers on request, usually within hours. */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Bound on the in-memory record, so a flood of deliveries cannot grow the process without limit. */
const MAX_REMEMBERED = 50_000;

/**
 * The deliveries whose jobs this process already queued, so a redelivered webhook (same
 * `X-GitHub-Delivery`) queues nothing. Keyed by delivery and job identity: one delivery may start several
 * jobs. The Redis back end keeps the same record in Redis, shared by every process.
 */
export class SeenDeliveries {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly memoryMs = DELIVERY_MEMORY_MS,
  ) {}

  /** True the first time a (delivery, job) pair is offered within the memory window. */
  first(deliveryId: string, identity: string): boolean {
    const key = `${deliveryId}\n${identity}`;
    const at = this.#seen.get(key);
    if (at !== undefined && this.now() - at < this.memoryMs) return false;
    this.#seen.delete(key);
    this.#seen.set(key, this.now());
    if (this.#seen.size > MAX_REMEMBERED) this.#seen.delete(this.#seen.keys().next().value!);
    return true;
  }

  /** Lets a redelivery run again (its job failed for good, so a person may redeliver to retry). */
  forget(deliveryId: string, identity: string): void {
    this.#seen.delete(`${deliveryId}\n${identity}`);
  }
}
