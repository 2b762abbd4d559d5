// A report read from somewhere the action does not control — a fork's pull request run wrote it, and
// the artifact is whatever that run's code chose to write. Nothing is cast: every field the
// renderer reads is copied after its type is checked, strings and lists are cut to a size that
// keeps the comment small, and the first wrong field is named in the error.
import { LAYER_CACHES } from '../domain/layer-cache.js';
import {
  REPORT_SCHEMA,
  type BuildReport,
  type ImageSize,
  type ReportAdvice,
  type ReportCacheStatus,
  type ReportDependencyCache,
  type ReportLayer,
  type ReportMissReason,
  type ReportMountCache,
} from './model.js';

export class UntrustedReportError extends Error {
  constructor(where: string, expected: string) {
    super(`${where}: expected ${expected}`);
    this.name = 'UntrustedReportError';
  }
}

const CACHE_STATUSES: readonly ReportCacheStatus[] = ['exact', 'partial', 'miss', 'off'];
const MOUNT_KINDS = ['pip', 'uv', 'apt', 'generic'] as const;
const MAX_TEXT = 500;
const MAX_LAYERS = 200;
const MAX_LIST = 50;

/** A field reader over one object, naming each field by its path in errors. */
class Fields {
  constructor(
    private readonly value: Record<string, unknown>,
    readonly where: string,
  ) {}

  static of(value: unknown, where: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new UntrustedReportError(where, 'an object');
    return new Fields(value as Record<string, unknown>, where);
  }

  private at(name: string): string {
    return `${this.where}.${name}`;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  text(name: string, max = MAX_TEXT): string {
    return stringItem(this.value[name], this.at(name), max);
  }

  optionalText(name: string, max = MAX_TEXT): string | undefined {
    return this.has(name) ? this.text(name, max) : undefined;
  }

  number(name: string): number {
    const value = this.value[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e15)
      throw new UntrustedReportError(this.at(name), 'a number from 0 to 1e15');
    return value;
  }

  optionalNumber(name: string): number | undefined {
    return this.has(name) ? this.number(name) : undefined;
  }

  integer(name: string): number {
    const value = this.number(name);
    if (!Number.isSafeInteger(value)) throw new UntrustedReportError(this.at(name), 'a whole number');
    return value;
  }

  bool(name: string): boolean {
    const value = this.value[name];
    if (typeof value !== 'boolean') throw new UntrustedReportError(this.at(name), 'true or false');
    return value;
  }

  optionalBool(name: string): boolean | undefined {
    return this.has(name) ? this.bool(name) : undefined;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.value[name];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      throw new UntrustedReportError(this.at(name), `one of ${allowed.join(', ')}`);
    return value as T;
  }

  object(name: string): Fields {
    return Fields.of(this.value[name], this.at(name));
  }

  /** At most `max` items are read; the rest are dropped, not trusted to be short. */
  list<T>(name: string, read: (item: unknown, where: string) => T, max = MAX_LIST): T[] {
    const value = this.value[name];
    if (!Array.isArray(value)) throw new UntrustedReportError(this.at(name), 'a list');
    return value.slice(0, max).map((item, index) => read(item, `${this.at(name)}[${index}]`));
  }
}

/** The report the renderer may be given, rebuilt field by field; throws UntrustedReportError. */
export function reportFromUntrusted(value: unknown, where = 'report'): BuildReport {
  const fields = Fields.of(value, where);
  if (!fields.has('schema') || fields.text('schema', 100) !== REPORT_SCHEMA)
    throw new UntrustedReportError(`${where}.schema`, REPORT_SCHEMA);
  const image = fields.object('image');
  const git = fields.object('git');
  const build = fields.object('build');
  const layerCache = fields.object('layerCache');
  return {
    schema: REPORT_SCHEMA,
    createdAt: fields.text('createdAt', 40),
    image: {
      name: image.text('name', 200),
      tags: image.list('tags', (tag, at) => stringItem(tag, at, 200), 10),
      digest: image.text('digest', 100),
      imageId: image.text('imageId', 100),
    },
    git: {
      repository: git.text('repository', 200),
      event: git.text('event', 50),
      branch: git.text('branch', 250),
      baseBranch: git.text('baseBranch', 250),
      sha: git.text('sha', 64),
      // Never taken from the file: the caller sets the pull request it is posting to.
      pullRequest: undefined,
    },
    build: {
      succeeded: build.bool('succeeded'),
      seconds: build.number('seconds'),
      cachedSteps: build.integer('cachedSteps'),
      totalSteps: build.integer('totalSteps'),
      steps: build.list(
        'steps',
        (item, at) => {
          const step = Fields.of(item, at);
          return {
            name: step.text('name'),
            cached: step.bool('cached'),
            seconds: step.optionalNumber('seconds'),
          };
        },
        MAX_LAYERS,
      ),
      ...(build.has('overheadSeconds') && { overheadSeconds: build.number('overheadSeconds') }),
    },
    layerCache: {
      kind: layerCache.oneOf('kind', LAYER_CACHES),
      readRefs: layerCache.list('readRefs', (ref, at) => stringItem(ref, at, 300), 10),
      writeRef: layerCache.optionalText('writeRef', 300),
      ...(layerCache.has('exported') && { exported: layerCache.bool('exported') }),
    },
    ...(fields.has('dockerfile') && { dockerfile: dockerfileOf(fields.object('dockerfile')) }),
    dependencyCache: dependencyCacheOf(fields.object('dependencyCache')),
    size: fields.has('size') ? sizeOf(fields.object('size')) : undefined,
    advice: fields.list('advice', adviceOf),
    ...(fields.has('missReasons') && { missReasons: fields.list('missReasons', missReasonOf, MAX_LAYERS) }),
    warnings: fields.list('warnings', (w, at) => stringItem(w, at), 20),
  };
}

function stringItem(value: unknown, where: string, max = MAX_TEXT): string {
  if (typeof value !== 'string') throw new UntrustedReportError(where, 'a string');
  return unlinked(value.length > max ? `${value.slice(0, max - 1)}…` : value);
}

/**
 * GitHub turns a bare `https://…` or `www.…` into a link even in escaped text: a word joiner
 * (U+2060, invisible) after the scheme or `www` keeps the text and drops the link the bot would post.
 */
export function unlinked(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1:\u2060//')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\u2060.`);
}

function dockerfileOf(fields: Fields): { path: string; url?: string } {
  // No link from the file: the relay makes its own from what GitHub says about the run.
  return { path: fields.text('path', 200) };
}

function dependencyCacheOf(fields: Fields): ReportDependencyCache {
  const seconds = fields.object('seconds');
  return {
    status: fields.oneOf('status', CACHE_STATUSES),
    seconds: {
      restore: seconds.number('restore'),
      inject: seconds.number('inject'),
      extract: seconds.number('extract'),
      save: seconds.number('save'),
    },
    mounts: fields.list('mounts', (item, at): ReportMountCache => {
      const mount = Fields.of(item, at);
      const optional = {
        savedDeltaOf: mount.optionalText('savedDeltaOf', 300),
        restoredDeltaOf: mount.optionalText('restoredDeltaOf', 300),
        mountId: mount.optionalText('mountId', 300),
        fingerprint: mount.optionalText('fingerprint', 100),
        restoreSkipped: mount.optionalBool('restoreSkipped'),
        stepsFromLayerCache: mount.optionalBool('stepsFromLayerCache'),
        installSeconds: mount.optionalNumber('installSeconds'),
        missInstallSeconds: mount.optionalNumber('missInstallSeconds'),
      };
      return {
        target: mount.text('target', 300),
        kind: mount.oneOf('kind', MOUNT_KINDS),
        status: mount.oneOf('status', CACHE_STATUSES),
        matchedKey: mount.optionalText('matchedKey', 300),
        restoredBytes: mount.number('restoredBytes'),
        savedKey: mount.optionalText('savedKey', 300),
        savedBytes: mount.number('savedBytes'),
        prunedBytes: mount.number('prunedBytes'),
        prunedFiles: mount.integer('prunedFiles'),
        ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
      };
    }),
  };
}

function sizeOf(fields: Fields): ImageSize {
  return {
    bytes: fields.number('bytes'),
    compressedBytes: fields.number('compressedBytes'),
    wastedBytes: fields.number('wastedBytes'),
    efficiency: Math.min(1, fields.number('efficiency')),
    layers: fields.list('layers', layerOf, MAX_LAYERS),
    layerIds: fields.list('layerIds', (id, at) => stringItem(id, at, 100), MAX_LAYERS),
    topWasted: fields.list(
      'topWasted',
      (item, at) => {
        const wasted = Fields.of(item, at);
        return {
          path: wasted.text('path', 300),
          wastedBytes: wasted.number('wastedBytes'),
          layers: wasted.integer('layers'),
        };
      },
      20,
    ),
    analysisSeconds: fields.number('analysisSeconds'),
  };
}

function layerOf(item: unknown, where: string): ReportLayer {
  const layer = Fields.of(item, where);
  const source = layer.has('source') ? layer.object('source') : undefined;
  return {
    digest: layer.text('digest', 100),
    bytes: layer.number('bytes'),
    compressedBytes: layer.number('compressedBytes'),
    createdBy: layer.text('createdBy'),
    ...(source && { source: { line: source.integer('line'), text: source.text('text', 300) } }),
    ...(layer.has('baseImage') && { baseImage: layer.text('baseImage', 200) }),
  };
}

function adviceOf(item: unknown, where: string): ReportAdvice {
  const advice = Fields.of(item, where);
  return {
    rule: advice.text('rule', 60),
    severity: advice.oneOf('severity', ['warning', 'notice'] as const),
    file: advice.text('file', 200),
    line: advice.integer('line'),
    message: advice.text('message'),
    fix: advice.text('fix'),
    ...(advice.has('bytesAtStake') && { bytesAtStake: advice.number('bytesAtStake') }),
  };
}

const MISS_KINDS = [
  'files',
  'base-image',
  'args',
  'secrets',
  'instruction',
  'earlier',
  'no-cache',
  'cache-empty',
] as const;
const EMPTY_DETAILS = [
  'first-build',
  'not-recorded',
  'unreadable',
  'other-scope',
  'builder-only',
  'evicted',
] as const;

function missReasonOf(item: unknown, where: string): ReportMissReason {
  const reason = Fields.of(item, where);
  const image = reason.has('image') ? reason.object('image') : undefined;
  const after = reason.has('after') ? reason.object('after') : undefined;
  return {
    step: reason.text('step', 300),
    line: reason.integer('line'),
    kind: reason.oneOf('kind', MISS_KINDS),
    ...(reason.has('names') && { names: reason.list('names', (n, at) => stringItem(n, at, 300), 5) }),
    ...(reason.has('more') && { more: reason.integer('more') }),
    ...(reason.has('ignorable') && { ignorable: reason.bool('ignorable') }),
    ...(image && {
      image: { name: image.text('name', 300), from: image.text('from', 100), to: image.text('to', 100) },
    }),
    ...(after && {
      after: {
        step: after.text('step', 300),
        line: after.integer('line'),
        kind: after.oneOf('kind', MISS_KINDS),
        ...(after.has('names') && { names: after.list('names', (n, at) => stringItem(n, at, 300), 5) }),
      },
    }),
    ...(reason.has('detail') && { detail: reason.oneOf('detail', EMPTY_DETAILS) }),
    ...(reason.has('advice') && { advice: reason.text('advice', 60) }),
  };
}
