import type { StructureRun } from './structure-run.js';

/** Whether a milestone title is one spec-sync names for this spec (`002-billing`, `002-billing: Phase 2: …`). */
function isSpecMilestone(title: string, specName: string): boolean {
  return title === specName || title.startsWith(`${specName}: `);
}

/**
 * Puts each issue in the milestone the plan names (`structure.milestones`): missing milestones are created,
 * an issue without a milestone or in another of this spec's is moved; an issue a person put in a milestone
 * of their own stays there. Milestones are listed only when some issue needs one, so an unchanged spec costs
 * no request.
 */
export async function applyMilestones(run: StructureRun, wanted: ReadonlyMap<string, string>): Promise<void> {
  const moves = [...wanted].flatMap(([key, title]) => {
    const issue = run.issues.get(key);
    if (!issue || issue.milestone === title) return [];
    const current = issue.milestone ?? null;
    return current === null || isSpecMilestone(current, run.specName) ? [{ key, issue, title }] : [];
  });
  if (moves.length === 0) return;
  const numbers = run.dryRun ? new Map<string, number>() : await run.gateway.listMilestones();
  for (const { key, issue, title } of moves) {
    let number = numbers.get(title);
    if (number === undefined) {
      number = await run.write(`create the milestone ${title}`, () =>
        run.gateway.createMilestone(title, `Issues of ${run.specDir}, kept by spec-sync.`),
      );
      // A dry run has no number: note the create once, then go on as if it were made.
      numbers.set(title, number ?? 0);
    }
    await run.write(`put ${key} in the milestone ${title}`, () =>
      run.gateway.setMilestone(issue.number, number!),
    );
    issue.milestone = title;
  }
}
