// What each Dockerfile step read, recorded in the report so that the next build can say why a step
// re-ran (report/miss-reasons.ts). Only digests and names are kept: a file's content is hashed, a
// build arg's value is hashed (or, for names that look secret, not even that), secrets are ids.
// The plan of what to hash is pure; `recordStepInputs` walks and reads the context within a budget.
import dockerignore from '@balena/dockerignore';
import { createHash } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { looksLikeSecret } from '../advice/rules/secret-in-env.js';
import { readBuildMetadata } from '../buildx/metadata.js';
import { parseImageRef } from '../dockerfile/image-ref.js';
import { type DockerfileModel, type Step } from '../dockerfile/model.js';
import type { ReportStepInputs } from './model.js';
import { stepPosition } from './miss-reasons.js';

/** Files listed per step; past this a step keeps one digest over all of them and a count. */
export const MAX_LISTED_FILES = 300;
/** Steps recorded: far above a hand-written Dockerfile, so the stored report stays small. */
const MAX_STEPS = 200;
const MAX_TEXT = 200;
/** Files walked in the context, and bytes read to hash them; past either a file's digest is its size. */
const MAX_WALKED_FILES = 50_000;
const MAX_HASHED_BYTES = 512 * 1024 * 1024;
const PARALLEL_READS = 8;
/** Short digests: they tell a change, nothing more. */
const FILE_DIGEST_CHARS = 12;

/** What a step reads from the context: source patterns relative to its root ('' is all of it). */
export interface PlannedStep {
  inputs: ReportStepInputs;
  sources: string[];
}

/**
 * The steps of the stages the build needs (shipped and builder), labelled as BuildKit labels
 * them, with the build args and secret ids each reads and the context paths it takes.
 */
export function planStepInputs(
  model: DockerfileModel,
  buildArgs: ReadonlyMap<string, string>,
  fromDigests: ReadonlyMap<string, string>,
): PlannedStep[] {
  const planned: PlannedStep[] = [];
  for (const stage of model.stages) {
    if (stage.role === 'unused') continue;
    const label = stage.name ?? `stage-${stage.index}`;
    const image = stage.resolvedImage ?? undefined;
    const digest = image ? fromDigests.get(imageKey(image)) : undefined;
    const fromText = oneLine(model.lines, stage.from.line, stage.from.endLine);
    // BuildKit counts FROM as step 1 only when it pulls an image: not for scratch or an earlier stage.
    const fromPosition =
      stage.parent === null && image !== undefined && image.toLowerCase() !== 'scratch' ? 1 : 0;
    planned.push({
      inputs: {
        stage: label,
        position: fromPosition,
        line: stage.from.line,
        text: fromText,
        ...(image && { image }),
        ...(digest && { imageDigest: digest }),
      },
      sources: [],
    });
    let position = fromPosition;
    const argsInScope = new Map<string, string>();
    for (const step of stage.steps) {
      if (step.kind === 'variables' && step.keyword === 'ARG') {
        for (const { name, value } of step.variables) {
          const given = buildArgs.get(name) ?? value ?? model.globalArgValues.get(name) ?? '';
          argsInScope.set(name, given);
        }
      }
      if (!makesVertex(step)) continue;
      position += 1;
      const text = oneLine(model.lines, step.line, step.endLine);
      const args = argsRead(step, text, argsInScope);
      const secrets =
        step.kind === 'run'
          ? step.mounts
              .filter((m) => m.type === 'secret')
              .map((m) => m.id ?? path.posix.basename(m.target ?? ''))
          : [];
      planned.push({
        inputs: {
          stage: label,
          position,
          line: step.line,
          text,
          ...(args.length > 0 && { args }),
          ...(secrets.length > 0 && { secrets: [...new Set(secrets)].sort() }),
        },
        sources: contextSources(step),
      });
      if (planned.length >= MAX_STEPS) return planned;
    }
  }
  return planned;
}

/** The steps BuildKit shows as their own vertex, and so counts in `[n/total]`. */
function makesVertex(step: Step): boolean {
  return step.kind === 'run' || step.kind === 'copy' || (step.kind === 'other' && step.keyword === 'WORKDIR');
}

/** A RUN sees every ARG in scope as an environment variable; other steps only those they name. */
function argsRead(step: Step, text: string, inScope: ReadonlyMap<string, string>): [string, string][] {
  const read = [...inScope].filter(
    ([name]) => step.kind === 'run' || new RegExp(`\\$\\{?${name}\\b`).test(text),
  );
  return read
    .map(([name, value]): [string, string] => [
      name,
      // A digest of a guessable secret would let anyone holding the report confirm a guess.
      looksLikeSecret(name) ? '' : shortHash(`arg\u0000${name}\u0000${value}`),
    ])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The context paths a COPY/ADD or a RUN's bind mounts take; none for other stages, images, URLs, here-docs. */
function contextSources(step: Step): string[] {
  const clean = (source: string) => {
    const relative = source.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
    return relative === '.' ? '' : relative;
  };
  if (step.kind === 'copy') {
    if (step.from !== null || step.heredoc) return [];
    return step.sources.filter((s) => !/^[a-z]+:\/\//i.test(s) && !s.startsWith('git@')).map(clean);
  }
  if (step.kind === 'run') {
    return step.mounts
      .filter((m) => m.type === 'bind' && m.from === null)
      .map((m) => (m.source === null ? '' : clean(m.source)));
  }
  return [];
}

function oneLine(lines: readonly string[], from: number, to: number): string {
  const text = lines
    .slice(from - 1, to)
    .join('\n')
    .replace(/\\\s*\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function shortHash(text: string, chars = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, chars);
}

/** `docker.io/library/python:3.11-slim` and `python:3.11-slim` name the same image. */
export function imageKey(reference: string): string {
  const ref = parseImageRef(reference.trim());
  if (!ref) return reference.trim().toLowerCase();
  const registry = ref.registry && !/^(index\.)?docker\.io$/.test(ref.registry) ? `${ref.registry}/` : '';
  const repository = registry ? ref.path : ref.path.replace(/^library\//, '');
  return `${registry}${repository}:${ref.digest ?? ref.tag ?? 'latest'}`.toLowerCase();
}

/**
 * The base images' digests the build resolved: from the FROM steps' names, which BuildKit prints
 * with the digest it pulled (what the build log shows), else from the provenance buildx writes into
 * the metadata file (`buildx.build.provenance` materials, `pkg:docker/<name>@<tag>`).
 */
export function baseImageDigests(metadata: string, stepNames: readonly string[]): Map<string, string> {
  const digests = new Map<string, string>();
  for (const material of readBuildMetadata(metadata).materials) {
    const purl = /^pkg:docker\/([^@?]+)@([^?]+)/.exec(material.uri);
    if (!purl || !material.sha256) continue;
    const name = decodeURIComponent(purl[1]!);
    const version = decodeURIComponent(purl[2]!);
    const reference = version.includes(':') ? `${name}@${version}` : `${name}:${version}`;
    digests.set(imageKey(reference), `sha256:${material.sha256}`);
  }
  for (const name of stepNames) {
    const match = /^\[[^\]]*\]\s+FROM\s+(\S+?)@(sha256:[0-9a-f]{64})\b/.exec(name);
    if (match && stepPosition(name)?.position === 1) digests.set(imageKey(match[1]!), match[2]!);
  }
  return digests;
}

/** Whether a context file is one a source pattern takes: itself, a directory holding it, or a glob. */
export function sourceMatcher(sources: readonly string[]): (file: string) => boolean {
  if (sources.some((s) => s === '' || s === '.' || s === '*')) return () => true;
  const matcher = dockerignore.default({ ignorecase: false }).add([...sources]);
  return (file) => matcher.ignores(file);
}

/** The steps' file lists, from one digest per file the steps take. */
export function withFiles(
  planned: readonly PlannedStep[],
  digests: ReadonlyMap<string, string>,
): ReportStepInputs[] {
  const files = [...digests.keys()].sort();
  return planned.map(({ inputs, sources }) => {
    if (sources.length === 0) return inputs;
    const takes = sourceMatcher(sources);
    const taken = files.filter(takes).map((file): [string, string] => [file, digests.get(file)!]);
    return {
      ...inputs,
      files: taken.slice(0, MAX_LISTED_FILES),
      filesDigest: shortHash(taken.map(([file, digest]) => `${file}\u0000${digest}`).join('\n')),
      ...(taken.length > MAX_LISTED_FILES && { moreFiles: taken.length - MAX_LISTED_FILES }),
    };
  });
}

export interface StepInputFacts {
  model: DockerfileModel;
  /** The build context and the Dockerfile, absolute (the Dockerfile's own `.dockerignore` wins). */
  contextDir: string;
  dockerfile: string;
  /** `build-args` as given: KEY=value, or KEY whose value comes from the environment. */
  buildArgs: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** The `--metadata-file` content and the build's step names, for the base images' digests. */
  metadata: string;
  stepNames: readonly string[];
}

/** Each step's inputs, reading the context files the steps take within a byte budget. */
export async function recordStepInputs(facts: StepInputFacts): Promise<ReportStepInputs[]> {
  const buildArgs = new Map<string, string>();
  for (const pair of facts.buildArgs) {
    const at = pair.indexOf('=');
    if (at > 0) buildArgs.set(pair.slice(0, at), pair.slice(at + 1));
    else if (at < 0) buildArgs.set(pair.trim(), facts.env[pair.trim()] ?? '');
  }
  const planned = planStepInputs(facts.model, buildArgs, baseImageDigests(facts.metadata, facts.stepNames));
  const sources = planned.flatMap((p) => p.sources);
  if (sources.length === 0) return planned.map((p) => p.inputs);
  const takes = sourceMatcher(sources);
  const files = (await listContext(facts.contextDir, facts.dockerfile, reachedBy(sources))).filter(takes);
  return withFiles(planned, await hashFiles(facts.contextDir, files));
}

/**
 * Whether a directory can hold files the sources take: only those are walked, so `COPY requirements.txt .`
 * does not list the whole repository.
 */
export function reachedBy(sources: readonly string[]): (dir: string) => boolean {
  // The literal directories before any wildcard: `app/*.py` reaches app/ only, `*/x` everything.
  const roots = sources.map((source) => {
    const parts = source.split('/');
    const wild = parts.findIndex((part) => /[*?[\\]/.test(part));
    return (wild < 0 ? parts : parts.slice(0, wild)).join('/');
  });
  return (dir) =>
    roots.some(
      (root) => root === '' || root === dir || dir.startsWith(`${root}/`) || root.startsWith(`${dir}/`),
    );
}

/** The files Docker would send under the reached directories, relative and with `/`, honouring .dockerignore; at most MAX_WALKED_FILES. */
async function listContext(
  root: string,
  dockerfile: string,
  reaches: (dir: string) => boolean,
): Promise<string[]> {
  const patterns =
    (await readLines(`${dockerfile}.dockerignore`)) ??
    (await readLines(path.join(root, '.dockerignore'))) ??
    [];
  const ignore = dockerignore.default({ ignorecase: false }).add(patterns);
  const hasExceptions = patterns.some((p) => p.trim().startsWith('!'));
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_WALKED_FILES) return;
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      // An excluded directory is skipped unless a `!` exception may reach inside it.
      if (entry.isDirectory()) {
        if (reaches(relative) && (hasExceptions || !ignore.ignores(relative))) await walk(relative);
      } else if (!ignore.ignores(relative)) {
        files.push(relative);
      }
    }
  };
  await walk('');
  return files;
}

/** A short content digest per file; past the byte budget, or for links and unreadable files, one of what can be told. */
async function hashFiles(root: string, files: readonly string[]): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  let budget = MAX_HASHED_BYTES;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const absolute = path.join(root, file);
      try {
        const stats = await lstat(absolute);
        if (stats.isSymbolicLink()) digests.set(file, 'link');
        else if (stats.size > budget) digests.set(file, `size-${stats.size}`);
        else {
          budget -= stats.size;
          digests.set(file, await contentDigest(absolute));
        }
      } catch {
        digests.set(file, 'unreadable');
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
  return digests;
}

function contentDigest(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex').slice(0, FILE_DIGEST_CHARS)));
  });
}

async function readLines(file: string): Promise<string[] | null> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  } catch {
    return null;
  }
}
