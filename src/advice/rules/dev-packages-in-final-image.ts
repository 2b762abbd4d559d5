import { pythonBuilderStage } from '../installs.js';
import { isCompiler, keptBuildPackages, listed } from './build-tools-in-final-image.js';
import { at, type Rule } from './rule.js';

// Debian (bookworm) runtime libraries of common -dev packages: what the built wheels load at runtime.
const RUNTIME_LIBRARY: Record<string, string> = {
  'libpq-dev': 'libpq5',
  'libxrender-dev': 'libxrender1',
  'libxslt1-dev': 'libxslt1.1',
  'libxml2-dev': 'libxml2',
  'libhdf5-dev': 'libhdf5-103-1',
  'libhdf5-serial-dev': 'libhdf5-103-1',
  'libffi-dev': 'libffi8',
  'libssl-dev': 'libssl3',
  'zlib1g-dev': 'zlib1g',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libsqlite3-dev': 'libsqlite3-0',
  'libmariadb-dev': 'libmariadb3',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libsndfile1-dev': 'libsndfile1',
  'libmagic-dev': 'libmagic1',
  'libgeos-dev': 'libgeos-c1v5',
  'libyaml-dev': 'libyaml-0-2',
};

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
    return keptBuildPackages(model).map((run) => {
      const known = run.packages.filter((name) => RUNTIME_LIBRARY[name] !== undefined);
      const unknown = run.packages.filter((name) => RUNTIME_LIBRARY[name] === undefined);
      const replacements = known.map((name) => `${name} → ${RUNTIME_LIBRARY[name]}`).join(', ');
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
