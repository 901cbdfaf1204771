#!/usr/bin/env node
import { startRuntime } from './runtime/start.js';

/**
 * `npm start`: Probot's own runner with its standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * PORT, HOST, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL, WEBHOOK_PROXY_URL); without APP_ID it serves the setup
 * page that registers the app from app.yml. SPEC_SYNC_ROLE and REDIS_URL choose the role and the queue
 * (docs/running.md).
 */
await startRuntime();
