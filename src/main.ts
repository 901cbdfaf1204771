#!/usr/bin/env node
import { run } from 'probot';
import { specSyncOctokit } from './github/probot-octokit.js';
import app from './index.js';

/**
 * `npm start`: Probot's own runner with its standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * PORT, HOST, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL, WEBHOOK_PROXY_URL); without APP_ID it serves the setup
 * page that registers the app from app.yml.
 */
await run(app, { Octokit: specSyncOctokit() });
