import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Probot } from 'probot';
import { parse as parseYaml } from 'yaml';
import { createSpecSyncApp } from '../../src/app.js';
import { APP_PRIVATE_KEY } from '../github-sim/keys.js';

interface Manifest {
  default_events: string[];
  default_permissions: Record<string, 'read' | 'write'>;
  hook_attributes?: { url?: string };
}

/**
 * The permission GitHub requires before it delivers each event to an app
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads, "Availability" of each event).
 * `null`: delivered to every app, never listed in a manifest.
 */
const REQUIRED_PERMISSION: Record<string, string | null> = {
  check_run: 'checks',
  check_suite: 'checks',
  issues: 'issues',
  merge_group: 'merge_queues',
  pull_request: 'pull_requests',
  push: 'contents',
  installation: null,
  installation_repositories: null,
};

const manifest = parseYaml(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8')) as Manifest;

/** The events src/app.ts subscribes to, read from a real Probot instance loading the app. */
async function subscribedEvents(): Promise<Set<string>> {
  const probot = new Probot({ appId: 1, privateKey: APP_PRIVATE_KEY, secret: 'manifest-test' });
  const events = new Set<string>();
  const on = probot.on.bind(probot);
  probot.on = ((names: string | string[], handler: never) => {
    for (const name of [names].flat()) events.add(name.split('.')[0] as string);
    return on(names as never, handler);
  }) as typeof probot.on;
  await probot.load(createSpecSyncApp({ processMetrics: false }), {
    cwd: process.cwd(),
    addHandler: () => {},
  });
  return events;
}

describe('app.yml', () => {
  it('lists exactly the events the app subscribes to', async () => {
    const code = [...(await subscribedEvents())].filter((event) => REQUIRED_PERMISSION[event] !== null);
    expect(code.every((event) => event in REQUIRED_PERMISSION)).toBe(true);
    expect([...manifest.default_events].sort()).toEqual(code.sort());
  });

  it('grants the permission each subscribed event requires', () => {
    const missing = manifest.default_events.filter((event) => {
      const permission = REQUIRED_PERMISSION[event];
      return !permission || !manifest.default_permissions[permission];
    });
    expect(missing).toEqual([]);
  });

  it('leaves the webhook URL to the setup flow (no placeholder that would override it)', () => {
    expect(manifest.hook_attributes?.url).toBeUndefined();
  });

  it('asks for no permission that no feature uses', () => {
    const used = new Set(['contents', 'issues', 'checks', 'pull_requests', 'merge_queues', 'metadata']);
    expect(Object.keys(manifest.default_permissions).filter((name) => !used.has(name))).toEqual([]);
  });
});
