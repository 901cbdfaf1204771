import type { RepoJob } from '../queue/jobs.js';

interface RepoPayload {
  installation?: { id: number } | null;
  repository?: {
    name: string;
    owner: { login: string } | null;
    default_branch?: string;
    html_url?: string;
  } | null;
}

/** The repository part of every job, or null for an event that names no installation or repository. */
export function repoJobOf(payload: RepoPayload, deliveryId: string): RepoJob | null {
  const { installation, repository } = payload;
  if (!installation || !repository?.owner) return null;
  const { default_branch: defaultBranch, html_url: htmlUrl } = repository;
  return {
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    deliveryId,
    // Every repository webhook carries these; the job then need not read the repository again.
    ...(defaultBranch && htmlUrl ? { repository: { defaultBranch, htmlUrl } } : {}),
  };
}
