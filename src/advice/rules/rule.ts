import type { DockerfileModel, Span } from '../../dockerfile/model.js';
import type { ShellCommand } from '../../dockerfile/shell.js';
import type { AdviceSeverity, ContextFacts } from '../types.js';

export interface RuleInput {
  model: DockerfileModel;
  context: ContextFacts | null;
  /** Lets a rule take over a finding that a disabled rule would otherwise have made. */
  disabledRules: ReadonlySet<string>;
}

/** A finding before the engine adds the rule id, the file and the default fix. */
export interface RuleFinding {
  severity: AdviceSeverity;
  line: number;
  endLine?: number;
  message: string;
  fix?: string;
  bytesAtStake?: number;
}

export interface RuleDescription {
  id: string;
  title: string;
  /** One line: why it costs time, bytes or reproducibility. */
  why: string;
  /** One line: what to do instead. */
  fix: string;
}

export interface Rule extends RuleDescription {
  check(input: RuleInput): RuleFinding[];
}

/**
 * Rules that match later commands against earlier copies keep at most this many paths, so a
 * generated Dockerfile with thousands of COPYs costs linear time, not quadratic; real ones stay far below.
 */
export const MAX_TRACKED_PATHS = 100;

/** Where a finding about a step points: its first line, and its last when it spans several. */
export function at(span: Span): Pick<RuleFinding, 'line' | 'endLine'> {
  return span.endLine > span.line ? { line: span.line, endLine: span.endLine } : { line: span.line };
}

/** A command as users would recognise it in a message, shortened. */
export function quote(command: ShellCommand, maxWords = 6): string {
  const words = command.words.slice(0, maxWords).join(' ');
  return `\`${command.words.length > maxWords ? `${words} …` : words}\``;
}

export { stepsInContext, type StepContext } from '../../dockerfile/model.js';
