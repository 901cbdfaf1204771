import type { Task } from '../model.js';
import { mergeIssueBody, sameBody } from '../render/issue/issue-body.js';
import { readIssueMarker } from '../render/issue/issue-marker.js';
import { isOwnedLabel, type LabelsConfig, sameLabels, uniqueLabels } from './issue-labels.js';
import type { ActualIssue, IssueChanges, UpdateOp } from './issue-plan.js';
import { desiredState, stateChanges } from './issue-state.js';
import type { RenderedIssue } from './render-task-issue.js';

/** The one update that brings an existing task issue in step, or null when it already is. */
export function planTaskUpdate(
  task: Task,
  issue: ActualIssue,
  rendered: RenderedIssue,
  labels: LabelsConfig,
  renderAfterCreates: boolean,
): UpdateOp | null {
  const changes: IssueChanges = {
    ...titleChange(issue, rendered),
    ...bodyChange(issue, rendered),
    ...labelChange(issue, rendered.labels, labels),
    ...stateChanges(issue, desiredState(task.status)),
  };
  const why = Object.keys(changes).filter((key) => key !== 'stateReason');
  if (why.length === 0 && !renderAfterCreates) return null;
  return { kind: 'update', number: issue.number, taskId: task.id, changes, renderAfterCreates, why };
}

/** The title is written only when the rendered title differs from the one spec-sync wrote last. */
function titleChange(issue: ActualIssue, rendered: RenderedIssue): IssueChanges {
  const marker = readIssueMarker(issue.body);
  const lastHash = marker?.kind === 'task' ? marker.titleHash : null;
  if (lastHash === rendered.marker.titleHash || issue.title === rendered.title) return {};
  return { title: rendered.title };
}

function bodyChange(issue: ActualIssue, rendered: RenderedIssue): IssueChanges {
  const body = mergeIssueBody(issue.body, rendered.section, rendered.marker);
  return sameBody(body, issue.body) ? {} : { body };
}

/** People's labels stay; spec-sync's are replaced by the wanted ones. */
function labelChange(issue: ActualIssue, wanted: readonly string[], labels: LabelsConfig): IssueChanges {
  const kept = issue.labels.filter((name) => !isOwnedLabel(name, labels));
  const next = uniqueLabels([...kept, ...wanted]);
  return sameLabels(next, issue.labels) ? {} : { labels: next };
}
