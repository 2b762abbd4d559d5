import { pythonBuilderStage } from '../installs.js';
import { isCompiler, keptBuildPackages, listed } from './build-tools-in-final-image.js';
import { rootImage, shippedStages } from '../../dockerfile/model.js';
import { at, type Rule } from './rule.js';

// The runtime library each common -dev package's wheels load, by where the name holds: every Debian and
// Ubuntu release (`all`), one family, or one release (the t64 renames of trixie and noble, soname bumps).
const RUNTIME_LIBRARY: Record<string, Partial<Record<'all' | Family | Release, string>>> = {
  'libpq-dev': { all: 'libpq5' },
  'libxrender-dev': { all: 'libxrender1' },
  'libxslt1-dev': { all: 'libxslt1.1' },
  'libxml2-dev': { all: 'libxml2' },
  'zlib1g-dev': { all: 'zlib1g' },
  'libsqlite3-dev': { all: 'libsqlite3-0' },
  'libmariadb-dev': { all: 'libmariadb3' },
  'default-libmysqlclient-dev': { all: 'libmariadb3' },
  'libsndfile1-dev': { all: 'libsndfile1' },
  'libyaml-dev': { all: 'libyaml-0-2' },
  'libjpeg-dev': { debian: 'libjpeg62-turbo', ubuntu: 'libjpeg-turbo8' },
  'libjpeg62-turbo-dev': { debian: 'libjpeg62-turbo' },
  'libjpeg-turbo8-dev': { ubuntu: 'libjpeg-turbo8' },
  'libffi-dev': {
    bullseye: 'libffi7',
    bookworm: 'libffi8',
    trixie: 'libffi8',
    focal: 'libffi7',
    jammy: 'libffi8',
    noble: 'libffi8',
  },
  'libssl-dev': {
    bullseye: 'libssl1.1',
    bookworm: 'libssl3',
    trixie: 'libssl3t64',
    focal: 'libssl1.1',
    jammy: 'libssl3',
    noble: 'libssl3t64',
  },
  'libhdf5-dev': {
    bullseye: 'libhdf5-103-1',
    bookworm: 'libhdf5-103-1',
    trixie: 'libhdf5-310',
    jammy: 'libhdf5-103',
    noble: 'libhdf5-103-1t64',
  },
  'libhdf5-serial-dev': { bullseye: 'libhdf5-103-1', bookworm: 'libhdf5-103-1', jammy: 'libhdf5-103' },
  'libmagic-dev': {
    bullseye: 'libmagic1',
    bookworm: 'libmagic1',
    trixie: 'libmagic1t64',
    focal: 'libmagic1',
    jammy: 'libmagic1',
    noble: 'libmagic1t64',
  },
  'libgeos-dev': {
    bullseye: 'libgeos-c1v5',
    bookworm: 'libgeos-c1v5',
    trixie: 'libgeos-c1t64',
    focal: 'libgeos-c1v5',
    jammy: 'libgeos-c1v5',
    noble: 'libgeos-c1t64',
  },
};

type Family = 'debian' | 'ubuntu';
type Release = 'bullseye' | 'bookworm' | 'trixie' | 'focal' | 'jammy' | 'noble';

const RELEASES: Record<string, [Family, Release]> = {
  bullseye: ['debian', 'bullseye'],
  bookworm: ['debian', 'bookworm'],
  trixie: ['debian', 'trixie'],
  focal: ['ubuntu', 'focal'],
  '20.04': ['ubuntu', 'focal'],
  jammy: ['ubuntu', 'jammy'],
  '22.04': ['ubuntu', 'jammy'],
  noble: ['ubuntu', 'noble'],
  '24.04': ['ubuntu', 'noble'],
};
// Official images built on Debian whose tags name no release: the release moves with the date.
const DEBIAN_IMAGES = new Set([
  'python',
  'node',
  'ruby',
  'golang',
  'rust',
  'debian',
  'buildpack-deps',
  'openjdk',
]);

/**
 * The distribution a base image is, as far as its name and tag say: `ubuntu:22.04`,
 * `nvidia/cuda:12.4.1-runtime-ubuntu22.04`, `python:3.12-slim-bookworm`; a family without a
 * release for `python:3.12-slim`; null for Alpine or an image we know nothing of.
 */
export function baseDistribution(image: string | null): { family: Family; release: Release | null } | null {
  if (!image) return null;
  const lowered = image.toLowerCase().replace(/@.*$/, '');
  const slash = lowered.lastIndexOf('/');
  const colon = lowered.indexOf(':', slash + 1);
  const name = colon === -1 ? lowered.slice(slash + 1) : lowered.slice(slash + 1, colon);
  const tag = colon === -1 ? '' : lowered.slice(colon + 1);
  if (/alpine|windows|nanoserver/.test(tag) || name === 'alpine') return null;
  for (const word of tag.split(/[-_]/).flatMap((part) => [part, part.replace(/^ubuntu/, '')])) {
    const known = RELEASES[word];
    if (known) return { family: known[0], release: known[1] };
  }
  if (name === 'ubuntu' || tag.includes('ubuntu')) return { family: 'ubuntu', release: null };
  if (DEBIAN_IMAGES.has(name)) return { family: 'debian', release: null };
  return null;
}

function runtimeLibrary(dev: string, distribution: ReturnType<typeof baseDistribution>): string | undefined {
  const names = RUNTIME_LIBRARY[dev];
  if (!names) return undefined;
  return (
    (distribution?.release ? names[distribution.release] : undefined) ??
    (distribution ? names[distribution.family] : undefined) ??
    names.all
  );
}

export const devPackagesInFinalImage: Rule = {
  id: 'dev-packages-in-final-image',
  title: 'Headers and compilers in the final stage of a multi-stage build',
  why: 'When a builder stage builds the Python packages, -dev headers and compilers in the final stage are dead weight: the built extensions need only the runtime libraries.',
  fix: 'Install the runtime library (libpq5, not libpq-dev) in the final stage and keep -dev packages and compilers in the builder stage.',
  check({ model }) {
    // Without such a builder, build-tools-in-final-image makes the finding (add a builder stage).
    const builder = pythonBuilderStage(model.stages);
    if (!builder) return [];
    const stageName = builder.name ? `\`${builder.name}\`` : `#${builder.index}`;
    const distribution = baseDistribution(rootImage(shippedStages(model)[0] ?? builder));
    return keptBuildPackages(model).map((run) => {
      const known = run.packages.filter((name) => runtimeLibrary(name, distribution) !== undefined);
      const unknown = run.packages.filter((name) => runtimeLibrary(name, distribution) === undefined);
      const replacements = known.map((name) => `${name} → ${runtimeLibrary(name, distribution)}`).join(', ');
      const unsure =
        unknown.length === 0
          ? ''
          : unknown.some(isCompiler)
            ? ` Keep ${listed(unknown)} only if something compiles at runtime.`
            : ` If nothing compiles at runtime, ${listed(unknown)} can give way to ${unknown.length === 1 ? 'its runtime library' : 'their runtime libraries'}.`;
      return {
        severity: known.length > 0 ? 'warning' : 'notice',
        ...at(run),
        message:
          `${listed(run.packages)} ${run.packages.length === 1 ? 'ships' : 'ship'} in the final image, though the Python packages are built in stage ${stageName}.` +
          (replacements
            ? ` The wheels need only the runtime ${known.length === 1 ? 'library' : 'libraries'}: ${replacements}.`
            : '') +
          unsure,
      };
    });
  },
};
