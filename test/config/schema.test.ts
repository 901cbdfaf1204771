import { describe, expect, it } from '@jest/globals';
import { configSchema, defaultConfig } from '../../src/config/schema.js';

describe('config schema', () => {
  it('fills every default from an empty file', () => {
    expect(defaultConfig.specs).toContain('specs/*/tasks.md');
    expect(defaultConfig.gates.phaseOrder).toBe('error');
    expect(defaultConfig.gates.completion).toBe('off');
    expect(defaultConfig.issues.labels.spec).toBe('spec:{spec}');
    expect(defaultConfig.pullRequests.writeBack).toBe('commit');
  });

  it('rejects an unknown gate level with the key path', () => {
    const result = configSchema.safeParse({ gates: { phaseOrder: 'loud' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['gates', 'phaseOrder']);
  });

  it('rejects unknown keys so typos are not silently ignored', () => {
    const result = configSchema.safeParse({ isues: {} });
    expect(result.success).toBe(false);
  });
});
