import { expect, it } from '@jest/globals';
import { run } from 'probot';
import { createSpecSyncApp } from '../../src/app.js';
import { specSyncOctokit } from '../../src/github/probot-octokit.js';
import { freePort } from '../support/free-port.js';

it('comes up in Probot setup mode without APP_ID, offering to register the app from app.yml', async () => {
  const port = await freePort();
  const server = await run(createSpecSyncApp(), {
    env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    Octokit: specSyncOctokit(),
    updateEnv: () => ({}),
  });
  try {
    const response = await fetch(`http://127.0.0.1:${port}/probot`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('<title>Setup spec-sync');
    expect(page).toContain('Register GitHub App');
  } finally {
    await server.stop();
  }
});
