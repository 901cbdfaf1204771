import { readFileSync } from 'node:fs';
import { Probot } from 'probot';
import { createSpecSyncApp } from '../app.js';
import { runCheck } from '../cli/check-command.js';
import { EXIT_USAGE } from '../cli/exit-status.js';
import { runSync } from '../cli/sync-command.js';
import { parseTasks } from '../core/parse/parse-tasks.js';
import { specSyncOctokit } from '../github/probot-octokit.js';
import type { OperatedQueue } from '../queue/queue-status.js';

/** The runner's environment: inputs as `INPUT_<NAME>`, the run's context as `GITHUB_*`. */
export type RunnerEnv = Record<string, string | undefined>;

export interface ActionIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * A workflow's event names no installation: the workflow's token stands in for one. Probot's token mode
 * hands every job a client with that token whatever the id, so any positive number will do.
 */
const WORKFLOW_INSTALLATION_ID = 1;

/** An input as the runner passes it: `INPUT_` and the name upper-cased, spaces as `_`, trimmed. */
export function input(env: RunnerEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function required(env: RunnerEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: run spec-sync as a step of a GitHub Actions workflow`);
  return value;
}

/** The action's entry (action.yml): `event` runs the app on the workflow's event, `check` and `sync` the CLI's. */
export async function runAction(env: RunnerEnv, io: ActionIo): Promise<number> {
  const command = input(env, 'command') || 'event';
  const token = input(env, 'token');
  if (command === 'check') {
    const paths = input(env, 'paths').split(/\s+/).filter(Boolean);
    const cwd = required(env, 'GITHUB_WORKSPACE');
    return runCheck(paths, { format: 'github' }, { ...io, cwd, parse: parseTasks });
  }
  if (!token)
    throw new Error(
      'the token input is empty: leave it out (it defaults to the workflow token) or pass a token',
    );
  if (command === 'sync') {
    const spec = input(env, 'spec') || undefined;
    const dryRun = input(env, 'dry-run') === 'true';
    return runSync(
      { repo: required(env, 'GITHUB_REPOSITORY'), apiUrl: env.GITHUB_API_URL, token, spec, dryRun },
      io,
    );
  }
  if (command === 'event') return runEvent(env, token, io);
  io.err(`spec-sync: unknown command "${command}" (event, check or sync)`);
  return EXIT_USAGE;
}

/** The app's own handlers and jobs on the workflow's event, with the workflow's token: what the app would do. */
async function runEvent(env: RunnerEnv, token: string, io: ActionIo): Promise<number> {
  const name = required(env, 'GITHUB_EVENT_NAME');
  const payload = JSON.parse(readFileSync(required(env, 'GITHUB_EVENT_PATH'), 'utf8')) as Record<
    string,
    unknown
  >;
  payload.installation ??= { id: WORKFLOW_INSTALLATION_ID };
  let runtime: { queue: OperatedQueue } | undefined;
  const probot = new Probot({
    githubToken: token,
    baseUrl: env.GITHUB_API_URL,
    Octokit: specSyncOctokit(),
    logLevel: (input(env, 'log-level') || 'info') as 'info',
  });
  const app = createSpecSyncApp({ processMetrics: false, onStart: (started) => (runtime = started) });
  await probot.load(app, { cwd: env.GITHUB_WORKSPACE ?? process.cwd(), addHandler: () => undefined });
  const id = `${env.GITHUB_RUN_ID ?? 'run'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
  if (!runtime) throw new Error('the app did not start its queue');
  await runtime.queue.onIdle();
  // jobs that failed for good: a failed attempt that a retry then finished does not fail the step
  const count = (await runtime.queue.counts()).failed;
  if (count > 0) {
    io.err(`spec-sync: ${count} job(s) failed on the ${name} event; the log above says why`);
    return 1;
  }
  io.out(`spec-sync: the ${name} event was handled`);
  return 0;
}
