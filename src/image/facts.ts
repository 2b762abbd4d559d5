// Image facts without the OCI layout stream: sizes from the build record, path tables from the
// listing helper build, and — when those cannot be had — the OCI layout exported after the build.
import path from 'node:path';

import type { BuildxCli } from '../buildx/toolkit.js';
import { BuildProgress } from '../buildx/progress.js';
import type { KnownLayer } from './layers/known-layers.js';
import { seedLayout } from './layers/oci-layout.js';
import type { ImageAnalysis } from './layers/types.js';
import { buildRefOf, readBuildRecord, type BuildRecord } from './build-record.js';
import { analyseFromListing } from './listing.js';
import { layoutExportArgs, runListingBuild } from './listing-build.js';
import { registryBaseLayers } from './registry-blobs.js';
import type { ListedSnapshot } from './listing-plan.js';

/** What measure.ts asks of the cheap source: the record first (enough for an unchanged image), then the layers. */
export interface ImageFacts {
  record(): Promise<BuildRecord>;
  analyse(record: BuildRecord): Promise<ImageAnalysis & { layersRead: number }>;
  /** The fallback: the image as an OCI layout, written after the build (all from the cache); undefined when the build's arguments cannot be repeated. */
  exportLayout(): Promise<string | undefined>;
}

export interface ListingFactsRequest {
  buildx: BuildxCli;
  builderName: string;
  /** The user's build's arguments after `docker buildx` (see planBuildArgs). */
  userArgs: readonly string[];
  listing: { dockerfile: string; snapshots: ListedSnapshot[] };
  /** The `--metadata-file` text of the build. */
  metadata: string;
  /** The one platform the build was for, when it named one. */
  platform: string | undefined;
  known: ReadonlyMap<string, KnownLayer>;
  scratchDir: string;
  /** The image the built stage starts FROM, whose registry holds the base layers no earlier run measured. */
  baseImage: string | null;
}

export function listingFacts(request: ListingFactsRequest): ImageFacts {
  const { buildx, builderName, known } = request;
  return {
    async record() {
      const ref = buildRefOf(request.metadata);
      if (!ref) throw new Error('buildx wrote no build record ref in the metadata file');
      return readBuildRecord(buildx, builderName, ref, request.platform);
    },
    async analyse(record) {
      const started = performance.now();
      const listed = await runListingBuild(buildx, {
        userArgs: request.userArgs,
        dockerfile: request.listing.dockerfile,
        snapshots: request.listing.snapshots.length,
        scratchDir: request.scratchDir,
      });
      const base = request.baseImage ? registryBaseLayers(request.baseImage) : undefined;
      return analyseFromListing(record, request.listing.snapshots, listed, known, base, started);
    },
    async exportLayout() {
      const layoutDir = path.join(request.scratchDir, 'layout-fallback');
      const args = layoutExportArgs(request.userArgs, layoutDir);
      if (!args) return undefined;
      await seedLayout(layoutDir, known);
      const progress = new BuildProgress();
      const result = await buildx.run(args, { onStderrLine: (line) => void progress.feed(line) });
      if (result.exitCode !== 0)
        throw new Error(
          `exporting the OCI layout failed: ${progress.firstError ?? result.stderr.trim().split('\n').pop() ?? result.exitCode}`,
        );
      return layoutDir;
    },
  };
}
