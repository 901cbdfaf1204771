import { describe, expect, it } from '@jest/globals';
import { writeIssueMarker } from '../../src/core/render/issue/issue-marker.js';
import type { IssueSnapshot } from '../../src/github/gateway.js';
import { structureIssues } from '../../src/sync/issues/structure-issues.js';

function issue(number: number, marker: Parameters<typeof writeIssueMarker>[0]): IssueSnapshot {
  return {
    number,
    id: number * 10,
    title: `#${number}`,
    body: `Text\n\n${writeIssueMarker(marker)}`,
    state: 'open',
    stateReason: null,
    labels: [],
    htmlUrl: `https://github.example/acme/shop/issues/${number}`,
    author: null,
  };
}

describe('structureIssues', () => {
  it('finds the parent and task issues of a spec however its directory is written (`./`, trailing `/`)', () => {
    const listed = [
      issue(1, { kind: 'spec', spec: './specs/002-billing/', titleHash: null }),
      issue(2, { kind: 'task', spec: './specs/002-billing', id: 'T001', titleHash: null }),
      issue(3, { kind: 'spec', spec: 'specs/003-other', titleHash: null }),
    ];
    for (const specDir of ['specs/002-billing', './specs/002-billing/']) {
      const byKey = structureIssues(listed, specDir);
      expect([...byKey].map(([key, found]) => [key, found.number])).toEqual([
        ['T001', 2],
        ['spec', 1],
      ]);
    }
  });
});
