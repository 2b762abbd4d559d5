import type { BuildResult } from '../build/run-build.js';
import type { LayerCachePlan } from '../plan/index.js';
import { code, escapeMarkdown, table } from './markdown.js';

export interface BuildSummaryFacts {
  build: BuildResult;
  layerCache: LayerCachePlan;
  branch: string;
  tags: string[];
  cacheWarnings: string[];
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
  if (build.digest) rows.push(['Digest', code(build.digest)]);
  const parts = [`### docker-fast-build: ${subject} ${status}`, '', table(['', ''], rows)];
  if (facts.cacheWarnings.length > 0) {
    parts.push('', ...facts.cacheWarnings.map((w) => `> [!WARNING]\n> ${escapeMarkdown(w)}`));
  }
  if (!build.succeeded && build.error) parts.push('', `**Error:** ${escapeMarkdown(build.error)}`);
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
