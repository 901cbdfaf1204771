#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCheckCommand } from './check-command.js';
import { EXIT_USAGE } from './exit-status.js';
import { registerParseCommand } from './parse-command.js';
import { registerSyncCommand } from './sync-command.js';
import { registerWorkerCommand } from './worker-command.js';

/** The package's version, from its package.json: two folders up from src/cli, three from dist/src/cli. */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    const file = new URL(up, import.meta.url);
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'spec-sync' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

const program = new Command('spec-sync')
  .description("Keep a spec's tasks.md and GitHub in step")

  .version(packageVersion(), '-V, --version', 'print the version')
  .showHelpAfterError()
  .exitOverride();
registerParseCommand(program);
registerCheckCommand(program);
registerSyncCommand(program);
registerWorkerCommand(program);
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // Commander has printed the message (or the help, or the version) already.
  process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
}
