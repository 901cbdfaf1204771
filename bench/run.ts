import { benchHostileApp } from './hostile-app-bench.js';
import { benchHostile } from './hostile-bench.js';
import { benchParse } from './parse-bench.js';
import { benchSync } from './sync-bench.js';

/** `npm run bench`: prints figures; nothing here passes or fails. */
await benchParse();
await benchSync();
await benchHostile();
await benchHostileApp();
