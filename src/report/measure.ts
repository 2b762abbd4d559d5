import { rm } from 'node:fs/promises';

import { imageLayerIds } from '../buildx/image.js';
import type { ImageFacts } from '../image/facts.js';
import { analyseImage } from '../image/layers/docker-save.js';
import type { KnownLayer } from '../image/layers/known-layers.js';
import { analyseLayout, layoutDiffIds, type LayoutAnalysis } from '../image/layers/oci-layout.js';
import type { ImageAnalysis } from '../image/layers/types.js';
import type { ImageSize } from './model.js';
import { info } from '../runner-log.js';

export interface MeasureRequest {
  /** The image ID in the local engine, for `docker save`; '' when the image is not there. */
  localImageId: string;
  /** The OCI layout the build wrote of this very image (seeded by `seedLayout`), when it wrote one. */
  layoutDir: string | undefined;
  /** The last report's size: reused whole when the image has the same layers. */
  previous: ImageSize | undefined;
  /** Layers a previous run measured, by blob digest: not read again. */
  known: ReadonlyMap<string, KnownLayer>;
  /** The layout's measurement, begun as soon as the build had written it (see measureLayoutEarly). */
  layoutMeasured?: Promise<LayoutAnalysis | undefined>;
  /** The source tried first when the build wrote no layout: the build record and a listing in the builder. */
  facts?: ImageFacts;
}

/** What measuring asks of the engine, for an image in it. */
export interface ImageStore {
  layerIds(image: string): Promise<string[] | undefined>;
  /** `docker save` of the image, analysed. */
  analyseSaved(image: string): Promise<ImageAnalysis>;
}

const UNREADABLE_LAYOUT =
  'the layout the build wrote could not be read, and the image is not in the local engine';

const engineImages: ImageStore = { layerIds: imageLayerIds, analyseSaved: analyseImage };

export interface Measurement {
  size: ImageSize;
  /** Every layer of the image with its path table, for the next run. */
  layers: KnownLayer[];
}

/**
 * Measures the built image's layers; a failure costs the size section of the report, never the build.
 * Cheapest first: the last report's measurements when the layers are the same; else the build
 * record and a listing inside the builder (when the plan chose them), where only the layers no
 * earlier run measured are taken from the listing; else the OCI layout the build wrote (or, when
 * the listing failed, one exported after the build), where only the new layers were written; else,
 * as a last resort for an image in the local engine, `docker save` of the whole image.
 */
export async function measureImageSize(
  request: MeasureRequest,
  warn: (message: string) => void,
  images: ImageStore = engineImages,
): Promise<Measurement | undefined> {
  const { localImageId, previous, known } = request;
  let { layoutDir } = request;
  try {
    let fallback: string | undefined;
    if (request.facts) {
      try {
        const record = await request.facts.record();
        const reused = reusePrevious(previous, record.diffIds, known);
        if (reused) return reused;
        const analysis = await request.facts.analyse(record);
        const { layersRead, layers, readDuringBuild } = analysis;
        const from = `Measured the image from ${request.facts.source}`;
        const early = readDuringBuild > 0 ? ` (${readDuringBuild} of them while the build ran)` : '';
        info(
          layersRead === layers.length
            ? `${from}: ${request.facts.verb} all ${layersRead} layers${early}.`
            : `${from}: ${request.facts.verb} ${layersRead} of ${layers.length} layers${early}, the rest were measured by an earlier run.`,
        );
        return measurementOf(analysis, record.diffIds);
      } catch (error) {
        fallback = (error as Error).message;
        layoutDir = await request.facts.exportLayout().catch((exportError: unknown) => {
          info(`The OCI layout could not be exported after the build: ${(exportError as Error).message}`);
          return undefined;
        });
        if (!layoutDir) info(`Measuring with docker save (fallback: ${fallback})`);
      }
    }
    const early = await request.layoutMeasured;
    const fromLayout = early?.diffIds ?? (layoutDir ? await layoutLayers(layoutDir) : undefined);
    // The image ID changes with the build time even when no layer does; the layer list does not.
    const layerIds = fromLayout ?? (localImageId ? ((await images.layerIds(localImageId)) ?? []) : undefined);
    if (layerIds === undefined) {
      if (!layoutDir) return undefined;
      throw new Error(UNREADABLE_LAYOUT);
    }
    const reused = reusePrevious(previous, layerIds, known);
    if (reused) return reused;
    const fromFallback = fallback && {
      from: `the OCI layout (fallback: ${fallback})`,
      fallback: 'Measuring with docker save instead of the OCI layout',
    };
    const analysis =
      early ??
      (fromLayout && layoutDir && (await measureFromLayout(layoutDir, known, fromFallback || undefined))) ??
      (localImageId ? await images.analyseSaved(localImageId) : undefined);
    if (!analysis) throw new Error(UNREADABLE_LAYOUT);
    return measurementOf(analysis, layerIds);
  } catch (error) {
    warn(`The image could not be measured, so the report has no sizes: ${(error as Error).message}`);
    return undefined;
  } finally {
    if (layoutDir) await rm(layoutDir, { recursive: true, force: true });
  }
}

/** The last report's measurements, when the image has the same layers. */
function reusePrevious(
  previous: ImageSize | undefined,
  layerIds: string[],
  known: ReadonlyMap<string, KnownLayer>,
): Measurement | undefined {
  if (!previous || layerIds.length === 0 || previous.layerIds?.join() !== layerIds.join()) return undefined;
  info('The image has the same layers as the last report: its measurements are reused.');
  const carried = previous.layers.map((layer) => known.get(layer.digest));
  return {
    size: { ...previous, analysisSeconds: 0 },
    layers: carried.every((layer) => layer !== undefined) ? carried : [],
  };
}

function measurementOf(analysis: ImageAnalysis, layerIds: string[]): Measurement {
  return {
    size: {
      bytes: analysis.totalBytes,
      compressedBytes: analysis.compressedBytes,
      wastedBytes: analysis.wastedBytes,
      efficiency: analysis.efficiency,
      layers: analysis.layers.map((layer) => ({
        digest: layer.digest,
        bytes: layer.bytes,
        compressedBytes: layer.compressedBytes,
        createdBy: layer.createdBy,
      })),
      layerIds,
      topWasted: analysis.topWasted,
      ...(analysis.wastePartial ? { wastePartial: true as const } : {}),
      analysisSeconds: analysis.seconds,
    },
    layers: analysis.measured.map(({ createdBy: _, ...layer }) => layer),
  };
}

/** The layout's diff IDs, or undefined (with the reason in the log) when it cannot be read. */
async function layoutLayers(layoutDir: string): Promise<string[] | undefined> {
  try {
    return await layoutDiffIds(layoutDir);
  } catch (error) {
    info(`The OCI layout the build wrote cannot be read: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Measures the layout while the build still exports its layer cache: the layout exporter is done
 * by then, and reading the new layers need not wait for the push. Undefined when it cannot be read
 * yet; the measurement after the build then reads it again.
 */
export function measureLayoutEarly(
  layoutDir: string,
  known: ReadonlyMap<string, KnownLayer>,
): Promise<LayoutAnalysis | undefined> {
  return measureFromLayout(layoutDir, known, {
    from: 'the OCI layout during the build',
    fallback: 'Measuring the OCI layout after the build instead',
  });
}

/** Undefined when the layout cannot be read: `docker save` is the fallback. */
async function measureFromLayout(
  layoutDir: string,
  known: ReadonlyMap<string, KnownLayer>,
  log = {
    from: 'the OCI layout the build wrote',
    fallback: 'Measuring with docker save instead of the OCI layout',
  },
): Promise<LayoutAnalysis | undefined> {
  try {
    const analysis = await analyseLayout(layoutDir, known);
    const { layersRead, layers } = analysis;
    info(
      layersRead === layers.length
        ? `Measured the image from ${log.from}: read all ${layersRead} layers.`
        : `Measured the image from ${log.from}: read ${layersRead} of ${layers.length} layers, the rest were measured by an earlier run.`,
    );
    return analysis;
  } catch (error) {
    info(`${log.fallback}: ${(error as Error).message}`);
    return undefined;
  }
}
