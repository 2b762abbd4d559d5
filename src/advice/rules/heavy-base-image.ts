import { officialImageName, type ImageRef } from '../../dockerfile/image-ref.js';
import { shippedStages } from '../../dockerfile/model.js';
import { at, type Rule } from './rule.js';

const DISTROS = new Set(['trixie', 'bookworm', 'bullseye', 'buster', 'stretch']);
const NODE_CODENAMES = new Set(['fermium', 'gallium', 'hydrogen', 'iron', 'jod', 'krypton']);
const VERSION = /^\d+(\.\d+){0,2}([a-z]+\d*)?$/;

/**
 * The -slim tag with the same version and distro as a full tag, or null when the tag is not
 * one we know to be a full image (already slim, alpine, windows, or a shape we do not know).
 */
export function slimTagFor(image: ImageRef): string | null {
  const name = officialImageName(image);
  const tag = image.tag ?? 'latest';
  if (name === 'python' || name === 'ruby') {
    // python:3.11-bookworm → 3.11-slim-bookworm
    const [version, distro] = splitTag(tag, (word) => VERSION.test(word));
    if (version === undefined) return null;
    return [version, 'slim', distro].filter(Boolean).join('-');
  }
  if (name === 'node') {
    // node:20-bookworm → 20-bookworm-slim
    const [version, distro] = splitTag(
      tag,
      (word) =>
        /^\d+(\.\d+){0,2}$/.test(word) || ['lts', 'current'].includes(word) || NODE_CODENAMES.has(word),
    );
    if (version === undefined) return null;
    return [version, distro, 'slim'].filter(Boolean).join('-');
  }
  return null;
}

/** `3.11-bookworm` → ['3.11', 'bookworm']; `bookworm` → ['', 'bookworm']; `latest` → ['', '']; else [undefined]. */
function splitTag(tag: string, isVersion: (word: string) => boolean): [string | undefined, string] {
  if (tag === 'latest') return ['', ''];
  const parts = tag.split('-');
  if (parts.length === 1) {
    if (DISTROS.has(tag)) return ['', tag];
    return isVersion(tag) ? [tag, ''] : [undefined, ''];
  }
  const [version, distro] = parts as [string, string];
  return parts.length === 2 && isVersion(version) && DISTROS.has(distro)
    ? [version, distro]
    : [undefined, ''];
}

export const heavyBaseImage: Rule = {
  id: 'heavy-base-image',
  title: 'Final image built on a full (non-slim) base',
  why: 'Full python/node/ruby images carry compilers, headers and docs: several hundred MB more than -slim in every pull and push.',
  fix: 'Use the -slim variant for the final stage; build wheels or native modules in a builder stage on the full image if needed.',
  check({ model }) {
    const final = model.finalStage;
    // The image the final stage's layers start from, through any `FROM <earlier stage>`.
    const root = shippedStages(model)[0];
    if (!root?.image) return [];
    const slimTag = slimTagFor(root.image);
    if (slimTag === null) return [];
    const written = root.resolvedImage as string;
    const suggested = written.replace(/(:[^/@]*)?(@.*)?$/, `:${slimTag}`);
    const through =
      root === final ? '' : ` (the final stage builds on it through stage "${final?.name ?? ''}")`;
    return [
      {
        severity: 'warning',
        ...at(root.from),
        message: `The final image starts from ${written}${through}, a full image several hundred MB larger than its -slim variant.`,
        fix: `Use ${suggested} for the final stage; keep compilers in a separate builder stage if the build needs them.`,
      },
    ];
  },
};
