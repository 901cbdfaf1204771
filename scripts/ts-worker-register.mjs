// `--import` target for worker threads started from the TypeScript sources (see src/workers/worker-entry-file.ts).
import { register } from 'node:module';

register('./ts-worker-hooks.mjs', import.meta.url);
