/**
 * Jobs are plain data (no clients, no contexts), so that the same job runs from the in-process queue or
 * from a Redis queue in another process: the worker authenticates as the installation when it runs.
 */

export interface RepoJob {
  installationId: number;
  owner: string;
  repo: string;
  /** The webhook delivery that caused the job, for logs. */
  deliveryId?: string;
  /** The repository as the webhook described it, so the job need not ask GitHub again. */
  repository?: RepositoryFacts;
}

export interface RepositoryFacts {
  defaultBranch: string;
  htmlUrl: string;
}

/** Reconcile a spec's issues with the tasks.md on its tracking branch (level-triggered). */
export interface SyncSpecJob extends RepoJob {
  kind: 'sync-spec';
  /** The spec's task file, e.g. `specs/002-billing/tasks.md`; its directory names the spec. */
  tasksPath: string;
  /** A commit to check once the sync is done (whatever its outcome), so the check run links the issues. */
  check?: { headSha: string; branch: string | null };
  /** The tracking branch as the job that queued this one resolved it; re-resolved when it is gone. */
  trackingBranch?: string;
}

/** Evaluate a spec's gates at a commit and report a check run. */
export interface CheckSpecJob extends RepoJob {
  kind: 'check-spec';
  tasksPath: string;
  headSha: string;
  /** The branch the commit is on, when known. */
  branch: string | null;
  /** A person asked for a fresh run (rerequest, requested action): make a new check run even if one exists. */
  rerun?: boolean;
  /** The spec's sync failed for good: the check run says so instead of evaluating the gates. */
  syncFailure?: { reason: string; attempts: number };
}

/** A check suite or merge group asked for checks: report every spec present at the commit. */
export interface CheckSuiteJob extends RepoJob {
  kind: 'check-suite';
  headSha: string;
  branch: string | null;
}

/** spec-sync was installed on a repository: check the specs on its default branch. */
export interface RepositoryInstalledJob extends RepoJob {
  kind: 'repository-installed';
}

/**
 * The scheduled reconcile (SPEC_SYNC_RECONCILE_INTERVAL_MS): sync again every spec on the default branch
 * that spec-sync already keeps issues for, as the next push would, so that drift heals without a push.
 */
export interface ReconcileJob extends RepoJob {
  kind: 'reconcile';
}

/** Work out which specs a push touched, then queue their syncs and checks. */
export interface PushJob extends RepoJob {
  kind: 'push';
  branch: string;
  before: string;
  after: string;
  /** Paths from the payload's commits, or null when the payload cannot be trusted to list them all. */
  paths: string[] | null;
}

/** A pull request merged: tick its tasks and close their issues. */
export interface PullRequestMergedJob extends RepoJob {
  kind: 'pull-request-merged';
  pullNumber: number;
}

/** A pull request opened or edited: keep its comment listing the tasks it will close. */
export interface PullRequestOpenJob extends RepoJob {
  kind: 'pull-request-open';
  pullNumber: number;
}

/** A person closed or reopened a task issue: make tasks.md follow. */
export interface IssueStateJob extends RepoJob {
  kind: 'issue-state';
  issueNumber: number;
  state: 'open' | 'closed';
  stateReason: string | null;
}

export type Job =
  | SyncSpecJob
  | CheckSpecJob
  | CheckSuiteJob
  | RepositoryInstalledJob
  | ReconcileJob
  | PushJob
  | PullRequestMergedJob
  | PullRequestOpenJob
  | IssueStateJob;

/**
 * Jobs with the same key never run at the same time (two syncs of one spec could both create an issue),
 * and a job waiting behind an equal one is dropped: every job reads the current state, so one run suffices.
 */
export function jobKey(job: Job): string {
  const repo = `${job.owner}/${job.repo}`;
  switch (job.kind) {
    case 'sync-spec':
    case 'issue-state':
    case 'pull-request-merged':
      // Everything that writes a spec's issues or tasks.md runs one at a time per repository.
      return `${repo}#write`;
    case 'check-spec':
      return `${repo}#check:${job.tasksPath}`;
    case 'push':
    case 'check-suite':
    case 'repository-installed':
    case 'reconcile':
      return `${repo}#push`;
    case 'pull-request-open':
      return `${repo}#pr:${job.pullNumber}`;
  }
}

/**
 * A job's identity: its fields in sorted key order at every depth, without the delivery id (the same work
 * asked for by two deliveries is one job). Used to coalesce waiting jobs and as the Redis job id.
 */
export function jobIdentity(job: Job): string {
  const { deliveryId: _deliveryId, ...work } = job;
  return canonicalJson(work);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Two jobs that would do the same thing; the later one may be dropped while the first still waits. */
export function sameWork(a: Job, b: Job): boolean {
  return jobIdentity(a) === jobIdentity(b);
}

/**
 * A push's sync of a spec (one that checks the pushed commit afterwards) as a line of succession: a sync
 * waiting in the same line for an older commit is superseded by a newer one, since both read the tracking
 * branch's current head (the older commit's check is then skipped, as a waiting check of an older commit
 * is). Null for syncs that check no commit.
 */
export function syncSuccession(job: SyncSpecJob): { key: string; head: string } | null {
  if (!job.check) return null;
  return {
    key: canonicalJson([job.owner, job.repo, job.tasksPath, job.trackingBranch ?? null, job.check.branch]),
    head: job.check.headSha,
  };
}

export interface JobQueue {
  add(job: Job): Promise<void>;
  /** Resolves when every queued job has finished (tests, graceful shutdown). */
  onIdle(): Promise<void>;
  close(): Promise<void>;
}

export type JobHandler = (job: Job) => Promise<void>;
