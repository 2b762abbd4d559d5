import { formatBytes, plural } from '../units.js';
import type { NoiseThreshold } from '../domain/report.js';
import { crossesThreshold, DEFAULT_NOISE, delta, type Comparison, type Delta } from './compare.js';
import { code, escapeMarkdown, table } from '../markdown.js';
import { dependencyCacheNet } from './cost.js';
import { cleanInstruction } from './layer-sources.js';
import { missReasonSections } from './miss-reasons.js';
import { sparkline, type Trend } from './trend.js';
import type { BuildReport, ReportLayer } from './model.js';
import { unlinked } from './untrusted.js';

export interface RenderOptions {
  base: BuildReport | undefined;
  comparison: Comparison;
  gateFailures: string[];
  /** The longest body allowed (the PR comment, see COMMENT_MAX_LENGTH); the job summary has no limit. */
  maxLength?: number;
  /** The label that turned the gate failures into warnings, when one did. */
  gateOverride?: string;
  /** The base branch's recent reports; shown from two points on. */
  trend?: Trend;
  /** Size changes below this are not marked, and layers changed by less count as unchanged. */
  noise?: NoiseThreshold;
  /**
   * The report came from a run whose code this one does not trust (the fork relay): a description
   * of that run, shown in a note that says what in the comment is only that run's word.
   */
  untrustedRun?: string;
}

/** GitHub refuses a comment over 65 536 characters (422), which would leave the last one standing, stale. */
export const COMMENT_MAX_LENGTH = 60_000;

const WORSE = '⚠️';
const FAILED = '❌';
const MAX_LAYERS = 10;

/** How much of each free-form text and list the details show. */
interface Limits {
  textChars: number;
  listItems: number;
}
const WHOLE: Limits = { textChars: Number.POSITIVE_INFINITY, listItems: Number.POSITIVE_INFINITY };
const TRIMMED: Limits = { textChars: 160, listItems: 20 };
const PARTIAL_WASTE =
  '_A layer holds more paths than this analysis keeps in memory: paths past that were not compared, so there may be more waste._';
const LEFT_OUT =
  '_Some details are left out to keep this comment within GitHub’s size limit; the job summary has them all._';

/** What the relay vouches for (the pull request, the Dockerfile link) and what it only passes on. */
function untrustedNote(run: string): string {
  return [
    '> [!NOTE]',
    `> Relayed from ${escapeMarkdown(unlinked(clip(run, 200)))}, whose code this workflow does not trust. Only the pull request and the Dockerfile link come from GitHub; everything else — sizes, steps, caches, the base it is compared with and the size-gate verdict — is as that run reported it, unchecked. Links in its text are not kept.`,
  ].join('\n');
}

/** The report as Markdown: the same body serves the PR comment and the job summary. */
export function renderReport(report: BuildReport, options: RenderOptions): string {
  const whole = reportParts(report, options, WHOLE);
  const full = joinParts(whole.head, whole.details);
  if (options.maxLength === undefined || full.length <= options.maxLength) return full;
  // Too long for a comment: shorter paths and lists first, then whole details from the last one up; the table stays.
  const trimmed = reportParts(report, options, TRIMMED);
  const details = [...trimmed.details];
  while (details.length > 0 && joinParts(trimmed.head, details, LEFT_OUT).length > options.maxLength)
    details.pop();
  const fitted = joinParts(trimmed.head, details, LEFT_OUT);
  if (fitted.length <= options.maxLength) return fitted;
  return `${fitted.slice(0, options.maxLength - LEFT_OUT.length - 4)}…\n\n${LEFT_OUT}\n`;
}

function joinParts(head: string[], details: string[], note?: string): string {
  return `${[...head, ...details, ...(note ? [note] : [])].join('\n').trimEnd()}\n`;
}

function reportParts(
  report: BuildReport,
  options: RenderOptions,
  limits: Limits,
): { head: string[]; details: string[] } {
  const { base, comparison } = options;
  const noise = options.noise ?? DEFAULT_NOISE;
  const subject = report.image.tags[0] ?? report.image.name;
  const parts: string[] = [];
  parts.push(
    `### docker-fast-build: ${subject ? code(clip(subject, 300)) : 'image'} ${report.build.succeeded ? '' : '(build failed)'}`.trim(),
    '',
  );
  if (options.untrustedRun !== undefined) parts.push(untrustedNote(options.untrustedRun), '');
  parts.push(verdictLine(report, comparison, noise, options), '');
  parts.push(baseLine(report, base, options), '');
  for (const failure of options.gateFailures) {
    parts.push(
      options.gateOverride
        ? `> [!WARNING]\n> **Size gate overridden** by the label ${code(options.gateOverride)}: ${escapeMarkdown(failure)}`
        : `> [!CAUTION]\n> ${escapeMarkdown(failure)}`,
      '',
    );
  }
  if (options.trend && options.trend.points.length >= 2) parts.push(trendSection(report, options.trend), '');
  const text = (value: string) => clip(value, limits.textChars);
  const sections: string[] = [];
  sections.push(
    details(
      base ? `Size and time against ${code(clip(base.git.branch, 300))}` : 'Size and time',
      figuresTable(report, base, comparison, noise),
    ),
  );
  const cost = costSection(report, base);
  if (cost) sections.push(cost);
  sections.push(...missReasonSections(report.missReasons, limits));
  if (report.size) {
    sections.push(layersSection(report.size.layers, base?.size?.layers, noise, report.dockerfile));
    sections.push(
      details(
        `Wasted bytes: ${report.size.wastePartial ? 'at least ' : ''}${formatBytes(report.size.wastedBytes)} (efficiency ${(report.size.efficiency * 100).toFixed(1)}%)`,
        (report.size.topWasted.length > 0
          ? table(
              ['Path', 'Wasted', 'Layers'],
              report.size.topWasted.map((w) => [
                code(text(w.path)),
                formatBytes(w.wastedBytes),
                String(w.layers),
              ]),
            )
          : 'No file is overwritten or deleted in a later layer.') +
          (report.size.wastePartial ? `\n\n${PARTIAL_WASTE}` : ''),
      ),
    );
  }
  if (report.advice.length > 0) {
    sections.push(
      details(
        `Advice (${report.advice.length})`,
        withMore(
          table(
            ['Where', 'Rule', 'What', 'Fix', 'At stake'],
            report.advice
              .slice(0, limits.listItems)
              .map((a) => [
                code(`${text(a.file)}:${a.line}`),
                code(a.rule),
                escapeMarkdown(text(a.message)),
                escapeMarkdown(text(a.fix)),
                a.bytesAtStake ? formatBytes(a.bytesAtStake) : '',
              ]),
          ),
          report.advice.length - limits.listItems,
        ) + beyondAnnotations(report.advice),
      ),
    );
  }
  if (report.dependencyCache.mounts.length > 0)
    sections.push(details('Dependency caches', dependencyCacheSection(report, limits)));
  sections.push(details('Layer cache', layerCacheSection(report, limits)));
  if (report.warnings.length > 0) {
    sections.push(
      details(
        `Warnings (${report.warnings.length})`,
        withMore(
          report.warnings
            .slice(0, limits.listItems)
            .map((w) => `- ${escapeMarkdown(text(w))}`)
            .join('\n'),
          report.warnings.length - limits.listItems,
        ),
      ),
    );
  }
  return { head: parts, details: sections };
}

/**
 * What a reviewer reads first: size and build time with their change against the base, and how
 * much came from the cache. A mark only where a threshold or a gate was crossed.
 */
function verdictLine(
  report: BuildReport,
  comparison: Comparison,
  noise: NoiseThreshold,
  options: Pick<RenderOptions, 'gateFailures' | 'gateOverride'>,
): string {
  const parts: string[] = [];
  const size = comparison.size;
  if (size.current === undefined) parts.push('size not measured');
  else {
    const worse = size.change !== undefined && size.change > 0 && crossesThreshold(size, noise);
    parts.push(`**${formatBytes(size.current)}**${sizeChange(size)}${worse ? ` ${WORSE}` : ''}`);
  }
  const time = comparison.buildSeconds;
  // Build times are noisy: their change in seconds says enough.
  const timeChange =
    time.change === undefined ? '' : ` (${time.change === 0 ? 'no change' : signedSeconds(time.change)})`;
  const timeText = `${seconds(time.current)}${timeChange}${slower(time) ? ` ${WORSE}` : ''}`;
  parts.push(report.build.succeeded ? `built in ${timeText}` : `**build failed** after ${timeText}`);
  parts.push(`${report.build.cachedSteps}/${report.build.totalSteps} steps cached`);
  // An overridden gate is a warning callout below, and the size already carries its mark.
  const failed = options.gateFailures.length > 0 && !options.gateOverride;
  return `${failed ? `${FAILED} ` : ''}${parts.join(' · ')}`;
}

/** ` (+26.0 MB, +6.5%)`; nothing without a base. */
function sizeChange(d: Delta): string {
  if (d.change === undefined) return '';
  if (d.change === 0) return ' (no change)';
  const percent =
    d.ratio === undefined ? '' : `, ${signed(`${Math.abs(d.ratio * 100).toFixed(1)}%`, d.change)}`;
  return ` (${signed(formatBytes(Math.abs(d.change)), d.change)}${percent})`;
}

/** Where the comparison comes from: the base's branch, commit, run and time, or why there is none. */
function baseLine(
  report: BuildReport,
  base: BuildReport | undefined,
  options: Pick<RenderOptions, 'untrustedRun'>,
): string {
  if (!base) {
    return report.git.pullRequest !== undefined
      ? `_No base report for ${code(clip(report.git.baseBranch || 'the base branch', 300))} yet: the comparison appears once a push to it has run this action._`
      : `_This run is the base for pull requests into ${code(clip(report.git.branch, 300))}._`;
  }
  const sha = code(base.git.sha.slice(0, 7) || 'unknown');
  // A relayed base is the fork run's word: its link is not followed (see untrustedNote).
  const runUrl = options.untrustedRun === undefined ? base.git.runUrl : undefined;
  const run =
    runUrl && /^https:\/\/[^\s"<>]+$/.test(runUrl)
      ? ` (<a href="${escapeMarkdown(runUrl)}">its run</a>)`
      : '';
  const when = readableTime(base.createdAt);
  const before = ageBetween(base.createdAt, report.createdAt);
  return `<sub>Compared with ${code(clip(base.git.branch, 300))} at ${sha}${run}, built ${when}${before ? ` (${before} before this build)` : ''}</sub>`;
}

/** `2026-11-20 10:00 UTC`, or the text as it came (escaped) when it is no time. */
export function readableTime(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return escapeMarkdown(iso.slice(0, 40));
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `3 h`, `2 d`: how much older `from` is than `to`; undefined when not known or not older. */
export function ageBetween(from: string, to: string): string | undefined {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 60_000) return undefined;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** GitHub shows at most this many annotations of one kind (warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;

/** What GitHub did not show on the Dockerfile: advice past the annotation limit is only here. */
function beyondAnnotations(advice: BuildReport['advice']): string {
  const hidden = (['warning', 'notice'] as const)
    .map((severity) => ({ severity, count: advice.filter((a) => a.severity === severity).length }))
    .filter(({ count }) => count > ANNOTATIONS_PER_KIND)
    .map(({ severity, count }) => plural(count - ANNOTATIONS_PER_KIND, `more ${severity}`));
  if (hidden.length === 0) return '';
  return `\n\n_GitHub shows at most ${ANNOTATIONS_PER_KIND} annotations of a kind per step: beyond those on the Dockerfile, this table has ${hidden.join(' and ')}._`;
}

function withMore(body: string, more: number): string {
  return more > 0 ? `${body}\n\n_… and ${more} more in the job summary._` : body;
}

function figuresTable(
  report: BuildReport,
  base: BuildReport | undefined,
  comparison: Comparison,
  noise: NoiseThreshold,
): string {
  const baseHeader = base ? `${code(base.git.branch)} (base)` : 'base';
  const currentHeader = report.git.pullRequest !== undefined ? 'this PR' : code(report.git.branch);
  const steps = (r: BuildReport | undefined) => (r ? `${r.build.cachedSteps} / ${r.build.totalSteps}` : '—');
  const rows = [
    [
      'Image size',
      bytes(comparison.size.base),
      bytes(comparison.size.current),
      bytesDelta(comparison.size, noise),
    ],
    [
      'Compressed',
      bytes(comparison.compressedSize.base),
      bytes(comparison.compressedSize.current),
      bytesDelta(comparison.compressedSize, noise),
    ],
    [
      'Build time',
      seconds(comparison.buildSeconds.base),
      seconds(comparison.buildSeconds.current),
      secondsDelta(comparison.buildSeconds),
    ],
    ['Cached steps', steps(base), steps(report), countDelta(comparison.cachedSteps)],
    [
      'Wasted bytes',
      bytes(comparison.wastedBytes.base),
      `${report.size?.wastePartial ? '≥ ' : ''}${bytes(comparison.wastedBytes.current)}`,
      bytesDelta(comparison.wastedBytes, noise, false),
    ],
  ];
  // Without a base, a column of dashes and one of nothing would only hide the figures.
  if (!base)
    return table(
      ['', currentHeader],
      rows.map(([name = '', , current = '']) => [name, current]),
    );
  return table(['', baseHeader, currentHeader, 'Δ'], rows);
}

function bytes(value: number | undefined): string {
  return value === undefined ? '—' : formatBytes(value);
}

function seconds(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(1)} s`;
}

function signed(text: string, change: number): string {
  return change > 0 ? `+${text}` : change < 0 ? `−${text.replace(/^-/, '')}` : text;
}

/** Growth past the noise threshold is marked as worse; smaller changes are shown plain. */
function bytesDelta(d: Delta, noise: NoiseThreshold, withPercent = true): string {
  if (d.change === undefined) return '';
  if (d.change === 0) return '0';
  const percent =
    withPercent && d.ratio !== undefined
      ? ` (${signed(`${Math.abs(d.ratio * 100).toFixed(1)}%`, d.change)})`
      : '';
  const worse = d.change > 0 && crossesThreshold(d, noise);
  return `${signed(formatBytes(Math.abs(d.change)), d.change)}${percent}${worse ? ` ${WORSE}` : ''}`;
}

/** Slower by more than 10% and 5 s is marked; build times are noisy. */
function secondsDelta(d: Delta): string {
  if (d.change === undefined) return '';
  return `${signedSeconds(d.change)}${slower(d) ? ` ${WORSE}` : ''}`;
}

function slower(d: Delta): boolean {
  return d.change !== undefined && d.change > 5 && (d.ratio ?? 1) > 0.1;
}

/** Not marked: fewer cached steps is what any change to the code does, not a threshold crossed. */
function countDelta(d: Delta): string {
  if (d.change === undefined || d.change === 0) return d.change === 0 ? '0' : '';
  return signed(String(Math.abs(d.change)), d.change);
}

/**
 * Without a base: the largest layers. Against a base: only the layers that are new, gone, or changed
 * past the noise threshold; the rest are one collapsed row.
 */
function layersSection(
  layers: ReportLayer[],
  baseLayers: ReportLayer[] | undefined,
  noise: NoiseThreshold,
  dockerfile: BuildReport['dockerfile'],
): string {
  const instructionCell = (layer: ReportLayer) => layerLabel(layer, dockerfile);
  const numbered = layers.map((layer, index) => ({ layer, index }));
  if (!baseLayers) {
    const shown = [...numbered].sort((a, b) => b.layer.bytes - a.layer.bytes).slice(0, MAX_LAYERS);
    const rows = shown.map(({ layer, index }) => [
      String(index + 1),
      formatBytes(layer.bytes),
      instructionCell(layer),
    ]);
    const rest = numbered.length - shown.length;
    if (rest > 0) {
      const restBytes =
        numbered.reduce((sum, { layer }) => sum + layer.bytes, 0) -
        shown.reduce((sum, { layer }) => sum + layer.bytes, 0);
      rows.push(['', formatBytes(restBytes), `<i>${plural(rest, 'smaller layer')}</i>`]);
    }
    return details(`Largest layers (${layers.length} in all)`, table(['#', 'Size', 'Instruction'], rows));
  }

  // Layers are matched by instruction: digests change whenever anything below them does.
  const remaining = new Map<string, ReportLayer[]>();
  for (const layer of baseLayers) {
    const key = layerKey(layer);
    remaining.set(key, [...(remaining.get(key) ?? []), layer]);
  }
  const changed: { order: number; cells: string[] }[] = [];
  let unchanged = 0;
  let unchangedBytes = 0;
  for (const { layer, index } of numbered) {
    const before = remaining.get(layerKey(layer))?.shift();
    if (before === undefined) {
      changed.push({
        order: layer.bytes,
        cells: [String(index + 1), formatBytes(layer.bytes), 'new', instructionCell(layer)],
      });
      continue;
    }
    const d = delta(before.bytes, layer.bytes);
    if (!crossesThreshold(d, noise)) {
      unchanged += 1;
      unchangedBytes += layer.bytes;
      continue;
    }
    changed.push({
      order: Math.abs(d.change ?? 0),
      cells: [
        String(index + 1),
        formatBytes(layer.bytes),
        bytesDelta(d, noise, false),
        instructionCell(layer),
      ],
    });
  }
  for (const gone of [...remaining.values()].flat()) {
    changed.push({
      order: gone.bytes,
      cells: ['', '—', `removed (${signed(formatBytes(gone.bytes), -1)})`, instructionCell(gone)],
    });
  }
  const rows = changed
    .sort((a, b) => b.order - a.order)
    .slice(0, MAX_LAYERS)
    .map((row) => row.cells);
  const hidden = changed.length - rows.length;
  if (hidden > 0) rows.push(['', '', '', `<i>${plural(hidden, 'more changed layer')}</i>`]);
  if (unchanged > 0) {
    rows.push([
      '',
      formatBytes(unchangedBytes),
      '',
      `<i>${plural(unchanged, 'layer')} unchanged (within ${formatBytes(noise.bytes)} or ${noise.percent}%)</i>`,
    ]);
  }
  const summary =
    changed.length === 0
      ? `Layers: none changed (${layers.length} in all)`
      : `Layers: ${changed.length} changed (${layers.length} in all)`;
  return details(summary, table(['#', 'Size', 'Δ', 'Instruction'], rows));
}

/** What a layer is matched by across reports (older reports have only the history's text). */
function layerKey(layer: ReportLayer): string {
  return cleanInstruction(layer.createdBy);
}

/** The Dockerfile line that made the layer (linked when the file's address is known), or its FROM image. */
function layerLabel(layer: ReportLayer, dockerfile: BuildReport['dockerfile']): string {
  const history = cleanInstruction(layer.createdBy);
  if (layer.baseImage !== undefined) {
    const from = code(`FROM ${shorten(layer.baseImage, 100)}`);
    return history ? `${from} · ${code(shorten(history, 60))}` : `${from} (base image)`;
  }
  const { source } = layer;
  if (!source || !Number.isSafeInteger(source.line) || source.line < 1) {
    return code(shorten(history || '(unknown)', 120));
  }
  const where = escapeMarkdown(`${shorten(dockerfile?.path || 'Dockerfile', 60)}:${source.line}`);
  const url = dockerfile?.url;
  const link =
    url && /^https?:\/\/[^\s"<>]+$/.test(url)
      ? `<a href="${escapeMarkdown(`${url}#L${source.line}`)}">${where}</a>`
      : where;
  return `${link} ${code(shorten(source.text, 120))}`;
}

function dependencyCacheSection(report: BuildReport, limits: Limits): string {
  const { seconds: s } = report.dependencyCache;
  const rows = report.dependencyCache.mounts.map((m) => [
    code(clip(m.target, limits.textChars)),
    m.kind,
    m.status,
    m.heldByBuilder
      ? 'not needed: the builder holds it'
      : m.restoreSkipped
        ? 'not needed: steps in layer cache'
        : m.restoreNotWorthIt
          ? `skipped: ${escapeMarkdown(m.restoreNotWorthIt)}`
          : m.restoredBytes
            ? `${formatBytes(m.restoredBytes)}${m.restoredDeltaOf ? ' (an entry and the delta over it)' : ''}`
            : '—',
    m.savedKey
      ? `${formatBytes(m.savedBytes)}${m.savedDeltaOf ? ' (only what this build added)' : ''}${m.downloads?.dropped ? `, without ${formatBytes(m.downloads.bytes)} of downloads not worth carrying` : ''}`
      : m.keptEntry
        ? 'not needed: kept already'
        : m.saveNotWorthIt
          ? `not needed: ${escapeMarkdown(m.saveNotWorthIt)}`
          : 'not saved',
    m.prunedFiles ? `${m.prunedFiles} files, ${formatBytes(m.prunedBytes)}` : '—',
  ]);
  return [
    table(['Cache mount', 'Kind', 'Restore', 'Restored', 'Saved', 'Pruned'], rows),
    '',
    `Restore ${s.restore.toFixed(1)} s · inject ${s.inject.toFixed(1)} s · extract ${s.extract.toFixed(1)} s · save ${s.save.toFixed(1)} s`,
  ].join('\n');
}

/** Size and build time over the branch's last reports, with this pull request's figures beside them. */
function trendSection(report: BuildReport, trend: Trend): string {
  const { points } = trend;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const onPullRequest = report.git.pullRequest !== undefined;
  const row = (
    name: string,
    values: (number | undefined)[],
    show: (v: number | undefined) => string,
    now: number | undefined,
  ) => [
    name,
    code(sparkline(values)),
    show(values[0]),
    show(values[values.length - 1]),
    ...(onPullRequest ? [show(now)] : []),
  ];
  const header = [
    `Trend on ${code(trend.branch)}`,
    `last ${points.length}`,
    escapeMarkdown(first.createdAt.slice(0, 10)),
    escapeMarkdown(last.createdAt.slice(0, 10)),
    ...(onPullRequest ? ['this PR'] : []),
  ];
  return table(header, [
    row(
      'Image size',
      points.map((p) => p.sizeBytes),
      bytes,
      report.size?.bytes,
    ),
    row(
      'Build time',
      points.map((p) => p.buildSeconds),
      seconds,
      report.build.seconds,
    ),
  ]);
}

/** The action's own cost next to what its dependency cache gave back, both as estimates say so. */
function costSection(report: BuildReport, base: BuildReport | undefined): string {
  const overhead = report.build.overheadSeconds;
  const net = dependencyCacheNet(report);
  const heading = [
    overhead === undefined ? undefined : `action overhead ${seconds(overhead)}`,
    net?.netSeconds === undefined ? undefined : `dependency cache net ≈ ${signedSeconds(net.netSeconds)}`,
  ].filter((part) => part !== undefined);
  const lines: string[] = [];
  if (overhead !== undefined) {
    lines.push(
      `- **Action overhead** ${seconds(overhead)}${base?.build.overheadSeconds === undefined ? '' : ` (base: ${seconds(base.build.overheadSeconds)})`}: what the main step spent around the ${seconds(report.build.seconds)} build (inputs, dependency caches, measuring the image, the report).`,
    );
  }
  if (net) {
    const s = report.dependencyCache.seconds;
    const spent = `spent ${seconds(net.spentSeconds)} (restore ${seconds(s.restore)} · inject ${seconds(s.inject)} · extract ${seconds(s.extract)} · save ${seconds(s.save)})`;
    const saved =
      net.savedSeconds === undefined
        ? 'saved: not known yet (no build without the cache has been measured)'
        : net.coldSeconds === 0
          ? `saved 0 s (${report.dependencyCache.mounts.every((m) => m.status === 'miss') ? 'the cache missed' : 'the install steps came from the layer cache'})`
          : `saved ≈ ${seconds(net.savedSeconds)} (install steps ${seconds(net.coldSeconds)} on the last build without the cache, ${seconds(net.nowSeconds)} now)`;
    const total = net.netSeconds === undefined ? '' : `; net ≈ ${signedSeconds(net.netSeconds)}`;
    lines.push(
      `- **Dependency cache** (${report.dependencyCache.status}${base ? `; base: ${base.dependencyCache.status}` : ''}) ${spent}; ${saved}${total}.`,
    );
  }
  const storage = report.builderStorage;
  if (storage) {
    lines.push(
      `- **Builder storage** ${bytes(storage.usedBytes)} after pruning ${bytes(storage.reclaimedBytes)} in ${seconds(storage.seconds)} (builder-max-used-space ${bytes(storage.limitBytes)}; records still in use by images are kept).`,
    );
  }
  if (lines.length === 0) return '';
  return details(`Cost: ${heading.join(' · ') || 'not measured'}`, lines.join('\n'));
}

function signedSeconds(value: number): string {
  return signed(`${Math.abs(value).toFixed(1)} s`, value);
}

function layerCacheSection(report: BuildReport, limits: Limits): string {
  const { layerCache } = report;
  const ref = (value: string) => code(clip(value, limits.textChars));
  return [
    `Kind: ${layerCache.kind}`,
    `Read: ${layerCache.readRefs.map(ref).join(', ') || '—'}`,
    `Written: ${layerCache.writeRef ? ref(layerCache.writeRef) : '—'}`,
  ].join('<br>\n');
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** The text as it is, cut to `max` characters. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
