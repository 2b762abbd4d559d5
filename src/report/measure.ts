import * as core from '@actions/core';

import { imageLayerIds } from '../docker/image.js';
import { analyseImage } from './layers/docker-save.js';
import type { ImageSize } from './model.js';

/**
 * Measures the built image's layers; a failure costs the size section of the report, never the build.
 * An image whose layers are those of `previous` is not read again: its measurements are reused.
 */
export async function measureImageSize(
  imageId: string,
  previous: ImageSize | undefined,
  warn: (message: string) => void,
): Promise<ImageSize | undefined> {
  if (!imageId) return undefined;
  try {
    // The image ID changes with the build time even when no layer does; the layer list does not.
    const layerIds = (await imageLayerIds(imageId)) ?? [];
    if (previous && layerIds.length > 0 && previous.layerIds?.join() === layerIds.join()) {
      core.info('The image has the same layers as the last report: its measurements are reused.');
      return { ...previous, analysisSeconds: 0 };
    }
    const analysis = await analyseImage(imageId);
    return {
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
      analysisSeconds: analysis.seconds,
    };
  } catch (error) {
    warn(`The image could not be measured, so the report has no sizes: ${(error as Error).message}`);
    return undefined;
  }
}
