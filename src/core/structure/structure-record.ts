import { escapeForComment } from '../render/issue/issue-marker.js';
import type { Relation } from './types.js';

/**
 * The relations spec-sync made between a spec's issues, by key, kept in a hidden comment of the spec's
 * parent issue. It is what lets spec-sync remove only its own relations (a person's stay), and lets an
 * unchanged spec skip reading GitHub's relations at all: only where the file's wish differs from this record
 * does a sync read what GitHub has.
 */
export interface StructureRecord {
  /** Parent → sub-issue pairs spec-sync added. */
  subIssues: Relation[];
  /** Blocked → blocking pairs spec-sync added. */
  blockedBy: Relation[];
}

export const EMPTY_RECORD: StructureRecord = { subIssues: [], blockedBy: [] };

const RECORD_PATTERN = /<!--\s*spec-sync:structure\s+([\s\S]*?)-->/;

type Compact = Record<string, string[]>;

/** `{"from":[to, …]}` per kind: about half the size of a list of pairs, for a body that has a limit. */
function compact(relations: readonly Relation[]): Compact {
  const grouped: Compact = {};
  for (const { from, to } of relations) grouped[from] = [...(grouped[from] ?? []), to];
  return grouped;
}

function expand(value: unknown): Relation[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([from, tos]) =>
    Array.isArray(tos) ? tos.filter((to) => typeof to === 'string').map((to) => ({ from, to })) : [],
  );
}

export function writeStructureRecord(record: StructureRecord): string {
  const json = JSON.stringify({ sub: compact(record.subIssues), blockedBy: compact(record.blockedBy) });
  return `<!-- spec-sync:structure ${escapeForComment(json)} -->`;
}

/** The record in a parent issue's body; none (nothing made yet, or a damaged record) reads as empty. */
export function readStructureRecord(body: string | null): StructureRecord {
  const match = body ? RECORD_PATTERN.exec(body) : null;
  if (!match) return EMPTY_RECORD;
  try {
    const value = JSON.parse(match[1]!.trim()) as { sub?: unknown; blockedBy?: unknown };
    return { subIssues: expand(value.sub), blockedBy: expand(value.blockedBy) };
  } catch {
    return EMPTY_RECORD;
  }
}

/** Structure keys name issues that are not tasks: the spec's parent, phase, part and story issues. */
export function isStructureKey(key: string): boolean {
  return key === 'spec' || /^(?:phase|part|story):/u.test(key);
}
