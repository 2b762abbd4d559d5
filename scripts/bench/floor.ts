// The fresh-builder floor's build: what any build of a fixture pays on a new builder before its own
// steps can run, which is pulling and unpacking the images its Dockerfile starts FROM.
import { DockerfileParser } from 'dockerfile-ast';

import { parseDockerfile, type DockerfileModel } from '../../src/dockerfile/model.js';

/** An image a Dockerfile builds FROM: its name after ARG substitution and its `--platform=` as written. */
export interface BaseImage {
  image: string;
  platform: string | null;
}

/** The distinct images named in FROM, first use first; scratch and the Dockerfile's own stages are not images. */
export function baseImages(dockerfile: string): BaseImage[] {
  return imagesOf(parseDockerfile(dockerfile), dockerfile);
}

function imagesOf(model: DockerfileModel, dockerfile: string): BaseImage[] {
  // The stage model keeps no FROM flags: the n-th FROM instruction is the n-th stage.
  const froms = DockerfileParser.parse(dockerfile).getFROMs();
  const found = new Map<string, BaseImage>();
  for (const stage of model.stages) {
    if (stage.parent !== null || stage.resolvedImage?.toLowerCase() === 'scratch') continue;
    if (stage.resolvedImage === null)
      throw new Error(
        `The floor cannot tell which image 'FROM ${stage.imageText}' names: an ARG without a value`,
      );
    const platform = froms[stage.index]?.getPlatformFlag()?.getValue() ?? null;
    const base = { image: stage.resolvedImage, platform };
    found.set(`${platform ?? ''} ${base.image}`, base);
  }
  return [...found.values()];
}

/**
 * A Dockerfile that unpacks every base image of `dockerfile` and does nothing else: `RUN true` on each
 * (a RUN needs the image's root filesystem), several images in one build by mounting each stage into
 * the last one's RUN. The global ARGs come along, for a `--platform=$ARG`. Null when there is no image.
 */
export function floorDockerfile(dockerfile: string): string | null {
  const model = parseDockerfile(dockerfile);
  const images = imagesOf(model, dockerfile);
  if (images.length === 0) return null;
  const globalArgs = model.globalArgs.flatMap((step) => model.lines.slice(step.line - 1, step.endLine));
  const from = ({ image, platform }: BaseImage) =>
    `FROM ${platform ? `--platform=${platform} ` : ''}${image}`;
  const earlier = images.slice(0, -1);
  const last = images[images.length - 1]!;
  const mounts = earlier.map((_, i) => `--mount=from=floor-${i},target=/floor-${i} `).join('');
  return [
    ...globalArgs,
    ...earlier.flatMap((image, i) => [`${from(image)} AS floor-${i}`, 'RUN true']),
    from(last),
    `RUN ${mounts}true`,
    '',
  ].join('\n');
}
