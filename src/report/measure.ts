import { analyseImage } from './layers/docker-save.js';
import type { ImageSize } from './model.js';

/** Measures the built image's layers; a failure costs the size section of the report, never the build. */
export async function measureImageSize(
  imageId: string,
  warn: (message: string) => void,
): Promise<ImageSize | undefined> {
  if (!imageId) return undefined;
  try {
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
      topWasted: analysis.topWasted,
      analysisSeconds: analysis.seconds,
    };
  } catch (error) {
    warn(`The image could not be measured, so the report has no sizes: ${(error as Error).message}`);
    return undefined;
  }
}
