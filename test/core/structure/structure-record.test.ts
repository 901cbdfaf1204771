import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_RECORD,
  isStructureKey,
  readStructureRecord,
  writeStructureRecord,
} from '../../../src/core/structure/structure-record.js';

describe('the record of relations spec-sync made', () => {
  it('reads back what it wrote, inside a body with other text', () => {
    const record = {
      subIssues: [
        { from: 'spec', to: 'T001' },
        { from: 'spec', to: '1' },
        { from: '1', to: '1.1' },
      ],
      blockedBy: [{ from: 'T005', to: 'T004' }],
    };
    const body = `Intro a person wrote\n\n${writeStructureRecord(record)}\n\nmore text`;
    const read = readStructureRecord(body);
    // Pairs come back grouped by parent (JSON puts integer-like keys first); each parent's order is kept.
    expect(read.blockedBy).toEqual(record.blockedBy);
    expect(read.subIssues.filter((pair) => pair.from === 'spec')).toEqual(record.subIssues.slice(0, 2));
    expect(read.subIssues).toHaveLength(3);
    expect(read.subIssues).toContainEqual({ from: '1', to: '1.1' });
  });

  it('keeps a key holding -- or --> from ending the comment early', () => {
    const record = { subIssues: [{ from: 'spec', to: 'a-->b--c' }], blockedBy: [] };
    const written = writeStructureRecord(record);
    expect(written.indexOf('-->')).toBe(written.length - 3);
    expect(readStructureRecord(written)).toEqual(record);
  });

  it('reads a missing or damaged record as empty', () => {
    expect(readStructureRecord(null)).toEqual(EMPTY_RECORD);
    expect(readStructureRecord('no record here')).toEqual(EMPTY_RECORD);
    expect(readStructureRecord('<!-- spec-sync:structure {not json -->')).toEqual(EMPTY_RECORD);
    expect(
      readStructureRecord('<!-- spec-sync:structure {"sub":{"spec":[1,"T1"]},"blockedBy":7} -->'),
    ).toEqual({
      subIssues: [{ from: 'spec', to: 'T1' }],
      blockedBy: [],
    });
  });

  it.each([
    ['spec', true],
    ['phase:phase-1', true],
    ['part:phase:phase-1:2', true],
    ['story:US1', true],
    ['T001', false],
    ['1.2', false],
  ])('%s is a structure key: %s', (key, expected) => {
    expect(isStructureKey(key)).toBe(expected);
  });
});
