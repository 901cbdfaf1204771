import { describe, expect, it } from '@jest/globals';
import {
  findSpecs,
  mayConcernSpecs,
  specLocation,
  touchedSpecCandidates,
} from '../../../src/core/specs/find-specs.js';

const globs = ['specs/*/tasks.md', '.specify/specs/*/tasks.md', '.kiro/specs/*/tasks.md'];

describe('specLocation', () => {
  it.each([
    ['specs/002-billing/tasks.md', 'specs/002-billing', '002-billing'],
    ['.kiro/specs/auth/tasks.md', '.kiro/specs/auth', 'auth'],
    ['tasks.md', '.', '.'],
  ])('%s → dir %s, name %s', (path, dir, name) => {
    expect(specLocation(path)).toEqual({ dir, name, tasksPath: path });
  });
});

describe('findSpecs', () => {
  it('finds spec-kit, .specify and Kiro task files, dot directories included', () => {
    const paths = [
      'README.md',
      'specs/001-auth/tasks.md',
      'specs/001-auth/plan.md',
      '.kiro/specs/auth/tasks.md',
      '.specify/specs/ci/tasks.md',
      'specs/nested/deeper/tasks.md',
    ];
    expect(findSpecs(paths, globs).map((spec) => spec.dir)).toEqual([
      '.kiro/specs/auth',
      '.specify/specs/ci',
      'specs/001-auth',
    ]);
  });
});

describe('touchedSpecCandidates', () => {
  it('maps a changed plan.md to its spec task file, and ignores unrelated paths', () => {
    expect(
      touchedSpecCandidates(['specs/002-billing/plan.md', 'src/index.ts', 'docs/plan.md'], globs),
    ).toEqual(['specs/002-billing/tasks.md']);
  });

  it('keeps changed task files', () => {
    expect(touchedSpecCandidates(['.kiro/specs/auth/tasks.md'], globs)).toEqual([
      '.kiro/specs/auth/tasks.md',
    ]);
  });
});

describe('mayConcernSpecs', () => {
  it.each([
    ['specs/001/tasks.md', true],
    ['anything/plan.md', true],
    ['.github/spec-sync.yml', true],
    ['src/app.ts', false],
    ['README.md', false],
  ])('%s → %s', (path, expected) => {
    expect(mayConcernSpecs(path)).toBe(expected);
  });
});
