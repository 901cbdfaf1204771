import { type Annotation, chunkAnnotations } from '../core/render/check/check-limits.js';
import { MAX_PER_PAGE } from './gateway-base.js';
import { PullsGateway } from './pulls-gateway.js';

export { MAX_PER_PAGE, type RepoRef } from './gateway-base.js';
export type { IssueSnapshot, LabelSpec } from './issues-gateway.js';
export type { FileContent, WriteFileResult } from './repo-gateway.js';

/** Everything spec-sync asks of GitHub; this layer adds check runs. */
export class GitHubGateway extends PullsGateway {
  /** Starts a check run on a commit; `in_progress` so the PR shows it is being worked on. */
  async startCheckRun(input: { name: string; headSha: string; externalId: string }): Promise<number> {
    const { data } = await this.call(`start check ${input.name}`, () =>
      this.client.rest.checks.create({
        ...this.ref,
        name: input.name,
        head_sha: input.headSha,
        external_id: input.externalId,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        request: { retries: 0 },
      }),
    );
    return data.id;
  }

  /**
   * Completes a check run. GitHub takes at most 50 annotations per request, so the first batch goes with
   * the conclusion and the rest follow in updates that append to it.
   */
  async completeCheckRun(checkRunId: number, result: CheckRunResult): Promise<void> {
    const [first = [], ...rest] = chunkAnnotations(result.annotations);
    const output = {
      title: result.title,
      summary: result.summary,
      ...(result.text ? { text: result.text } : {}),
    };
    await this.call('complete check run', () =>
      this.client.rest.checks.update({
        ...this.ref,
        check_run_id: checkRunId,
        status: 'completed',
        conclusion: result.conclusion,
        completed_at: new Date().toISOString(),
        output: { ...output, annotations: first },
        ...(result.actions ? { actions: result.actions } : {}),
      }),
    );
    for (const annotations of rest) {
      await this.call('add check annotations', () =>
        this.client.rest.checks.update({
          ...this.ref,
          check_run_id: checkRunId,
          output: { ...output, annotations },
        }),
      );
    }
  }

  /** A check run's annotations: GitHub appends each update's to them and never removes one. */
  async listCheckAnnotations(checkRunId: number): Promise<Annotation[]> {
    const annotations = await this.call('list check annotations', () =>
      this.client.paginate(this.client.rest.checks.listAnnotations, {
        ...this.ref,
        check_run_id: checkRunId,
        per_page: MAX_PER_PAGE,
      }),
    );
    return annotations.map((annotation) => ({
      path: annotation.path,
      start_line: annotation.start_line,
      end_line: annotation.end_line,
      annotation_level: (annotation.annotation_level ?? 'notice') as Annotation['annotation_level'],
      message: annotation.message ?? '',
      ...(annotation.title ? { title: annotation.title } : {}),
    }));
  }

  /** The check runs of a commit with one name, newest first. */
  async listCheckRuns(
    ref: string,
    name: string,
  ): Promise<Array<{ id: number; status: string; headSha: string; annotationsCount: number }>> {
    const { data } = await this.call('list check runs', () =>
      this.client.rest.checks.listForRef({ ...this.ref, ref, check_name: name, per_page: MAX_PER_PAGE }),
    );
    return data.check_runs.map((run) => ({
      id: run.id,
      status: run.status,
      headSha: run.head_sha,
      annotationsCount: run.output.annotations_count,
    }));
  }
}

export interface CheckRunResult {
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped';
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
  actions?: Array<{ label: string; description: string; identifier: string }>;
}
