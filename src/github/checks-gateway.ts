import { type Annotation, chunkAnnotations, sameAnnotations } from '../core/render/check/check-limits.js';
import { safeCheckOutput } from '../core/render/check/safe-check-output.js';
import { GatewayBase, MAX_PER_PAGE } from './gateway-base.js';

/** Check runs: their lifecycle on a commit, and the annotations GitHub keeps. */
export class ChecksGateway extends GatewayBase {
  /**
   * The check-run lifecycle, in one place: one run per name and commit (a repeated request reuses it,
   * unless `fresh`: a person asked for a new run), shown `in_progress` until `finishCheck`.
   */
  async openCheck(input: CheckRunTarget): Promise<CheckRunSlot> {
    if (!input.fresh) {
      const [existing] = await this.listCheckRuns(input.headSha, input.name);
      if (existing)
        return {
          target: input,
          id: existing.id,
          annotationsCount: existing.annotationsCount,
          completed: existing.status === 'completed',
        };
    }
    return { target: input, id: await this.startCheckRun(input), annotationsCount: 0, completed: false };
  }

  /**
   * Completes the run. GitHub appends every update's annotations to those a run has and never removes one:
   * a reused run that already holds exactly this report's annotations gets only the new title and summary;
   * one that holds others (the config changed, or an earlier report broke off) is left as it is and a new
   * run takes its place, since GitHub shows the newest run of a name.
   */
  async finishCheck(slot: CheckRunSlot, report: CheckRunResult): Promise<void> {
    // The text rule before comparing: GitHub holds the annotations as they were sent.
    const result = safeCheckOutput(report);
    if (slot.annotationsCount > 0) {
      const held = await this.listCheckAnnotations(slot.id);
      if (sameAnnotations(held, result.annotations)) {
        await this.completeCheckRun(slot.id, { ...result, annotations: [] });
        return;
      }
      // A run left unfinished (a report that broke off) still ends: as neutral, pointing to its successor.
      if (!slot.completed) await this.completeCheckRun(slot.id, SUPERSEDED);
      // Mutated so that a failure while completing the new run is reported on the new run.
      slot.id = await this.startCheckRun(slot.target);
      slot.annotationsCount = 0;
      slot.completed = false;
    }
    await this.completeCheckRun(slot.id, result);
  }

  /** Opens and finishes a check in one step, for a result known before the run starts. */
  async reportCheck(target: CheckRunTarget, result: CheckRunResult): Promise<void> {
    await this.finishCheck(await this.openCheck(target), result);
  }

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
   * Completes a check run with a report already under the text rule (`finishCheck` applies it). GitHub takes
   * at most 50 annotations per request, so the first batch goes with the conclusion and the rest follow in
   * updates that append to it.
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

/** A check run to report: its name, commit and external id (spec-sync puts the task file there). */
export interface CheckRunTarget {
  name: string;
  headSha: string;
  externalId: string;
  /** Start a new run even when the commit has one of this name. */
  fresh?: boolean;
}

/** The run being reported on: reused runs may already carry annotations. */
export interface CheckRunSlot {
  target: CheckRunTarget;
  id: number;
  annotationsCount: number;
  completed: boolean;
}

const SUPERSEDED: CheckRunResult = safeCheckOutput({
  conclusion: 'neutral',
  title: 'Superseded by a newer run',
  summary: 'This report broke off; a newer run of this check on the same commit has the result.',
  annotations: [],
});
