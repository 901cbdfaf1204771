import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  isEmptyView,
  MAX_COMMENT_CHARS,
  PR_TASKS_MARKER,
  type PullRequestCommentView,
  renderPullRequestComment,
} from '../../../src/core/render/pull-request/render-pr-comment.js';

const template = readFileSync(new URL('../../../templates/pr-comment.md.hbs', import.meta.url), 'utf8');

const empty: PullRequestCommentView = {
  merged: false,
  closes: [],
  mentions: [],
  ambiguous: [],
  unresolved: [],
  notes: [],
};

const t012 = { specDir: 'specs/002-billing', id: 'T012', title: 'Add the model', url: 'https://x/issues/7' };

describe('renderPullRequestComment', () => {
  it.each([
    [
      'a linked task',
      { ...empty, closes: [t012] },
      '- [T012](https://x/issues/7) Add the model (specs/002-billing)',
    ],
    ['a task without an issue', { ...empty, closes: [{ ...t012, url: null }] }, '- **T012** Add the model'],
    ['a mention', { ...empty, mentions: [t012] }, 'Mentioned only'],
    ['an ambiguity', { ...empty, ambiguous: ['T001 is in both a and b.'] }, '- T001 is in both a and b.'],
    ['unresolved IDs', { ...empty, unresolved: ['T098', 'T099'] }, 'Not found in any spec: `T098`, `T099`.'],
    ['a merged PR', { ...empty, merged: true, closes: [t012] }, 'tasks this pull request closed'],
    ['an open PR', { ...empty, closes: [t012] }, 'tasks this pull request will close'],
    ['a note', { ...empty, notes: ['proposed in #9'] }, '- proposed in #\u20609'],
  ])('shows %s', (_name, view, expected) => {
    const body = renderPullRequestComment(view as PullRequestCommentView, template);
    expect(body.startsWith(`${PR_TASKS_MARKER}\n`)).toBe(true);
    expect(body).toContain(expected);
  });

  it('cannot be given a second spec-sync marker by task text', () => {
    const view = { ...empty, closes: [{ ...t012, title: '<!-- spec-sync:pr-tasks --> sneaky' }] };
    const body = renderPullRequestComment(view, template);
    expect(body.split('<!-- spec-sync:')).toHaveLength(2);
  });

  it('stays within a comment when the list is huge', () => {
    const closes = Array.from({ length: 3000 }, (_, index) => ({
      ...t012,
      id: `T${index}`,
      title: 'x'.repeat(40),
    }));
    expect(renderPullRequestComment({ ...empty, closes }, template).length).toBeLessThanOrEqual(
      MAX_COMMENT_CHARS,
    );
  });
});

describe('isEmptyView', () => {
  it.each([
    ['nothing', empty, true],
    ['a close', { ...empty, closes: [t012] }, false],
    ['only a note', { ...empty, notes: ['n'] }, false],
  ])('%s', (_name, view, expected) => {
    expect(isEmptyView(view)).toBe(expected);
  });
});
