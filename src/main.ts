#!/usr/bin/env node
import { EnvError } from './runtime/env.js';
import { startRuntime } from './runtime/start.js';

/**
 * `npm start`: Probot's own runner with its standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * PORT, HOST, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL, WEBHOOK_PROXY_URL; see .env.example); without APP_ID it
 * serves the setup page that registers the app from app.yml. SPEC_SYNC_ROLE and REDIS_URL choose the role
 * and the queue (docs/running.md).
 */
try {
  await startRuntime();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  // Nothing is logging yet: the reason goes to stderr, where a container runtime shows it.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
