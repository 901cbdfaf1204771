import type { Config } from '../../config/schema.js';
import type { SpecLocation } from '../../core/specs/find-specs.js';
import { specBranchSegment } from '../../core/specs/spec-names.js';
import type { RepositoryFiles } from '../../github/gateway.js';

/**
 * The branch whose tasks.md a spec's issues mirror (docs/sync.md):
 * `auto` — the branch named after the spec (spec-kit's `002-billing`) while it exists, else the default branch;
 * `default` — always the default branch; a pattern such as `feature/{spec}` — that branch while it exists.
 * When a spec branch is merged and deleted the default branch takes over; issues are keyed by spec and task,
 * not by branch, so no second set appears.
 */
export async function resolveTrackingBranch(
  gateway: RepositoryFiles,
  tracking: Config['tracking'],
  spec: SpecLocation,
  defaultBranch: string,
): Promise<string> {
  if (tracking.branch === 'default') return defaultBranch;
  const specBranch = specBranchName(spec, tracking);
  if (specBranch === defaultBranch) return defaultBranch;
  return (await gateway.getBranchHead(specBranch)) ? specBranch : defaultBranch;
}

/**
 * The branch named for a spec: its own name for `auto` (spec-kit's `002-billing`) and `default` (where a
 * pull request from that branch still concerns the spec), else the pattern with `{spec}` filled in.
 */
export function specBranchName(spec: SpecLocation, tracking: Config['tracking']): string {
  const pattern = tracking.branch;
  const name = specBranchSegment(spec.name);
  return pattern === 'auto' || pattern === 'default' ? name : pattern.replaceAll('{spec}', name);
}
