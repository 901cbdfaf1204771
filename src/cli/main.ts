#!/usr/bin/env node
import { Command } from 'commander';
import { registerCheckCommand } from './check-command.js';
import { registerParseCommand } from './parse-command.js';
import { registerSyncCommand } from './sync-command.js';
import { registerWorkerCommand } from './worker-command.js';

const program = new Command('spec-sync')
  .description("Keep a spec's tasks.md and GitHub in step")
  .showHelpAfterError();
registerParseCommand(program);
registerCheckCommand(program);
registerSyncCommand(program);
registerWorkerCommand(program);

await program.parseAsync(process.argv);
