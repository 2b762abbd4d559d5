// Why each step re-ran: this build's step inputs against the base report's, one reason per step
// that BuildKit ran, the first that applies. Pure: two reports in, reasons out, and their Markdown.
import { plural } from '../units.js';
import { code, escapeMarkdown } from '../markdown.js';
import type {
  BuildReport,
  CacheEmptyDetail,
  MissReasonKind,
  ReportMissReason,
  ReportStepInputs,
} from './model.js';

/** Changed paths a reason names; the rest are counted. */
export const NAMED_FILES = 3;
/** The advice rules whose reordering keeps an install cached when the code changes. */
const ORDER_RULES = ['copy-before-install', 'copy-project-before-install'];

export interface MissReasonOptions {
  noCache: boolean;
  noCacheFilters: readonly string[];
}

interface Cause {
  step: ReportStepInputs;
  kind: MissReasonKind;
  /** The files or names that made it re-run, when there are. */
  names?: string[];
}

/**
 * `[builder 3/5] COPY …` → builder, 3; `[ 2/10] RUN …` → '', 2; a multi-platform build's
 * `[linux/arm64 builder 3/5]` → builder, 3; undefined for `[internal] …`.
 */
export function stepPosition(name: string): { stage: string; position: number } | undefined {
  const match = /^\[(?:[^\s\]]+\/[^\s\]]+\s+)?(?:([A-Za-z][^\s\]]*)\s+)?\s*(\d+)\/\d+\]/.exec(name);
  if (!match) return undefined;
  return { stage: match[1] ?? '', position: Number(match[2]) };
}

/** A stage's FROM entry (BuildKit shows it as step 1 only when it pulls an image). */
const isFrom = (step: ReportStepInputs) => /^FROM\s/i.test(step.text);

const keyOf = (stage: string, position: number) => `${stage}\u0000${position}`;

/** One reason per step this build ran, in Dockerfile order; none when the report recorded no step inputs. */
export function missReasons(
  report: Pick<BuildReport, 'build' | 'layerCache' | 'warnings' | 'advice'>,
  base: Pick<BuildReport, 'build' | 'layerCache'> | undefined,
  options: MissReasonOptions,
): ReportMissReason[] {
  const steps = report.build.stepInputs;
  if (!steps) return [];
  const ran = new Set<string>();
  const recorded = new Set<string>();
  for (const record of report.build.steps) {
    const at = stepPosition(record.name);
    if (!at) continue;
    recorded.add(keyOf(at.stage, at.position));
    if (!record.cached) ran.add(keyOf(at.stage, at.position));
  }
  const baseSteps = base?.build.stepInputs;
  const unmatched = [...(baseSteps ?? [])];
  const baseOf = (step: ReportStepInputs) => {
    const text = withoutSecretMounts(step.text);
    const index = unmatched.findIndex((b) => b.stage === step.stage && withoutSecretMounts(b.text) === text);
    return index < 0 ? undefined : unmatched.splice(index, 1)[0];
  };

  const reasons: ReportMissReason[] = [];
  // The first cause in each stage; a stage built FROM another starts from its parent's.
  const firstCause = new Map<string, Cause>();
  for (const step of steps) {
    const before = baseOf(step);
    if (isFrom(step)) {
      // The FROM names the stage it builds on when that is an earlier stage: its cause carries over.
      const parent = firstCause.get(fromStageOf(step, steps));
      if (parent) firstCause.set(step.stage, parent);
      const moved = before?.imageDigest && step.imageDigest && before.imageDigest !== step.imageDigest;
      if (moved && !firstCause.has(step.stage)) firstCause.set(step.stage, { step, kind: 'base-image' });
      continue;
    }
    // An older BuildKit leaves the stage out of a one-stage Dockerfile's step names.
    const key = [keyOf(step.stage, step.position), keyOf('', step.position)].find((k) => recorded.has(k));
    if (key === undefined || !ran.has(key)) continue;
    const earlier = firstCause.get(step.stage) ?? firstCause.get(copiedStageOf(step));
    const reason = reasonFor(step, before, earlier, { report, base, options });
    reasons.push(withAdvice(reason, earlier, report.advice));
    // The first step after a moved base image stands for the chain from there on.
    if (!firstCause.has(step.stage) || (earlier && isFrom(earlier.step)))
      firstCause.set(
        step.stage,
        reason.kind === 'earlier' && earlier
          ? earlier
          : { step, kind: reason.kind, ...(reason.names && { names: reason.names }) },
      );
  }
  return reasons;
}

/** The stage a FROM builds on, when it names an earlier stage of this Dockerfile. */
function fromStageOf(from: ReportStepInputs, steps: readonly ReportStepInputs[]): string {
  const named = /^FROM\s+(?:--\S+\s+)*(\S+)/i.exec(from.text)?.[1]?.toLowerCase() ?? '';
  return steps.some((s) => s.stage === named && isFrom(s)) ? named : '\u0000none';
}

/** BuildKit keeps secrets out of a step's cache key: a step whose secret mounts changed is the same step. */
function withoutSecretMounts(text: string): string {
  return text.replace(/--mount=(?=\S*type=secret)\S+\s*/g, '');
}

/** The stage a `COPY --from=` or `RUN --mount=from=` reads (its cause reaches this step). */
function copiedStageOf(step: ReportStepInputs): string {
  return /(?:--from=|\bfrom=)([^\s,]+)/i.exec(step.text)?.[1]?.toLowerCase() ?? '\u0000none';
}

interface Facts {
  report: Pick<BuildReport, 'layerCache' | 'warnings'>;
  base: Pick<BuildReport, 'build' | 'layerCache'> | undefined;
  options: MissReasonOptions;
}

function reasonFor(
  step: ReportStepInputs,
  before: ReportStepInputs | undefined,
  earlier: Cause | undefined,
  facts: Facts,
): ReportMissReason {
  const own = { step: step.text, line: step.line };
  // BuildKit matches no-cache-filters with stage names whatever their case.
  const noCache =
    facts.options.noCache ||
    (step.stage !== '' && facts.options.noCacheFilters.some((name) => name.toLowerCase() === step.stage));
  if (!before) {
    if (!facts.base) return { ...own, kind: 'cache-empty', detail: 'first-build' };
    if (!facts.base.build.stepInputs) return { ...own, kind: 'cache-empty', detail: 'not-recorded' };
    return { ...own, kind: 'instruction' };
  }
  const files = changedFiles(before, step);
  if (files) return { ...own, kind: 'files', ...files };
  if (earlier?.kind === 'base-image' && isFrom(earlier.step)) {
    const image = imageMove(earlier.step, facts.base);
    if (image) return { ...own, kind: 'base-image', image };
  }
  const args = changedNames(before.args ?? [], step.args ?? []);
  if (args.length > 0) return { ...own, kind: 'args', names: args };
  const secrets = changedNames(
    (before.secrets ?? []).map((id) => [id, '']),
    (step.secrets ?? []).map((id) => [id, '']),
  );
  if (secrets.length > 0) return { ...own, kind: 'secrets', names: secrets };
  if (noCache) return { ...own, kind: 'no-cache' };
  if (earlier)
    return {
      ...own,
      kind: 'earlier',
      after: {
        step: earlier.step.text,
        line: earlier.step.line,
        kind: earlier.kind,
        ...(earlier.names && { names: earlier.names }),
      },
    };
  return { ...own, kind: 'cache-empty', detail: cacheEmptyDetail(facts) };
}

/** The changed, added and removed paths of a COPY/ADD; undefined when it takes the same files. */
function changedFiles(
  before: ReportStepInputs,
  now: ReportStepInputs,
): Pick<ReportMissReason, 'names' | 'more' | 'ignorable'> | undefined {
  if ((before.filesDigest ?? '') === (now.filesDigest ?? '')) return undefined;
  const changed = changedNames(before.files ?? [], now.files ?? []);
  return {
    names: changed.slice(0, NAMED_FILES),
    more: Math.max(0, changed.length - NAMED_FILES),
    ignorable: changed.length > 0 && changed.every(couldBeIgnored),
  };
}

/** Names whose digest differs, or that only one side has, sorted. */
function changedNames(before: readonly [string, string][], now: readonly [string, string][]): string[] {
  const old = new Map(before);
  const current = new Map(now);
  const names = new Set<string>();
  for (const [name, digest] of current) if (old.get(name) !== digest) names.add(name);
  for (const name of old.keys()) if (!current.has(name)) names.add(name);
  return [...names].sort();
}

/** Files an image seldom needs, which a .dockerignore usually leaves out. */
export function couldBeIgnored(file: string): boolean {
  const name = file.split('/').pop() ?? file;
  return (
    /^(docs?|\.github|\.git|\.vscode|\.idea)\//.test(file) ||
    /^(readme|changelog|contributing|license|authors|notice|code_of_conduct)(\.[a-z]+)?$/i.test(name) ||
    /\.(md|rst|adoc)$/i.test(name) ||
    ['.gitignore', '.gitattributes', '.editorconfig', '.pre-commit-config.yaml'].includes(name)
  );
}

function imageMove(
  from: ReportStepInputs,
  base: Pick<BuildReport, 'build'> | undefined,
): ReportMissReason['image'] {
  const before = base?.build.stepInputs?.find((b) => b.stage === from.stage && b.text === from.text);
  if (!before?.imageDigest || !from.imageDigest) return undefined;
  return {
    name: from.image ?? from.text.replace(/^FROM\s+/i, ''),
    from: before.imageDigest,
    to: from.imageDigest,
  };
}

function cacheEmptyDetail({ report, base }: Facts): CacheEmptyDetail {
  if (!base) return 'first-build';
  if (report.warnings.some((w) => /^Layer cache .* could not be read/.test(w))) return 'unreadable';
  const written = base.layerCache.writeRef;
  // Without an exported layer cache only the builder's own store could have held it.
  if (!['registry', 'gha', 'local'].includes(report.layerCache.kind)) return 'builder-only';
  if (!written || base.layerCache.exported === false || !report.layerCache.readRefs.includes(written))
    return 'other-scope';
  return 'evicted';
}

/**
 * A reordering rule found between the file change that started the chain and this step names the
 * fix; a moved base image or a changed arg no order of COPYs would have kept out.
 */
function withAdvice(
  reason: ReportMissReason,
  earlier: Cause | undefined,
  advice: BuildReport['advice'],
): ReportMissReason {
  if ((earlier?.kind ?? reason.kind) !== 'files') return reason;
  const from = earlier?.step.line ?? reason.line;
  const rule = advice.find((a) => ORDER_RULES.includes(a.rule) && a.line >= from && a.line <= reason.line);
  return rule ? { ...reason, advice: rule.rule } : reason;
}

const EMPTY_DETAIL: Record<CacheEmptyDetail, string> = {
  'first-build': 'there is no base report yet (a first build)',
  'not-recorded': 'the base report did not record what steps read (an older version), so no more can be told',
  unreadable: 'the layer cache could not be read (see Warnings)',
  'other-scope': "the base build's layer cache was not written, or is not one this build reads",
  'builder-only': 'no layer cache is exported, and the builder no longer held it (a fresh runner, or pruned)',
  evicted: "its inputs match the base build's, so the layer cache no longer held it (evicted)",
};

const CAUSE: Record<MissReasonKind, string> = {
  files: 'files it copies changed',
  'base-image': 'the base image moved',
  args: 'a build arg it reads changed',
  secrets: 'the secrets it mounts changed',
  instruction: 'the instruction is new or was edited',
  earlier: 'an earlier step re-ran',
  'no-cache': 'no-cache (or no-cache-filters for its stage) asked for it',
  'cache-empty': 'the cache held nothing for it',
};

/** One line per reason: "`COPY . .` re-ran: app/main.py, README.md changed (+3 more)". */
export function describeMissReason(reason: ReportMissReason, maxText = 160): string {
  const step = code(clip(reason.step, maxText));
  const advice = reason.advice ? ` — reordering would keep it cached, see advice ${code(reason.advice)}` : '';
  return `${step} re-ran: ${causeText(reason, maxText)}${advice}`;
}

function causeText(reason: ReportMissReason, maxText: number): string {
  const names = (reason.names ?? []).map((name) => escapeMarkdown(clip(name, maxText)));
  switch (reason.kind) {
    case 'files': {
      if (names.length === 0) return 'files it copies changed (past the ones the report lists)';
      const more = reason.more ? ` (+${reason.more} more)` : '';
      const ignorable = reason.ignorable ? ' — only files a .dockerignore could leave out' : '';
      return `${names.join(', ')} changed${more}${ignorable}`;
    }
    case 'base-image':
      return reason.image
        ? `the base image ${code(clip(reason.image.name, maxText))} moved from ${code(short(reason.image.from))} to ${code(short(reason.image.to))}`
        : CAUSE['base-image'];
    case 'args':
      return `build ${names.length === 1 ? 'arg' : 'args'} ${names.join(', ')} changed (values not shown)`;
    case 'secrets':
      return `the secret ids it mounts changed: ${names.join(', ')}`;
    case 'earlier':
      if (!reason.after) return CAUSE.earlier;
      return `it follows ${code(clip(reason.after.step, maxText))} (line ${reason.after.line}), which re-ran because ${rootCause(reason.after, maxText)}`;
    case 'cache-empty':
      return `the cache held nothing for it: ${EMPTY_DETAIL[reason.detail ?? 'evicted']}`;
    default:
      return CAUSE[reason.kind];
  }
}

/** The first step's own cause, with its names: "requirements.txt changed". */
function rootCause(after: NonNullable<ReportMissReason['after']>, maxText: number): string {
  const names = (after.names ?? []).map((name) => escapeMarkdown(clip(name, maxText)));
  if (names.length === 0) return CAUSE[after.kind];
  if (after.kind === 'files') return `${names.join(', ')} changed`;
  if (after.kind === 'args')
    return `build ${names.length === 1 ? 'arg' : 'args'} ${names.join(', ')} changed`;
  return `${CAUSE[after.kind]}: ${names.join(', ')}`;
}

function short(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The Markdown for the comment and the summary: a collapsed section listing each reason, at most
 * `limits.listItems`; none when no step ran. A first build says so in one line, not one per step.
 */
export function missReasonSections(
  reasons: readonly ReportMissReason[] | undefined,
  limits: { listItems: number; textChars: number },
): string[] {
  if (!reasons || reasons.length === 0) return [];
  return [renderMissReasons(reasons, limits)];
}

function renderMissReasons(
  reasons: readonly ReportMissReason[],
  limits: { listItems: number; textChars: number },
): string {
  const title = `Why ${plural(reasons.length, 'step')} re-ran`;
  if (reasons.every((r) => r.kind === 'cache-empty' && r.detail === 'first-build'))
    return details(title, `Every step ran: ${EMPTY_DETAIL['first-build']}.`);
  const shown = reasons.slice(0, limits.listItems);
  const more = reasons.length - shown.length;
  const lines = shown.map((r) => `- ${describeMissReason(r, limits.textChars)}`);
  if (more > 0) lines.push(`- _… and ${more} more in the job summary._`);
  return details(title, lines.join('\n'));
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}
