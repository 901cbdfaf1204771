#!/usr/bin/env node
import { ProbotOctokit, run } from 'probot';
import app from './index.js';

/**
 * `npm start`: Probot's own runner with its standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * PORT, HOST, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL, WEBHOOK_PROXY_URL); without APP_ID it serves the setup
 * page that registers the app from app.yml. Octokit's throttling is off because spec-sync paces requests
 * itself (src/github/pacer.ts): the plugin's defaults space issue creations 3 s apart.
 */
await run(app, { Octokit: ProbotOctokit.defaults({ throttle: { enabled: false } }) });
