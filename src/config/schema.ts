import { z } from 'zod';

/**
 * `.github/spec-sync.yml`: every key has a comment and a default, so an empty file (or none) is a full config.
 * docs/configuration.md lists the same keys; keep the two in step.
 */

/** How a gate's failure is reported: `error` fails the check run, `warning` marks it neutral, `off` skips the gate. */
export const gateLevel = z.enum(['error', 'warning', 'off']);
export type GateLevel = z.infer<typeof gateLevel>;

export const gatesSchema = z
  .object({
    /** A task done while a phase that blocks its phase still has open tasks. */
    phaseOrder: gateLevel.default('error'),
    /** A task done while a task it depends on is open. */
    taskDependencies: gateLevel.default('error'),
    /** A checkpoint passed (later work done) while its phase is incomplete. */
    checkpoints: gateLevel.default('warning'),
    /** Required documents missing for the stage (spec.md and plan.md; Kiro requirements.md and design.md). */
    documents: gateLevel.default('error'),
    /** `NEEDS CLARIFICATION` markers left in the spec's documents. */
    clarifications: gateLevel.default('warning'),
    /** Template placeholders left (`[FEATURE]`, `TXXX`, `ACTION REQUIRED`, sample tasks). */
    placeholders: gateLevel.default('error'),
    /** A plan's gate evaluations (`Status: FAIL`). */
    planGates: gateLevel.default('error'),
    /** A frontmatter lifecycle `status` that claims a stage the content does not meet. */
    lifecycle: gateLevel.default('error'),
    /** Problems the parser found (duplicate IDs, malformed markers). */
    parserFindings: gateLevel.default('warning'),
    /** Every non-optional task done. Off by default; see `completionOnDefaultBranchPullRequests`. */
    completion: gateLevel.default('off'),
    /** Turn the completion gate on (as `error`) for pull requests into the default branch. */
    completionOnDefaultBranchPullRequests: z.boolean().default(false),
  })
  .strict()
  .prefault({});
export type GatesConfig = z.infer<typeof gatesSchema>;

export const labelsSchema = z
  .object({
    /** Label naming the spec; also how spec-sync finds its issues. `{spec}` is the spec's name (its directory's last part). */
    spec: z.string().min(1).max(50).default('spec:{spec}'),
    /** Label per phase; `{phase}` is the phase number or name. Empty string: no phase labels. */
    phase: z.string().max(50).default('phase:{phase}'),
    /** Label per user story; `{story}` is `US1` etc. Empty string: no story labels. */
    story: z.string().max(50).default('story:{story}'),
    /** Label for `[P]` tasks. Empty string: none. */
    parallel: z.string().max(50).default('parallel'),
    /** Label for in-progress tasks. */
    inProgress: z.string().max(50).default('in progress'),
    /** Label for blocked tasks. */
    blocked: z.string().max(50).default('blocked'),
  })
  .strict()
  .prefault({});

export const issuesSchema = z
  .object({
    /** Open and update one issue per task. */
    enabled: z.boolean().default(true),
    /** Issue title template (Handlebars); fields as in the body template (`ref` is the ID as a title shows it: Kiro's `1.`). */
    title: z.string().min(1).default('{{ref}} {{title}}'),
    /** Path, in the repository, of a Handlebars template that replaces templates/issue-body.md. */
    bodyTemplate: z.string().nullable().default(null),
    /**
     * What gets an issue: `task` (one per task), `story` (one per user story, other work per phase), `phase`
     * (one per phase) or `spec` (the spec's parent issue alone). Story, phase and spec issues hold their
     * tasks as a checklist; switching closes the old issues as not planned, linking the new (docs/structure.md).
     */
    granularity: z.enum(['task', 'story', 'phase', 'spec']).default('task'),
    labels: labelsSchema,
  })
  .strict()
  .prefault({});

export const structureSchema = z
  .object({
    /**
     * A parent issue per spec holds its task issues as sub-issues, in file order (Kiro parents hold their
     * sub-tasks). Off by default for now: turning it on adds one issue per spec.
     */
    subIssues: z.boolean().default(false),
    /** `depends on` in tasks.md becomes GitHub's blocked-by relation between the task issues (needs the parent issue, which records them). */
    blockedBy: z.boolean().default(false),
    /** Phase blocking becomes blocked-by between phase issues, where there are phase issues. */
    phaseBlockedBy: z.boolean().default(false),
    /** `@login` and `Owner:` in tasks.md assign the issues (only additions; people's assignees stay). */
    assignees: z.boolean().default(true),
    /** One milestone per spec or per phase, assigned to its issues; `off` leaves milestones alone. */
    milestones: z.enum(['off', 'spec', 'phase']).default('off'),
  })
  .strict()
  .prefault({});

export const trackingSchema = z
  .object({
    /**
     * Which branch's tasks.md the issues mirror:
     * `auto` (the branch named after the spec when it exists, else the default branch),
     * `default` (always the default branch), or a branch name pattern with `{spec}` (e.g. `feature/{spec}`).
     */
    branch: z.string().min(1).default('auto'),
  })
  .strict()
  .prefault({});

export const pullRequestsSchema = z
  .object({
    /** Words that mark a referenced task done when the PR merges. */
    closingWords: z
      .array(z.string().min(1))
      .default([
        'close',
        'closes',
        'closed',
        'fix',
        'fixes',
        'fixed',
        'resolve',
        'resolves',
        'resolved',
        'complete',
        'completes',
        'completed',
        'implement',
        'implements',
        'implemented',
        'done',
      ]),
    /** A bare task ID in the PR title counts as closing intent. */
    titleIdsClose: z.boolean().default(true),
    /** What a merge does to tasks.md: `commit` ticks the boxes, `pull-request` opens a PR with the ticks, `off` leaves the file. */
    writeBack: z.enum(['commit', 'pull-request', 'off']).default('commit'),
    /** Keep one comment on open PRs listing the tasks they will close. */
    comment: z.boolean().default(true),
  })
  .strict()
  .prefault({});

export const configSchema = z
  .object({
    /** Globs of the task files spec-sync reads; a spec is named by the file's directory. */
    specs: z
      .array(z.string().min(1))
      .min(1)
      .default(['specs/*/tasks.md', '.specify/specs/*/tasks.md', '.kiro/specs/*/tasks.md']),
    tracking: trackingSchema,
    issues: issuesSchema,
    /** How a spec's issues hang together on GitHub (docs/structure.md). */
    structure: structureSchema,
    gates: gatesSchema,
    pullRequests: pullRequestsSchema,
    /**
     * Keep `@login` and `@org/team` live in the text spec-sync copies into issues and comments. Off: they are
     * made inert (docs/security.md), so a task or a pull request cannot make the bot ping anyone.
     */
    allowMentions: z.boolean().default(false),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** The defaults, as an empty file gives them. */
export const defaultConfig: Config = configSchema.parse({});
