import type { GateLevel, GatesConfig } from '../../config/schema.js';
import { gateCheckpoints } from './gate-checkpoints.js';
import { gateClarifications } from './gate-clarifications.js';
import { gateCompletion } from './gate-completion.js';
import { gateDocuments } from './gate-documents.js';
import { gateLifecycle } from './gate-lifecycle.js';
import { gateParserFindings } from './gate-parser-findings.js';
import { gatePhaseOrder } from './gate-phase-order.js';
import { gatePlaceholders } from './gate-placeholders.js';
import { gatePlanGates } from './gate-plan-gates.js';
import { gateTaskDependencies } from './gate-task-dependencies.js';
import { blockingTasks, overallProgress, phaseProgress } from './report-progress.js';
import type {
  GateConclusion,
  GateInput,
  GateName,
  GateReport,
  GateResult,
  GateState,
  Violation,
} from './types.js';

/** The gates in report order: the ones about work done out of order first. */
const GATES: ReadonlyArray<{ name: GateName; run: (input: GateInput) => Violation[] }> = [
  { name: 'phaseOrder', run: (input) => gatePhaseOrder(input.doc) },
  { name: 'taskDependencies', run: (input) => gateTaskDependencies(input.doc) },
  { name: 'checkpoints', run: (input) => gateCheckpoints(input.doc) },
  { name: 'documents', run: gateDocuments },
  { name: 'clarifications', run: gateClarifications },
  { name: 'placeholders', run: gatePlaceholders },
  { name: 'planGates', run: gatePlanGates },
  { name: 'lifecycle', run: gateLifecycle },
  { name: 'parserFindings', run: (input) => gateParserFindings(input.doc) },
  { name: 'completion', run: (input) => gateCompletion(input.doc) },
];

/** Runs every gate that is not off over one spec. Pure: the caller fetched the files. */
export function evaluateGates(input: GateInput, config: GatesConfig): GateReport {
  const gates = GATES.map(({ name, run }) => {
    const level = levelOf(name, config, input.pullRequestIntoDefaultBranch === true);
    return judgeGate(name, level, level === 'off' ? [] : run(input));
  });
  const all = gates.flatMap((gate) => gate.violations);
  return {
    specDir: input.specDir,
    tasksPath: input.tasksPath,
    conclusion: concludeGates(gates),
    gates,
    phases: phaseProgress(input.doc),
    ...overallProgress(input.doc),
    blockingTasks: blockingTasks(input.doc, all),
  };
}

export function levelOf(name: GateName, config: GatesConfig, intoDefaultBranch: boolean): GateLevel {
  const level = config[name];
  if (
    name === 'completion' &&
    level === 'off' &&
    config.completionOnDefaultBranchPullRequests &&
    intoDefaultBranch
  ) {
    return 'error';
  }
  return level;
}

export function judgeGate(name: GateName, level: GateLevel, violations: Violation[]): GateResult {
  let state: GateState = 'pass';
  if (level === 'off') state = 'off';
  else if (violations.length > 0) {
    const fails = level === 'error' && violations.some((violation) => violation.cap !== 'warning');
    state = fails ? 'fail' : 'warn';
  }
  return { name, level, state, violations: level === 'off' ? [] : violations };
}

/** failure when an error-level gate fails, neutral when only warnings, success otherwise. */
export function concludeGates(gates: readonly GateResult[]): GateConclusion {
  if (gates.some((gate) => gate.state === 'fail')) return 'failure';
  if (gates.some((gate) => gate.state === 'warn')) return 'neutral';
  return 'success';
}
