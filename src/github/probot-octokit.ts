import { ProbotOctokit } from 'probot';

/**
 * Probot's Octokit with its throttling plugin off: spec-sync paces requests itself (pacer.ts), and the
 * plugin's defaults would space issue creations 3 s apart. The defaults must be a function: Probot passes
 * its own `throttle` options per instance, which would replace an object given here.
 */
export function specSyncOctokit(options: { retry?: boolean } = {}): typeof ProbotOctokit {
  return ProbotOctokit.defaults((instance: Record<string, unknown>) => ({
    ...instance,
    throttle: { ...(instance.throttle as object | undefined), enabled: false },
    ...(options.retry === false ? { retry: { enabled: false } } : {}),
  }));
}
