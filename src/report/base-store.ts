import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { actionTempDir } from '../cache/action-temp.js';
import type { ArchiveStore } from '../cache/backends/types.js';
import { exactKeyField, joinKey } from '../cache/keys.js';
import { parseKnownLayers, serialiseKnownLayers, type KnownLayer } from '../image/layers/known-layers.js';
import type { BuildReport } from './model.js';
import { readStoredReport } from './schema.js';
import { parseHistory, serialiseHistory, trendPointOf, type TrendPoint } from './trend.js';

const REPORT_FILE = 'report.json';
/** The measured layers of the report's image, so that the next run reads only new ones. */
const LAYERS_FILE = 'layers.json';
/** The branch's last reports, one small point each, for the trend. */
const HISTORY_FILE = 'history.json';

/** Whole fields only: `main` never matches the reports of `main-evil` or `MAIN`, nor `app` those of `app-x`. */
export function reportKeyPrefix(image: string, branch: string): string {
  return joinKey(['docker-fast-build-report-v2', exactKeyField(image), exactKeyField(branch)], true);
}

/**
 * Keeps each branch's latest report in an archive store (the Actions cache, or cache-dir's), where a
 * pull request can read its base branch's (the Actions cache lets a pull request restore entries of
 * the branch it merges into).
 */
export class BaseReportStore {
  private readonly dir: string;

  constructor(
    private readonly archives: ArchiveStore,
    private readonly image: string,
    stableTemp: string | undefined,
  ) {
    // The same path on every run (see actionTempDir): @actions/cache makes it part of the version.
    this.dir = path.join(actionTempDir(stableTemp), 'reports', exactKeyField(image));
  }

  async load(branch: string): Promise<BuildReport | undefined> {
    const prefix = reportKeyPrefix(this.image, branch);
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    const matched = await this.archives.restore(this.dir, prefix, [prefix]);
    if (!matched) return undefined;
    // Throws on a report of another version, or one that is not what it says: the caller warns.
    const report = readStoredReport(await readFile(path.join(this.dir, REPORT_FILE), 'utf8'));
    // The key already names the branch; a report that says otherwise was not saved by a push to it.
    const exact = report.git.branch === branch && report.image.name === this.image;
    return exact ? report : undefined;
  }

  /** The layers kept with the report `load` found (none when it found none, or they were unreadable). */
  async loadedLayers(): Promise<Map<string, KnownLayer>> {
    try {
      return parseKnownLayers(await readFile(path.join(this.dir, LAYERS_FILE), 'utf8'));
    } catch {
      return new Map();
    }
  }

  /**
   * The history kept with the report `load` found; a report kept before histories were is its
   * own one-point history.
   */
  async loadedHistory(loaded: BuildReport | undefined): Promise<TrendPoint[]> {
    if (!loaded) return [];
    try {
      return parseHistory(await readFile(path.join(this.dir, HISTORY_FILE), 'utf8'));
    } catch {
      return [trendPointOf(loaded)];
    }
  }

  async save(
    report: BuildReport,
    runStamp: string,
    layers: KnownLayer[] = [],
    history: readonly TrendPoint[] = [],
  ): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, REPORT_FILE), JSON.stringify(report));
    if (history.length > 0) await writeFile(path.join(this.dir, HISTORY_FILE), serialiseHistory(history));
    const layersText = serialiseKnownLayers(layers);
    if (layersText !== undefined) await writeFile(path.join(this.dir, LAYERS_FILE), layersText);
    await this.archives.save(this.dir, `${reportKeyPrefix(this.image, report.git.branch)}${runStamp}`);
  }
}
