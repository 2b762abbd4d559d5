import { rm } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';

import { imageLayerIds } from '../buildx/image.js';
import { analyseImage } from './layers/docker-save.js';
import type { KnownLayer } from './layers/known-layers.js';
import { analyseViaLayout, type LayoutExporter } from './layers/oci-layout.js';
import type { ImageAnalysis } from './layers/types.js';
import type { ImageSize } from './model.js';

export interface MeasureRequest {
  imageId: string;
  /** The last report's size: reused whole when the image has the same layers. */
  previous: ImageSize | undefined;
  /** Layers a previous run measured, by blob digest: not read again. */
  known: ReadonlyMap<string, KnownLayer>;
  /** Present when the builder still holds every layer of the image and can export it cheaply. */
  exportLayout: LayoutExporter | undefined;
  /** A directory of this run's own, for the layout. */
  scratch: string;
}

export interface Measurement {
  size: ImageSize;
  /** Every layer of the image with its path table, for the next run. */
  layers: KnownLayer[];
}

/** What measuring asks of the engine. */
export interface ImageStore {
  layerIds(image: string): Promise<string[] | undefined>;
  /** `docker save` of the image, analysed. */
  analyseSaved(image: string): Promise<ImageAnalysis>;
}

const engineImages: ImageStore = { layerIds: imageLayerIds, analyseSaved: analyseImage };

/**
 * Measures the built image's layers; a failure costs the size section of the report, never the build.
 * Cheapest first: the last report's measurements when the layers are the same; else an OCI layout
 * export that writes only the layers no earlier run measured; else `docker save` of the whole image.
 */
export async function measureImageSize(
  request: MeasureRequest,
  warn: (message: string) => void,
  images: ImageStore = engineImages,
): Promise<Measurement | undefined> {
  const { imageId, previous, known } = request;
  if (!imageId) return undefined;
  try {
    // The image ID changes with the build time even when no layer does; the layer list does not.
    const layerIds = (await images.layerIds(imageId)) ?? [];
    if (previous && layerIds.length > 0 && previous.layerIds?.join() === layerIds.join()) {
      core.info('The image has the same layers as the last report: its measurements are reused.');
      const carried = previous.layers.map((layer) => known.get(layer.digest));
      return {
        size: { ...previous, analysisSeconds: 0 },
        layers: carried.every((layer) => layer !== undefined) ? carried : [],
      };
    }
    const analysis =
      (request.exportLayout && (await measureFromLayout(request, layerIds))) ??
      (await images.analyseSaved(imageId));
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
  } catch (error) {
    warn(`The image could not be measured, so the report has no sizes: ${(error as Error).message}`);
    return undefined;
  }
}

/** Undefined when the layout route fails or describes another image: `docker save` is the fallback. */
async function measureFromLayout(
  request: MeasureRequest,
  layerIds: string[],
): Promise<ImageAnalysis | undefined> {
  const directory = path.join(request.scratch, 'layout');
  try {
    const analysis = await analyseViaLayout(directory, request.exportLayout!, request.known);
    if (layerIds.length > 0 && analysis.diffIds.join() !== layerIds.join())
      throw new Error('the exported layers differ from the loaded image');
    const { layersRead, layers } = analysis;
    core.info(
      layersRead === layers.length
        ? `Measured the image from an OCI layout export: read all ${layersRead} layers.`
        : `Measured the image from an OCI layout export: read ${layersRead} of ${layers.length} layers, the rest were measured by an earlier run.`,
    );
    return analysis;
  } catch (error) {
    core.info(`Measuring with docker save instead of a layout export: ${(error as Error).message}`);
    return undefined;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
