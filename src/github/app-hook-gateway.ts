import { MAX_PER_PAGE } from './gateway-base.js';

/** The app-level (JWT) requests about the app's own webhook; a narrow interface so tests can use the simulator. */
export interface AppClient {
  request(
    route: string,
    parameters?: Record<string, unknown>,
  ): Promise<{ data: unknown; headers: Record<string, string | number | undefined> }>;
}

/** One attempt GitHub made to deliver an event (`GET /app/hook/deliveries`). */
export interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
}

export class AppHookGateway {
  constructor(private readonly client: AppClient) {}

  /** The most recent deliveries, newest first, up to `pages` pages (GitHub pages by cursor). */
  async listRecentDeliveries(pages: number): Promise<HookDelivery[]> {
    const all: HookDelivery[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < pages; page += 1) {
      const { data, headers } = await this.client.request('GET /app/hook/deliveries', {
        per_page: MAX_PER_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...(data as HookDelivery[]));
      cursor = nextCursor(headers.link);
      if (!cursor) break;
    }
    return all;
  }

  /** Asks GitHub to deliver a delivery again (answered 202; the attempt shows in the list later). */
  async redeliver(deliveryId: number): Promise<void> {
    await this.client.request('POST /app/hook/deliveries/{delivery_id}/attempts', {
      delivery_id: deliveryId,
    });
  }
}

/** GitHub pages deliveries by an opaque cursor, given in the `next` link. */
function nextCursor(link: string | number | undefined): string | undefined {
  const next = /<([^>]+)>;\s*rel="next"/.exec(String(link ?? ''));
  return next ? (new URL(next[1]!).searchParams.get('cursor') ?? undefined) : undefined;
}
