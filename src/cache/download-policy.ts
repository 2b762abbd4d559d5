// What of a cache mount is worth carrying to the next runner. What a build *made* (wheels pip or uv
// built from source) is slow to make again and small: always kept. What it *downloaded* is kept only
// when this run measured the download slower than restoring and injecting it on a later run. A fast index makes a cache of downloads a loss
// (the bench's "fast index" row), so by default it is dropped there, as setup-uv's `prune-cache` does.
import type { RestoreSetting } from '../domain/dependency-cache.js';
import type { CacheMountKind } from './mounts.js';
import { DEFAULT_SECONDS_PER_MB } from './restore-policy.js';

/**
 * Paths under the mount's root that hold downloads, by what the mount is and where it sits (shell
 * globs of our own, never user text). pip: its HTTP caches, beside `wheels/` (built). uv: pre-built
 * wheels, their unpacked archives and index pages, beside `sdists-v*` (built) — what `uv cache
 * prune --ci` drops. apt: the .deb archives and the package lists. (apt's `*.bin` caches are
 * rebuilt from the lists, not downloaded: counted as downloads, their tens of MB would make any
 * fetch look fast.)
 */
export function downloadPaths(kind: CacheMountKind, target: string): string[] {
  const root = target.replace(/\/+$/, '');
  switch (kind) {
    case 'pip':
      return ['http', 'http-v2'];
    case 'uv':
      return ['wheels-v*', 'archive-v*', 'simple-v*', 'flat-index-v*'];
    case 'apt':
      if (root === '/var/cache/apt') return ['archives'];
      if (root === '/var/lib/apt') return ['lists'];
      // A mount on the archives or lists directory itself is nothing but downloads.
      return ['*'];
    default:
      // Not known what is downloaded and what made: all of it is kept, as before.
      return [];
  }
}

/**
 * Whether all a cache of this kind holds is downloads and what is rebuilt from them (apt's lists,
 * archives and the `*.bin` caches made from the lists): when restoring it does not pay, there is
 * nothing left worth saving.
 */
export function holdsOnlyDownloads(kind: CacheMountKind): boolean {
  return kind === 'apt';
}

export type DownloadDecision =
  | { keep: 'all'; reason: string }
  | {
      keep: 'made';
      paths: string[];
      /** How long the RUN steps using the mount took, downloads and all. */
      stepMilliseconds: number;
      /** Downloads that came faster than this (KB/s) are not worth carrying; 0: none are. */
      dropAboveKBps: number;
    };

export interface DownloadFacts {
  kind: CacheMountKind;
  target: string;
  setting: RestoreSetting;
  /** Seconds of the RUN steps using the mount, when every one of them ran; undefined otherwise. */
  stepSeconds: number | undefined;
  /** Restore + inject seconds per MB measured by an earlier run, when it could tell. */
  restoreSecondsPerMB: number | undefined;
  /** This run skipped the mount's restore as costing more than it spares: its downloads are not carried either. */
  restoreDidNotPay?: boolean;
}

/**
 * Carrying a MB costs its restore + inject on each later run that needs it, and fetching it again
 * costs its download: downloads are dropped when they came faster than a restore brings them (the
 * one extract and save now is paid back over the later runs). The rate is a lower bound (the steps
 * also installed what they downloaded), so a slow index is never taken for a fast one.
 */
export function decideDownloads(facts: DownloadFacts): DownloadDecision {
  if (facts.setting === 'true') return { keep: 'all', reason: 'restore-cache is true' };
  const paths = downloadPaths(facts.kind, facts.target);
  if (paths.length === 0) return { keep: 'all', reason: 'what it downloaded cannot be told apart' };
  if (facts.restoreDidNotPay) return { keep: 'made', paths, stepMilliseconds: 1, dropAboveKBps: 0 };
  if (facts.stepSeconds === undefined || facts.stepSeconds <= 0)
    return { keep: 'all', reason: 'its steps did not all run, so the download rate is not known' };
  const carrySecondsPerMB = facts.restoreSecondsPerMB ?? DEFAULT_SECONDS_PER_MB;
  return {
    keep: 'made',
    paths,
    stepMilliseconds: Math.max(1, Math.round(facts.stepSeconds * 1000)),
    dropAboveKBps: Math.max(1, Math.round(1000 / carrySecondsPerMB)),
  };
}

/** What the extract found in the mount's download paths: read from the file the helper writes. */
export interface DownloadsOutcome {
  bytes: number;
  dropped: boolean;
}

/** `<KB> dropped|kept` → the outcome; undefined for anything else. */
export function parseDownloadsReport(text: string): DownloadsOutcome | undefined {
  const match = /^(\d+) (dropped|kept)\s*$/.exec(text);
  if (!match) return undefined;
  return { bytes: Number(match[1]) * 1024, dropped: match[2] === 'dropped' };
}
