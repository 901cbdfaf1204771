import type { SpecDocument } from '../model.js';
import { finishDocument } from './finish-document.js';
import { checkInputLimits } from './input-limits.js';
import { parseMarkdown } from './markdown-tree.js';
import { prepareText } from './prepare-text.js';
import { walkDocument } from './walk-document.js';
import { newWalkState } from './walk-state.js';

export interface ParseOptions {
  /** Path of the file, repository-relative when known; also decides the dialect for `.kiro/` files. */
  path: string;
}

/** A document with no tasks, for input that was not read. */
export function emptyDocument(path: string): SpecDocument {
  return {
    path,
    dialect: 'other',
    frontmatter: {},
    title: null,
    phases: [],
    tasks: [],
    checkpoints: [],
    findings: [],
  };
}

function readDocument(text: string, options: ParseOptions): SpecDocument {
  const overLimit = checkInputLimits(text, options.path);
  if (overLimit) return { ...emptyDocument(options.path), findings: [overLimit.finding] };
  const prepared = prepareText(text);
  if (!prepared.readable) return { ...emptyDocument(options.path), findings: prepared.findings };
  const state = newWalkState(prepared.text);
  state.findings.push(...prepared.findings);
  walkDocument(parseMarkdown(prepared.text), state);
  return finishDocument(state, options.path, prepared.frontmatter);
}

/**
 * Reads a tasks.md (spec-kit, Kiro and relatives; docs/formats.md) into the spec model. Never throws:
 * problems come back as findings, and an unexpected failure as a `parse-failed` finding with no tasks.
 */
export function parseTasks(text: string, options: ParseOptions): SpecDocument {
  try {
    return readDocument(typeof text === 'string' ? text : '', options);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const message = `spec-sync could not read this file (${reason.slice(0, 200)}); no tasks were read.`;
    return {
      ...emptyDocument(options.path),
      findings: [{ code: 'parse-failed', severity: 'error', line: 1, message }],
    };
  }
}
