import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { DependencyCacheBackend } from '../cache/backends/types.js';
import { branchSlug } from '../buildx/layer-cache.js';
import { parseKnownLayers, serialiseKnownLayers, type KnownLayer } from './layers/known-layers.js';
import { readStoredReport, type BuildReport } from './model.js';

/** Fixed, because @actions/cache makes the path part of an entry's version. */
const REPORTS_ROOT = path.join(tmpdir(), 'docker-fast-build', 'reports');
const REPORT_FILE = 'report.json';
/** The measured layers of the report's image, so that the next run reads only new ones. */
const LAYERS_FILE = 'layers.json';

/** A short, key-safe name for the image a report belongs to. */
export function imageSlug(name: string): string {
  return (
    name
      .replace(/[@:][^/]*$/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .slice(-80) || 'image'
  );
}

function keyPrefix(image: string, branch: string): string {
  return `docker-fast-build-report-v1-${imageSlug(image)}-${branchSlug(branch)}-`;
}

/**
 * Keeps each branch's latest report in the cache backend, where a pull request can read its base
 * branch's (the Actions cache lets a pull request restore entries of the branch it merges into).
 */
export class BaseReportStore {
  private readonly dir: string;

  constructor(
    private readonly backend: DependencyCacheBackend,
    private readonly image: string,
  ) {
    this.dir = path.join(REPORTS_ROOT, imageSlug(image));
  }

  async load(branch: string): Promise<BuildReport | undefined> {
    const prefix = keyPrefix(this.image, branch);
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    const matched = await this.backend.restore(this.dir, prefix, [prefix]);
    if (!matched) return undefined;
    return readStoredReport(await readFile(path.join(this.dir, REPORT_FILE), 'utf8'));
  }

  /** The layers kept with the report `load` found (none when it found none, or they were unreadable). */
  async loadedLayers(): Promise<Map<string, KnownLayer>> {
    try {
      return parseKnownLayers(await readFile(path.join(this.dir, LAYERS_FILE), 'utf8'));
    } catch {
      return new Map();
    }
  }

  async save(report: BuildReport, runStamp: string, layers: KnownLayer[] = []): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, REPORT_FILE), JSON.stringify(report));
    const layersText = serialiseKnownLayers(layers);
    if (layersText !== undefined) await writeFile(path.join(this.dir, LAYERS_FILE), layersText);
    await this.backend.save(this.dir, `${keyPrefix(this.image, report.git.branch)}${runStamp}`);
  }
}
