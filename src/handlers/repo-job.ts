import type { RepoJob } from '../queue/jobs.js';

interface RepoPayload {
  installation?: { id: number } | null;
  repository?: { name: string; owner: { login: string } | null } | null;
}

/** The repository part of every job, or null for an event that names no installation or repository. */
export function repoJobOf(payload: RepoPayload, deliveryId: string): RepoJob | null {
  const { installation, repository } = payload;
  if (!installation || !repository?.owner) return null;
  return {
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    deliveryId,
  };
}
