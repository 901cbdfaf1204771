import { benchHostileApp } from './hostile-app-bench.js';
import { benchHostile } from './hostile-bench.js';
import { benchParse } from './parse-bench.js';
import { benchQueues } from './queue-bench.js';
import { benchStructure } from './structure-bench.js';
import { benchSync } from './sync-bench.js';
import { benchWebhooks } from './webhook-bench.js';

/** `npm run bench`: prints figures; nothing here passes or fails. */
await benchParse();
await benchSync();
await benchStructure();
await benchHostile();
await benchHostileApp();
await benchQueues();
await benchWebhooks();
// the memory benchmark leaves 1,000 jobs that never run in the in-process queue
process.exit(0);
