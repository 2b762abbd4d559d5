import { readFile } from 'node:fs/promises';

import { readBuildMetadata } from './metadata.js';
import type { BuildxCli } from './toolkit.js';
import {
  BuildProgress,
  describeEvent,
  logLines,
  stepRecord,
  type CacheProblem,
  type StepRecord,
} from './progress.js';

export interface BuildResult {
  succeeded: boolean;
  /** Wall time of `buildx build`, from start to exit. */
  seconds: number;
  steps: StepRecord[];
  /** The FROM steps' names (`[stage-0 1/5] FROM image@sha256:…`), left out of `steps`. */
  fromSteps?: string[];
  cachedSteps: number;
  totalSteps: number;
  imageId: string;
  digest: string;
  /** The `--metadata-file` content, as JSON text; '{}' when there is none. */
  metadata: string;
  cacheProblems: CacheProblem[];
  /** Why the build failed, when it did. */
  error: string | undefined;
}

export interface BuildRequest {
  args: string[];
  metadataFile: string;
  imageIdFile: string;
  /** Where the log goes: one line at a time, text from the build that must not become a workflow command. */
  print: (line: string) => void;
  /** Called with each step as it finishes (from cache or run). */
  onStepFinished?: (step: StepRecord) => void;
  /** Called once, when the first exporter starts: every step has succeeded by then. */
  onExportStarted?: () => void;
  /** Called once per layer a FROM step starts to pull, with the image as BuildKit resolved it. */
  onLayerPulling?: (image: string, layer: string) => void;
  /** Called once per FROM step, with its image pinned to the digest BuildKit resolved it to. */
  onBaseResolved?: (image: string) => void;
  /** Called once per layer the registry cache export has written, with its compressed digest. */
  onCacheLayerWritten?: (layer: string) => void;
}

export async function runBuild(buildx: BuildxCli, request: BuildRequest): Promise<BuildResult> {
  const progress = new BuildProgress();
  const plainStderr: string[] = [];
  const startedAt = performance.now();
  let exportTold = false;
  const result = await buildx.run(request.args, {
    onStderrLine: (line) => {
      const events = progress.feed(line);
      if (progress.exporting && !exportTold) {
        exportTold = true;
        request.onExportStarted?.();
      }
      if (events.length === 0 && !line.startsWith('{')) {
        // buildx's own messages (flag errors, "ERROR: …") are plain text between the JSON lines.
        plainStderr.push(line);
        for (const piece of logLines(line)) request.print(piece);
      }
      for (const event of events) {
        for (const text of describeEvent(event)) request.print(text);
        if (event.kind === 'completed') request.onStepFinished?.(stepRecord(event.vertex));
        if (event.kind === 'pulling') request.onLayerPulling?.(event.image, event.layer);
        if (event.kind === 'resolved') request.onBaseResolved?.(event.image);
        if (event.kind === 'cacheLayerWritten') request.onCacheLayerWritten?.(event.layer);
      }
    },
  });
  const seconds = (performance.now() - startedAt) / 1000;
  const steps = progress.steps;
  const metadata = await readOptional(request.metadataFile);
  const succeeded = result.exitCode === 0;
  return {
    succeeded,
    seconds,
    steps,
    fromSteps: progress.fromSteps,
    cachedSteps: steps.filter((s) => s.cached).length,
    totalSteps: steps.length,
    imageId: (await readOptional(request.imageIdFile)).trim(),
    digest: readBuildMetadata(metadata).digest,
    metadata: metadata || '{}',
    cacheProblems: progress.cacheProblems,
    error: succeeded
      ? undefined
      : (progress.firstError ??
        plainStderr.filter((l) => l.trim()).pop() ??
        `buildx exited with ${result.exitCode}`),
  };
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}
