// The container's runtime steps without Docker (CI has no daemon): a fresh copy of what the Dockerfile's
// run stage copies, production dependencies from the lockfile, the built server started with the image's
// environment and test credentials against the GitHub simulator, then one signed webhook, the health
// check and /ping. Needs `npm run build` first (dist/src and the simulator in dist/test).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = new URL('..', import.meta.url).pathname;
const { startGitHubSim, webhooks } = await import(join(repoRoot, 'dist/test/github-sim/index.js'));

/** The run stage of the Dockerfile: its ENV values and its HEALTHCHECK command. */
function readRunStage() {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stage = text.slice(text.lastIndexOf('\nFROM '));
  const env = {};
  for (const [, pairs] of stage.matchAll(/^ENV (.+)$/gm))
    for (const [, name, value] of pairs.matchAll(/(\w+)=(\S+)/g)) env[name] = value;
  const health = /^HEALTHCHECK .*?CMD (\[.*\])$/m.exec(stage);
  if (!health) throw new Error('the Dockerfile has no HEALTHCHECK in its run stage');
  if (!/npm ci --omit=dev/.test(stage))
    throw new Error('the run stage does not install with npm ci --omit=dev');
  return { env, healthcheck: JSON.parse(health[1]) };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(what, test, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await test()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function step(message) {
  process.stdout.write(`check-runtime: ${message}\n`);
}

const { env: imageEnv, healthcheck } = readRunStage();
const app = mkdtempSync(join(tmpdir(), 'spec-sync-runtime-'));
let server;
const sim = await startGitHubSim();
try {
  step(`fresh copy in ${app}`);
  for (const path of ['package.json', 'package-lock.json', 'templates', 'app.yml', 'dist/src'])
    cpSync(join(repoRoot, path), join(app, path), { recursive: true });
  step('npm ci --omit=dev from the lockfile');
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const repo = 'acme/runtime';
  sim.createRepo(repo, { files: { 'README.md': '# runtime\n' } });
  const port = await freePort();
  const secret = 'runtime-check-secret';
  const env = {
    PATH: process.env.PATH,
    ...imageEnv,
    PORT: String(port),
    APP_ID: String(sim.appId),
    PRIVATE_KEY: sim.privateKey,
    WEBHOOK_SECRET: secret,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: 'info',
  };
  step(`starting node dist/src/main.js (NODE_ENV=${env.NODE_ENV}, HOST=${env.HOST})`);
  server = spawn('node', ['dist/src/main.js'], { cwd: app, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let logged = '';
  server.stdout.on('data', (chunk) => {
    logged += chunk;
  });
  const exited = new Promise((_, reject) =>
    server.on('exit', (code) => reject(new Error(`the server exited with code ${code}`))),
  );
  const base = `http://127.0.0.1:${port}`;
  await Promise.race([exited, waitFor('/ping', async () => (await fetch(`${base}/ping`)).ok)]);
  step('/ping answered');

  const { status } = await sim.push({
    repo,
    files: {
      'specs/001-demo/tasks.md': '- [ ] T001 Create the project\n',
      'specs/001-demo/spec.md': '# Demo\n',
    },
    deliverTo: { url: `${base}/api/github/webhooks`, secret },
  });
  if (status !== 200) throw new Error(`the signed push webhook was answered ${status}`);
  await Promise.race([exited, waitFor('the task issue', () => sim.repo(repo).issues.length === 1)]);
  step(`signed push webhook answered 200; issue #${sim.repo(repo).issues[0].number} opened on the simulator`);

  // production logs: one JSON object a line, and a job's lines carry the delivery that caused it
  await waitFor("the job's log line", () => /"msg":"Job done"/.test(logged));
  const lines = logged.split('\n').filter((line) => line.trim() !== '');
  const notJson = lines.filter((line) => {
    try {
      return typeof JSON.parse(line) !== 'object';
    } catch {
      return true;
    }
  });
  if (notJson.length > 0) throw new Error(`log lines that are not JSON: ${notJson.slice(0, 3).join(' | ')}`);
  const jobLines = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'Job done');
  if (!jobLines.every((line) => typeof line.deliveryId === 'string' && line.deliveryId.length > 0))
    throw new Error("a job's log line has no deliveryId");
  step(`${lines.length} log lines, all JSON; each job's line names its delivery`);

  const unsigned = await webhooks.deliver(`${base}/api/github/webhooks`, 'wrong-secret', 'push', {});
  if (unsigned < 400) throw new Error(`a webhook with a wrong signature was answered ${unsigned}`);
  step(`a wrongly signed webhook was refused (${unsigned})`);

  const [command, ...args] = healthcheck;
  execFileSync(command, args, { env, stdio: 'inherit', timeout: 5000 });
  step('the HEALTHCHECK command passed');
} finally {
  server?.kill();
  await sim.close();
  rmSync(app, { recursive: true, force: true });
}
