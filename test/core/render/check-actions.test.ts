import { describe, expect, it } from '@jest/globals';
import { SYNC_NOW } from '../../../src/core/render/check/check-actions.js';
import {
  MAX_ACTION_DESCRIPTION_CHARS,
  MAX_ACTION_IDENTIFIER_CHARS,
  MAX_ACTION_LABEL_CHARS,
} from '../../../src/core/render/github-limits.js';

describe('the check run action', () => {
  it('fits the sizes GitHub accepts for a requested action', () => {
    expect(SYNC_NOW.label.length).toBeLessThanOrEqual(MAX_ACTION_LABEL_CHARS);
    expect(SYNC_NOW.description.length).toBeLessThanOrEqual(MAX_ACTION_DESCRIPTION_CHARS);
    expect(SYNC_NOW.identifier.length).toBeLessThanOrEqual(MAX_ACTION_IDENTIFIER_CHARS);
  });
});
