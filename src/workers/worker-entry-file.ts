import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WorkerEntry {
  /** The module a worker thread loads. */
  filename: string;
  /** Node options for the worker thread. */
  execArgv: string[];
}

/**
 * Where the worker's code is. Built (`dist/`), the compiled `worker-tasks.js` sits next to this module.
 * Run from the TypeScript sources (jest, which compiles in memory and leaves no .js on disk), only
 * `worker-tasks.ts` exists: the thread then loads scripts/ts-worker-register.mjs first, which compiles
 * TypeScript with @swc/core (a development dependency, as the sources are). Nothing needs building first.
 */
export function resolveWorkerEntry(): WorkerEntry {
  const compiled = fileURLToPath(new URL('./worker-tasks.js', import.meta.url));
  if (existsSync(compiled)) return { filename: compiled, execArgv: [] };
  const source = fileURLToPath(new URL('./worker-tasks.ts', import.meta.url));
  const register = fileURLToPath(new URL('../../scripts/ts-worker-register.mjs', import.meta.url));
  if (!existsSync(source) || !existsSync(register))
    throw new Error(`The worker entry is missing: neither ${compiled} nor ${source} exists.`);
  return { filename: source, execArgv: ['--import', register] };
}
