#!/usr/bin/env node
import { run } from 'probot';
import { specSyncOctokit } from './github/probot-octokit.js';
import app from './index.js';
import { withWebhookGuard } from './web/webhook-guard.js';

/**
 * `npm start`: Probot's own runner with its standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * PORT, HOST, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL, WEBHOOK_PROXY_URL); without APP_ID it serves the setup
 * page that registers the app from app.yml.
 */
// Probot's own default secret is `development`; the guard checks signatures with the same secret first.
const guard = { secret: process.env.WEBHOOK_SECRET ?? 'development', path: process.env.WEBHOOK_PATH };
await run(withWebhookGuard(app, guard), { Octokit: specSyncOctokit() });
