import { type ProseLine, proseLines } from './scan-lines.js';
import type { GateInput, Violation } from './types.js';

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** `- Status: FAIL`, `**Status**: FAIL`, `**Status:** ❌ FAIL`. */
const STATUS = /Status\W*:\s*(.*)$/i;
const UNFILLED = /PASS\s*\/\s*FAIL\s*\/\s*CONDITIONAL/i;
const FAILED = /\bFAIL(?:S|ED)?\b|❌/;
const CONDITIONAL = /\bCONDITIONAL\b|⚠️/;
/** `**Gate 1**: Name` names the evaluation the next Status line belongs to. */
const GATE_NAME = /^\s*\*\*(Gate[^*]*)\*\*\s*:?\s*(.*)$/i;
const PASSED = /\bPASS(?:ES|ED)?\b|✅/;
const CHECKED = /^\s*[-*+]\s+\[[xX]\]/;
const UNCHECKED = /^\s*[-*+]\s+\[ \]\s+(.*)$/;

/**
 * A plan's gate evaluations: `Status: FAIL` fails, `Status: CONDITIONAL` warns; under a Constitution Check
 * heading, a line saying FAIL (a table row, a bullet) fails and an unticked item warns. The template's
 * unfilled `PASS / FAIL / CONDITIONAL` is left to the placeholders gate.
 */
export function gatePlanGates(input: GateInput): Violation[] {
  const plan = input.documents['plan.md'];
  if (!plan) return [];
  let gateName: string | null = null;
  let constitutionLevel: number | null = null;
  const violations: Violation[] = [];
  for (const prose of proseLines(plan.text)) {
    const heading = HEADING.exec(prose.text);
    if (heading) {
      const level = heading[1]!.length;
      if (constitutionLevel !== null && level <= constitutionLevel) constitutionLevel = null;
      if (/constitution check/i.test(heading[2]!)) constitutionLevel = level;
      gateName = null;
      continue;
    }
    const named = GATE_NAME.exec(prose.text);
    if (named) gateName = [named[1], named[2]].filter(Boolean).join(': ');
    const violation = judgeLine(prose, gateName, constitutionLevel !== null);
    if (violation) violations.push({ gate: 'planGates', path: plan.path, ...violation });
  }
  return violations;
}

function judgeLine(
  prose: ProseLine,
  gateName: string | null,
  inConstitution: boolean,
): Pick<Violation, 'line' | 'message' | 'cap'> | null {
  const status = STATUS.exec(prose.text)?.[1];
  const subject = gateName ?? 'Plan gate';
  if (status !== undefined) {
    if (UNFILLED.test(status)) return null;
    if (FAILED.test(status)) return { line: prose.line, message: `${subject} evaluated FAIL.` };
    if (CONDITIONAL.test(status)) {
      return { line: prose.line, message: `${subject} passed only conditionally.`, cap: 'warning' };
    }
    return null;
  }
  if (!inConstitution) return null;
  const unchecked = UNCHECKED.exec(prose.text)?.[1];
  if (unchecked !== undefined) {
    return {
      line: prose.line,
      message: `Constitution check not confirmed: ${unchecked.trim()}`,
      cap: 'warning',
    };
  }
  // A line that also says PASS (`✅ PASS — tests MUST FAIL first`) is a pass that quotes the word.
  if (FAILED.test(prose.text) && !PASSED.test(prose.text) && !CHECKED.test(prose.text)) {
    return { line: prose.line, message: `Constitution check fails: ${prose.text.trim()}` };
  }
  return null;
}
