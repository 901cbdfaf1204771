#!/usr/bin/env node
import { run } from 'probot';
import { specSyncOctokit } from './github/probot-octokit.js';
import app from './index.js';
import { EnvError, loadRuntimeEnv } from './runtime/env.js';
import { withWebhookGuard } from './web/webhook-guard.js';

/**
 * `npm start`: Probot's own runner with its standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * PORT, HOST, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL, WEBHOOK_PROXY_URL; see .env.example); without APP_ID it
 * serves the setup page that registers the app from app.yml.
 */
let env: Record<string, string>;
try {
  env = loadRuntimeEnv(process.env, process.cwd());
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  // Nothing is logging yet: the reason goes to stderr, where a container runtime shows it.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
Object.assign(process.env, env);
// Probot's own default secret is `development`; the guard checks signatures with the same secret first.
const guard = { secret: env.WEBHOOK_SECRET ?? 'development', path: env.WEBHOOK_PATH };
const started = run(withWebhookGuard(app, guard), { env, Octokit: specSyncOctokit() });
// Probot's run() first copies .env over process.env, synchronously; the shell's values win again.
Object.assign(process.env, env);
await started;
