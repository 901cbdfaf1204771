import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { gatesSchema } from '../../../src/config/schema.js';
import { evaluateGates } from '../../../src/core/gates/evaluate-gates.js';
import type { GateName, GateReport } from '../../../src/core/gates/types.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';

/** Real tasks.md files, read at run time (never copied here); the suite skips when the folder is absent. */
const corpus = new URL('../../../../shared/corpus/', import.meta.url);
const available = existsSync(corpus);
if (!available) console.warn('gates-corpus: ../shared/corpus is missing, skipping the corpus tests');

function check(prefix: string, tasksPath: string): GateReport {
  const name = readdirSync(corpus).find((file) => file.startsWith(`${prefix}__`));
  if (!name) throw new Error(`corpus file ${prefix} not found`);
  const tasksText = readFileSync(new URL(name, corpus), 'utf8');
  const doc = parseTasks(tasksText, { path: tasksPath });
  const specDir = tasksPath.slice(0, tasksPath.lastIndexOf('/'));
  const config = gatesSchema.parse({ completion: 'error' });
  return evaluateGates({ specDir, tasksPath, doc, documents: {}, tasksText }, config);
}

const lines = (report: GateReport, gate: GateName) =>
  report.gates.find((result) => result.name === gate)?.violations.map((violation) => violation.line);

const describeCorpus = available ? describe : describe.skip;

describeCorpus('gates over the corpus', () => {
  test('(41) every task done: phase order and dependencies hold, nothing left to complete', () => {
    const report = check('41', 'webapp/specs/013-cli-client/tasks.md');
    expect(lines(report, 'phaseOrder')).toEqual([]);
    expect(lines(report, 'taskDependencies')).toEqual([]);
    expect(lines(report, 'completion')).toEqual([]);
    // INDEX.tsv: 49 task lines, all checked.
    expect([report.done, report.total]).toEqual([49, 49]);
  });

  test('(34) every task done: phase order holds', () => {
    expect(lines(check('34', 'specs/048-auditoria-ux-sectores/tasks.md'), 'phaseOrder')).toEqual([]);
  });

  test('(31) nothing done: no ordering problem, nothing done', () => {
    const report = check('31', 'specs/008-schema-driven-modules/tasks.md');
    expect(lines(report, 'phaseOrder')).toEqual([]);
    expect(report.done).toBe(0);
  });

  test('(06) the spec-kit template trips placeholders at its title line, and documents', () => {
    const report = check('06', 'specs/001-template/tasks.md');
    expect(lines(report, 'placeholders')).toContain(6);
    expect(lines(report, 'documents')).toEqual([1]);
  });

  test('(20) Kiro: done parents with only optional sub-tasks open hold', () => {
    const report = check('20', '.kiro/specs/user-authentication/tasks.md');
    expect(lines(report, 'phaseOrder')).toEqual([]);
    // 40 `[x]`, one `[ ]` (14.) and one `[-]` (12.); the five `[ ]*` optional tasks are not counted.
    expect([report.done, report.total]).toEqual([40, 42]);
  });

  test('(45) Kiro: open parent 2. over done sub-tasks is no phase-order problem; 2. and 20. keep it incomplete', () => {
    const report = check('45', '.kiro/specs/user-authentication/tasks.md');
    expect(lines(report, 'phaseOrder')).toEqual([]);
    expect(lines(report, 'completion')).toEqual([15, 333]);
  });
});
