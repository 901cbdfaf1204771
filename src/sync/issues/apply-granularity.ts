import { groupUnits } from '../../core/structure/group-units.js';
import { isStructureKey } from '../../core/structure/structure-record.js';
import type { IssueUnit } from '../../core/structure/types.js';
import type { IssueSnapshot } from '../../github/gateway.js';
import { ensureStructureIssue, wantedUnit } from './structure-issues.js';
import type { StructureRun } from './structure-run.js';

/** Story and phase issues of the granularity in force (the spec unit is the parent issue itself). */
export async function ensureUnitIssues(run: StructureRun, units: readonly IssueUnit[]): Promise<void> {
  for (const unit of units)
    if (unit.kind === 'story' || unit.kind === 'phase')
      await ensureStructureIssue(run, unit.key, wantedUnit(run, unit));
}

/**
 * After a switch of granularity, the open issues of the old one are closed as not planned, each with a
 * comment linking where its work is tracked now; closed ones, and their history, stay as they are. Task
 * issues go when units are stories, phases or the spec; story and phase issues go when units are tasks
 * again (phase and part issues that hold sub-issues stay: `keep`).
 */
export async function retireOldIssues(
  run: StructureRun,
  units: readonly IssueUnit[],
  keep: ReadonlySet<string>,
): Promise<void> {
  const perTask = units.every((unit) => unit.kind === 'task');
  const unitKeys = new Set(units.map((unit) => unit.key));
  const home = new Map(units.flatMap((unit) => unit.taskIds.map((id) => [id, unit.key] as const)));
  for (const [key, issue] of [...run.issues]) {
    if (issue.state === 'closed' || key === 'spec' || keep.has(key)) continue;
    const isUnitIssue = /^(?:story|phase):/u.test(key);
    const stale = perTask ? isUnitIssue : !unitKeys.has(key) && (isUnitIssue || !isStructureKey(key));
    if (!stale) continue;
    // Where its tasks are tracked now: their task issues, or the units holding them.
    const tasks = isStructureKey(key) ? tasksOf(run, key) : [key];
    const homes = perTask ? tasks : [...new Set(tasks.map((id) => home.get(id) ?? 'spec'))];
    const links = homes.length > 0 ? homes.map((home) => linkTo(run, home)).join(', ') : 'tasks.md';
    await run.write(`close #${issue.number} (${key}) as not planned: now tracked ${links}`, async () => {
      await run.gateway.updateIssue(issue.number, { state: 'closed', stateReason: 'not_planned' });
      await run.gateway.commentOnIssue(issue.number, retiredComment(key, links, run));
    });
    issue.state = 'closed';
  }
}

function retiredComment(key: string, links: string, run: StructureRun): string {
  return (
    `${run.specName} now has ${describeGranularity(run)} (the \`issues.granularity\` setting), so ${key} is ` +
    `tracked in ${links} and this issue is closed as not planned. It reopens if the setting comes back.`
  );
}

function describeGranularity(run: StructureRun): string {
  const words = {
    task: 'one issue per task',
    story: 'one issue per user story',
    phase: 'one issue per phase',
    spec: 'one issue for the whole spec',
  };
  return words[run.granularity];
}

/** `#12`, or the unit's key when a dry run has not made it yet. */
function linkTo(run: StructureRun, key: string): string {
  const issue: IssueSnapshot | undefined = run.issues.get(key);
  return issue && issue.number !== 0 ? `#${issue.number}` : key;
}

/** The tasks a story or phase issue stood for, as the file groups them now. */
function tasksOf(run: StructureRun, key: string): string[] {
  const grouped = groupUnits(run.doc, key.startsWith('story:') ? 'story' : 'phase');
  return grouped.find((unit) => unit.key === key)?.taskIds ?? [];
}
