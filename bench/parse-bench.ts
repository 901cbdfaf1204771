import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearParseCache, parseTasksCached } from '../src/core/parse/parse-cache.js';
import { parseTasks } from '../src/core/parse/parse-tasks.js';

const ITERATIONS = 3;
const GENERATED_TASKS = 10_000;

function generateSpecKit(tasks: number): string {
  const lines = ['# Tasks: Generated', ''];
  for (let n = 1; n <= tasks; n += 1) {
    if (n % 100 === 1)
      lines.push('', `## Phase ${Math.ceil(n / 100)}: User Story ${Math.ceil(n / 100)} - Part`, '');
    const id = `T${String(n).padStart(5, '0')}`;
    lines.push(
      `- [${n % 3 === 0 ? 'x' : ' '}] ${id} [P] [US${Math.ceil(n / 100)}] Create item ${n} in src/items/item-${n}.ts`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function measure(texts: string[]): { seconds: number; tasks: number } {
  const start = performance.now();
  let tasks = 0;
  for (let round = 0; round < ITERATIONS; round += 1) {
    for (const text of texts) tasks += parseTasks(text, { path: 'specs/bench/tasks.md' }).tasks.length;
  }
  return { seconds: (performance.now() - start) / 1000, tasks };
}

function report(label: string, texts: string[]): void {
  const megabytes = (texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) * ITERATIONS) / 1e6;
  const { seconds, tasks } = measure(texts);
  console.log(
    `${label}: ${(megabytes / seconds).toFixed(2)} MB/s, ${Math.round(tasks / seconds)} tasks/s (${ITERATIONS} runs, ${seconds.toFixed(2)} s)`,
  );
}

function corpusTexts(): string[] | null {
  const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
  const fromBuild = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
  const folder = [corpus, fromBuild].find((candidate) => existsSync(candidate));
  if (!folder) return null;
  const files = readdirSync(folder).filter((name) => /^\d\d__.*\.md$/.test(name));
  return files.map((name) => readFileSync(join(folder, name), 'utf8'));
}

function reportCache(text: string): void {
  clearParseCache();
  const first = performance.now();
  parseTasksCached(text, { path: 'specs/bench/tasks.md' });
  const second = performance.now();
  parseTasksCached(text, { path: 'specs/bench/tasks.md' });
  const end = performance.now();
  console.log(
    `parse cache: first ${(second - first).toFixed(1)} ms, repeat ${(end - second).toFixed(1)} ms (the kept document, shared frozen; the first includes freezing it)`,
  );
}

/** Parser throughput on a generated 10,000-task file and on the shared corpus, and the cache's effect. */
export async function benchParse(): Promise<void> {
  const generated = generateSpecKit(GENERATED_TASKS);
  report(`parse ${GENERATED_TASKS} generated tasks`, [generated]);
  const corpus = corpusTexts();
  if (corpus) report(`parse corpus (${corpus.length} files)`, corpus);
  else console.log('parse corpus: ../shared/corpus not found, skipped');
  reportCache(generated);
}
