import type { JsonObject } from './objects-base.js';

/** One attempt GitHub made to deliver an event to the app's webhook URL. */
export interface StoredHookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  payload: JsonObject;
}

/** Where redeliveries go: the app's webhook URL and secret, like the app's settings on GitHub. */
export interface HookTarget {
  url: string;
  secret: string;
}

/** The app's recent deliveries (`GET /app/hook/deliveries`), newest first as GitHub lists them. */
export class HookDeliveryStore {
  readonly items: StoredHookDelivery[] = [];
  target: HookTarget | undefined;

  record(delivery: StoredHookDelivery): void {
    this.items.unshift(delivery);
  }

  byId(id: number): StoredHookDelivery | undefined {
    return this.items.find((item) => item.id === id);
  }
}

export function hookDeliveryObject(delivery: StoredHookDelivery): JsonObject {
  return {
    id: delivery.id,
    guid: delivery.guid,
    delivered_at: delivery.deliveredAt,
    redelivery: delivery.redelivery,
    duration: 0.01,
    status: delivery.statusCode >= 200 && delivery.statusCode < 300 ? 'OK' : 'Invalid HTTP Response',
    status_code: delivery.statusCode,
    event: delivery.event,
    action: delivery.action,
    installation_id: delivery.installationId,
    repository_id: delivery.repositoryId,
    throttled_at: null,
  };
}

/** Sends a stored delivery again to the app, under its original guid, and records the new attempt. */
export async function redeliver(
  store: HookDeliveryStore,
  original: StoredHookDelivery,
  attempt: { id: number; at: string },
  sign: (secret: string, body: string) => string,
): Promise<void> {
  const target = store.target;
  let statusCode = 502;
  if (target) {
    const body = JSON.stringify(original.payload);
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': original.event,
          'x-github-delivery': original.guid,
          'x-hub-signature-256': sign(target.secret, body),
        },
        body,
      });
      await response.arrayBuffer();
      statusCode = response.status;
    } catch {
      statusCode = 502; // GitHub records a connection failure as a failed delivery
    }
  }
  store.record({ ...original, id: attempt.id, deliveredAt: attempt.at, redelivery: true, statusCode });
}
