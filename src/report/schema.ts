// The stored report's format as a schema: what a run keeps for the next one (report@N), read back
// through this file only. Its shape is written once, in reportShape, and read two ways: as this
// action's own runs stored it (STORED, here), and as a fork's run may have written it (FORK, in
// untrusted.ts: every string cut and stripped of links, every list cut, every number bounded).
import * as v from 'valibot';

import { LAYER_CACHES } from '../domain/layer-cache.js';
import { REPORT_SCHEMA, type BuildReport } from './model.js';

type Field<T> = v.GenericSchema<unknown, T>;

/** How one reading takes each kind of field; `max` bounds a fork's text and lists, not our own. */
export interface Reading {
  text(max?: number): Field<string>;
  /** A number of 0 or more (seconds, bytes). */
  amount(): Field<number>;
  whole(): Field<number>;
  /** A share from 0 to 1. */
  ratio(): Field<number>;
  flag(): Field<boolean>;
  oneOf<const T extends string>(values: readonly T[]): Field<T>;
  list<T>(item: Field<T>, max?: number): Field<T[]>;
  fields<E extends v.ObjectEntries>(entries: E): Field<v.InferOutput<v.ObjectSchema<E, undefined>>>;
  /** A field a report may leave out (null from a fork reads as left out). */
  optional<T>(field: Field<T>): v.OptionalSchema<Field<T | undefined>, undefined>;
  /** A field that is always there in memory, as `T | undefined`, and that JSON leaves out when undefined. */
  maybe<T>(field: Field<T>): v.OptionalSchema<Field<T | undefined>, () => undefined>;
  /** What only this action's own runs are trusted with: never taken from a fork's file. */
  own<T>(field: Field<T>): Field<T | undefined>;
}

/** An object with these fields (not a list: JSON's lists are objects too); a field left out is named. */
export function fieldsOf<E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<object>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'an object',
    ),
    v.object(entries, 'a value'),
  );
}

/** Our own stored reports: types checked, nothing cut. */
export const STORED: Reading = {
  text: () => v.string('a string'),
  amount: () => v.number('a number'),
  whole: () => v.number('a number'),
  ratio: () => v.number('a number'),
  flag: () => v.boolean('true or false'),
  oneOf: (values) => v.picklist(values, `one of ${values.join(', ')}`),
  list: (item) => v.array(item, 'a list'),
  fields: fieldsOf,
  optional: (field) => v.optional(field),
  maybe: (field) => v.optional(field, () => undefined),
  own: (field) => field,
};

/** Steps, layers and miss reasons: far above a real image's, small enough for a comment. */
export const MAX_LAYERS = 200;
const MAX_LIST = 50;

const CACHE_STATUSES = ['exact', 'partial', 'miss', 'off'] as const;
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

/** The stored report of REPORT_SCHEMA, field by field as report/model.ts declares it. */
export function reportShape(r: Reading) {
  const path = (max: number) => r.text(max);
  const stepInputs = r.fields({
    stage: r.text(100),
    position: r.whole(),
    line: r.whole(),
    text: r.text(300),
    image: r.optional(r.text(300)),
    imageDigest: r.optional(r.text(100)),
    files: r.optional(r.list(v.tuple([path(300), r.text(100)]), MAX_LIST)),
    filesDigest: r.optional(r.text(100)),
    moreFiles: r.optional(r.whole()),
    args: r.optional(r.list(v.tuple([r.text(200), r.text(100)]), MAX_LIST)),
    secrets: r.optional(r.list(r.text(200), MAX_LIST)),
  });
  const names = r.optional(r.list(r.text(300), 5));
  const missReason = r.fields({
    step: r.text(300),
    line: r.whole(),
    kind: r.oneOf(MISS_KINDS),
    names,
    more: r.optional(r.whole()),
    ignorable: r.optional(r.flag()),
    image: r.optional(r.fields({ name: r.text(300), from: r.text(100), to: r.text(100) })),
    after: r.optional(r.fields({ step: r.text(300), line: r.whole(), kind: r.oneOf(MISS_KINDS), names })),
    detail: r.optional(r.oneOf(EMPTY_DETAILS)),
    advice: r.optional(r.text(60)),
  });
  const mount = r.fields({
    target: path(300),
    kind: r.oneOf(['pip', 'uv', 'apt', 'generic'] as const),
    status: r.oneOf(CACHE_STATUSES),
    matchedKey: r.maybe(r.text(300)),
    restoredBytes: r.amount(),
    savedKey: r.maybe(r.text(300)),
    savedBytes: r.amount(),
    savedDeltaOf: r.optional(r.text(300)),
    restoredDeltaOf: r.optional(r.text(300)),
    prunedBytes: r.amount(),
    prunedFiles: r.whole(),
    mountId: r.optional(r.text(300)),
    fingerprint: r.optional(r.text(100)),
    restoreSkipped: r.optional(r.flag()),
    stepsFromLayerCache: r.optional(r.flag()),
    restoreNotWorthIt: r.optional(r.text(300)),
    heldByBuilder: r.optional(r.flag()),
    keptEntry: r.optional(r.text(300)),
    saveNotWorthIt: r.optional(r.text(300)),
    downloads: r.optional(r.fields({ bytes: r.amount(), dropped: r.flag(), reason: r.text(300) })),
    installSeconds: r.optional(r.amount()),
    missInstallSeconds: r.optional(r.amount()),
    missDownloadSeconds: r.optional(r.amount()),
    entryBytes: r.optional(r.amount()),
  });
  const layer = r.fields({
    digest: r.text(100),
    bytes: r.amount(),
    compressedBytes: r.amount(),
    createdBy: r.text(),
    source: r.optional(r.fields({ line: r.whole(), text: r.text(300) })),
    baseImage: r.optional(r.text(200)),
  });
  const size = r.fields({
    bytes: r.amount(),
    compressedBytes: r.amount(),
    wastedBytes: r.amount(),
    efficiency: r.ratio(),
    layers: r.list(layer, MAX_LAYERS),
    layerIds: r.list(r.text(100), MAX_LAYERS),
    topWasted: r.list(r.fields({ path: path(300), wastedBytes: r.amount(), layers: r.whole() }), 20),
    wastePartial: r.optional(v.literal(true, 'true')),
    analysisSeconds: r.amount(),
  });
  const advice = r.fields({
    rule: r.text(60),
    severity: r.oneOf(['warning', 'notice'] as const),
    file: path(200),
    line: r.whole(),
    message: r.text(),
    fix: r.text(),
    bytesAtStake: r.optional(r.amount()),
  });
  return r.fields({
    schema: v.literal(REPORT_SCHEMA, REPORT_SCHEMA),
    createdAt: r.text(40),
    image: r.fields({
      name: r.text(200),
      tags: r.list(r.text(200), 10),
      digest: r.text(100),
      imageId: r.text(100),
    }),
    git: r.fields({
      repository: r.text(200),
      event: r.text(50),
      branch: r.text(250),
      baseBranch: r.text(250),
      sha: r.text(64),
      // The relay sets the pull request it posts to; it links the run and the Dockerfile itself.
      pullRequest: r.maybe(r.own(r.whole())),
      runUrl: r.optional(r.own(r.text())),
    }),
    build: r.fields({
      succeeded: r.flag(),
      seconds: r.amount(),
      cachedSteps: r.whole(),
      totalSteps: r.whole(),
      steps: r.list(
        r.fields({
          name: r.text(),
          cached: r.flag(),
          seconds: r.maybe(r.amount()),
          downloadSeconds: r.optional(r.amount()),
        }),
        MAX_LAYERS,
      ),
      overheadSeconds: r.optional(r.amount()),
      // Digests of what each step read: the renderer shows miss reasons, never these.
      stepInputs: r.optional(r.own(r.list(stepInputs, MAX_LAYERS))),
    }),
    layerCache: r.fields({
      kind: r.oneOf(LAYER_CACHES),
      readRefs: r.list(r.text(300), 10),
      writeRef: r.maybe(r.text(300)),
      exported: r.optional(r.flag()),
    }),
    dockerfile: r.optional(r.fields({ path: path(200), url: r.optional(r.own(r.text())) })),
    dependencyCache: r.fields({
      status: r.oneOf(CACHE_STATUSES),
      mounts: r.list(mount),
      seconds: r.fields({
        restore: r.amount(),
        inject: r.amount(),
        extract: r.amount(),
        save: r.amount(),
        injectBaseWait: r.optional(r.amount()),
      }),
    }),
    builderStorage: r.optional(
      r.fields({
        limitBytes: r.amount(),
        usedBytes: r.amount(),
        reclaimedBytes: r.amount(),
        seconds: r.amount(),
      }),
    ),
    size: r.maybe(size),
    advice: r.list(advice),
    missReasons: r.optional(r.list(missReason, MAX_LAYERS)),
    warnings: r.list(r.text(), 20),
  });
}

const storedReport = reportShape(STORED);

// The schema and the model stay one shape: this fails to compile when either gains or changes a field.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Keys<T> = T extends readonly (infer I)[]
  ? Keys<I>
  : T extends object
    ? { [K in keyof T]-?: Keys<T[K]> }
    : T;
const sameShape: Same<Keys<v.InferOutput<typeof storedReport>>, Keys<BuildReport>> &
  Same<v.InferOutput<typeof storedReport>, BuildReport> = true;
void sameShape;

/** Why a JSON file of ours could not be read: names the first wrong field by its path. */
export class SchemaError extends Error {
  constructor(
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${where}: expected ${expected}`);
    this.name = 'SchemaError';
  }
}

/** `root.field[2].other`, from the path valibot gives an issue; `whole` names a wrong value itself. */
export function issuePath(root: string, issue: v.BaseIssue<unknown>, whole = root): string {
  const steps = (issue.path ?? []).map((item) =>
    typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`,
  );
  if (steps.length === 0) return whole || 'value';
  const joined = `${root}${steps.join('')}`;
  return joined.startsWith('.') ? joined.slice(1) : joined;
}

/** The output of `schema` for `value`, or a SchemaError (of `error`'s kind) naming the first wrong field. */
export function readOrThrow<T>(
  schema: Field<T>,
  value: unknown,
  root: string,
  error: new (where: string, expected: string) => Error = SchemaError,
  whole = root,
): T {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new error(issuePath(root, issue, whole), issue.message);
}

/** The report version a stored file says it is, when it says one. */
function versionOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const schema = (value as { schema?: unknown }).schema;
  return typeof schema === 'string' ? schema.slice(0, 100) : undefined;
}

/**
 * A report this action stored. Every version this one reads is a branch here (report@1 only so far;
 * optional fields were added to it over time, and a report without them still reads). A report of
 * another version — a newer action's — throws, and the caller goes on without it.
 */
export function readStoredReport(text: string): BuildReport {
  const parsed: unknown = JSON.parse(text);
  const version = versionOf(parsed);
  if (version !== REPORT_SCHEMA) {
    throw new SchemaError(
      'report.schema',
      `${REPORT_SCHEMA}, not ${version ?? 'a report without a version'} (written by another version of docker-fast-build)`,
    );
  }
  return readOrThrow(storedReport, parsed, 'report');
}
