import { availableParallelism, loadavg } from 'node:os';
import { benchHostileApp } from './hostile-app-bench.js';
import { benchHostile } from './hostile-bench.js';
import { benchParse } from './parse-bench.js';
import { benchQueues } from './queue-bench.js';
import { benchStructure } from './structure-bench.js';
import { benchSync } from './sync-bench.js';
import { benchWebhooks } from './webhook-bench.js';

/** `npm run bench`: prints figures; nothing here passes or fails. */
// latency figures depend on what else the machine runs: say what it was doing
const [load] = loadavg();
console.log(
  `# spec-sync bench: ${availableParallelism()} cores, load average ${load!.toFixed(2)} at the start`,
);
await benchParse();
await benchSync();
await benchStructure();
await benchHostile();
await benchHostileApp();
await benchQueues();
await benchWebhooks();
// the memory benchmark leaves 1,000 jobs that never run in the in-process queue
process.exit(0);
