#!/usr/bin/env node
import { runAction } from './run-action.js';

/** The entry action.yml runs: the runner passes inputs as INPUT_* variables and the run as GITHUB_*. */
try {
  process.exitCode = await runAction(process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  // A workflow command, so the failure shows on the run's summary.
  process.stdout.write(`::error title=spec-sync::${(error as Error).message}\n`);
  process.exitCode = 1;
}
