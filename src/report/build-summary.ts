import type { BuildResult } from '../build/run-build.js';
import type { DependencyCacheReport } from '../cache/dependency-cache.js';
import { formatBytes } from '../units.js';
import type { LayerCachePlan } from '../plan/index.js';
import { code, escapeMarkdown, table } from './markdown.js';

export interface BuildSummaryFacts {
  build: BuildResult;
  layerCache: LayerCachePlan;
  branch: string;
  tags: string[];
  cacheWarnings: string[];
  /** Absent when no dependency cache ran (off, no cache mounts, or no backend). */
  dependencyCache?: DependencyCacheReport;
}

export function cacheHitRatio(build: Pick<BuildResult, 'cachedSteps' | 'totalSteps'>): number {
  return build.totalSteps === 0 ? 0 : build.cachedSteps / build.totalSteps;
}

/** The short job summary: what was built, how long it took, how much came from cache. */
export function renderBuildSummary(facts: BuildSummaryFacts): string {
  const { build, layerCache } = facts;
  const status = build.succeeded ? 'built' : 'failed';
  const subject = facts.tags[0] ? code(facts.tags[0]) : 'image';
  const rows = [
    ['Build time', `${build.seconds.toFixed(1)} s`],
    [
      'Cached steps',
      `${build.cachedSteps} / ${build.totalSteps} (${Math.round(cacheHitRatio(build) * 100)}%)`,
    ],
    ['Branch', code(facts.branch)],
    ['Layer cache', layerCache.kind],
    ['Cache read from', layerCache.readRefs.map(code).join('<br>') || '—'],
    ['Cache written to', layerCache.writeRef ? code(layerCache.writeRef) : '—'],
  ];
  if (facts.dependencyCache) rows.push(['Dependency cache', facts.dependencyCache.status]);
  if (build.digest) rows.push(['Digest', code(build.digest)]);
  const parts = [`### docker-fast-build: ${subject} ${status}`, '', table(['', ''], rows)];
  if (facts.cacheWarnings.length > 0) {
    parts.push('', ...facts.cacheWarnings.map((w) => `> [!WARNING]\n> ${escapeMarkdown(w)}`));
  }
  if (!build.succeeded && build.error) parts.push('', `**Error:** ${escapeMarkdown(build.error)}`);
  if (facts.dependencyCache && facts.dependencyCache.mounts.length > 0) {
    parts.push('', renderDependencyCache(facts.dependencyCache));
  }
  parts.push(
    '',
    '<details><summary>Steps</summary>',
    '',
    table(
      ['Step', 'Cached', 'Seconds'],
      build.steps.map((s) => [
        code(s.name),
        s.cached ? 'yes' : 'no',
        s.seconds === undefined ? '' : s.seconds.toFixed(1),
      ]),
    ),
    '',
    '</details>',
    '',
  );
  return parts.join('\n');
}

/** One warning per cache that could not be read or written, naming it. */
export function describeCacheProblems(build: BuildResult, layerCache: LayerCachePlan): string[] {
  return build.cacheProblems.map((p) =>
    p.direction === 'import'
      ? `Layer cache ${p.ref ?? '(unknown)'} could not be read; the build went on without it: ${p.error}`
      : `Layer cache ${layerCache.writeRef ?? '(unknown)'} could not be written; the image is fine, the next build may be slower: ${p.error}`,
  );
}

function renderDependencyCache(report: DependencyCacheReport): string {
  const { seconds } = report;
  const rows = report.mounts.map((m) => [
    code(m.target),
    m.kind,
    m.status,
    m.restoredBytes ? formatBytes(m.restoredBytes) : '—',
    m.savedKey ? formatBytes(m.savedBytes) : 'not saved',
    m.prunedFiles ? `${m.prunedFiles} files, ${formatBytes(m.prunedBytes)}` : '—',
  ]);
  return [
    '#### Dependency caches',
    '',
    table(['Cache mount', 'Kind', 'Restore', 'Restored', 'Saved', 'Pruned'], rows),
    '',
    `Restore ${seconds.restore.toFixed(1)} s · inject ${seconds.inject.toFixed(1)} s · extract ${seconds.extract.toFixed(1)} s · save ${seconds.save.toFixed(1)} s`,
  ].join('\n');
}
