// Rules about what the build context sends, from the measured ContextFacts.
import { formatBytes, plural } from '../../units.js';
import { isWholeContextCopy, shippedStages, type DockerfileModel } from '../../dockerfile/model.js';
import type { ContextEntry } from '../types.js';
import { at, type Rule, type RuleFinding } from './rule.js';

function listed(entries: ContextEntry[], max = 4): string {
  const shown = entries.slice(0, max).map((entry) => `${entry.path} (${formatBytes(entry.bytes)})`);
  return shown.join(', ') + (entries.length > max ? ` and ${entries.length - max} more` : '');
}

function totalBytes(entries: ContextEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.bytes, 0);
}

/** The first `COPY . .` into the final image: where sent files also become image bytes. */
function contextCopyLine(model: DockerfileModel): Pick<RuleFinding, 'line' | 'endLine'> | null {
  for (const stage of shippedStages(model)) {
    const copy = stage.steps.find(isWholeContextCopy);
    if (copy) return at(copy);
  }
  return null;
}

/**
 * BuildKit sends only the paths a build names, so the whole context travels only when a COPY/ADD takes
 * `.` (in any stage: a builder's copy is sent too) or a RUN bind-mounts the context without a source.
 */
export function sendsWholeContext(model: DockerfileModel): boolean {
  return model.stages.some((stage) =>
    stage.steps.some(
      (step) =>
        isWholeContextCopy(step) ||
        (step.kind === 'run' &&
          step.mounts.some(
            (mount) =>
              mount.type === 'bind' &&
              mount.from === null &&
              (mount.source === null || ['.', './', '/'].includes(mount.source)),
          )),
    ),
  );
}

export const noDockerignore: Rule = {
  id: 'no-dockerignore',
  title: 'No .dockerignore',
  why: 'Without one, every build uploads the whole directory (.git, caches, virtualenvs) and `COPY . .` is invalidated by files the image never needs.',
  fix: 'Add a .dockerignore at the context root listing .git, **/__pycache__, .venv, node_modules and build outputs.',
  check({ model, context }) {
    if (!context || context.hasDockerignore || !sendsWholeContext(model)) return [];
    const heavy = totalBytes(context.sentHeavyDirs);
    const sent = `all ${plural(context.fileCount, 'file')} (${formatBytes(context.totalBytes)}) of the context`;
    return [
      {
        severity: heavy > 0 ? 'warning' : 'notice',
        line: 1,
        message:
          `There is no .dockerignore, so every build sends ${sent}` +
          (heavy > 0 ? `, including ${listed(context.sentHeavyDirs)}.` : '.'),
        ...(heavy > 0 ? { bytesAtStake: heavy } : {}),
      },
    ];
  },
};

export const contextSendsHeavyDirs: Rule = {
  id: 'context-sends-heavy-dirs',
  title: 'Build context sends .git, caches or virtualenvs',
  why: 'These directories are never needed in the image, yet they are uploaded on every build and change on every commit, busting `COPY . .`.',
  fix: 'Add them to .dockerignore, e.g. .git, **/__pycache__, .venv, node_modules.',
  check({ model, context, disabledRules }) {
    if (!context || context.sentHeavyDirs.length === 0 || !sendsWholeContext(model)) return [];
    // Without a .dockerignore, no-dockerignore already names these directories.
    if (!context.hasDockerignore && !disabledRules.has(noDockerignore.id)) return [];
    const copy = contextCopyLine(model);
    const patterns = [...new Set(context.sentHeavyDirs.map((entry) => entry.path))].slice(0, 6);
    return [
      {
        severity: 'warning',
        ...(copy ?? { line: 1 }),
        message:
          `The build context sends ${listed(context.sentHeavyDirs)}` +
          (copy ? ', and this COPY puts them into the image.' : '.'),
        fix: `Add ${patterns.join(', ')} to .dockerignore.`,
        bytesAtStake: totalBytes(context.sentHeavyDirs),
      },
    ];
  },
};

export const contextLargeFiles: Rule = {
  id: 'context-large-files',
  title: 'Build context sends files of 50 MB or more',
  why: 'Large files are uploaded on every build and, behind `COPY . .`, copied into a layer again whenever any file changes.',
  fix: 'Add them to .dockerignore if the image does not need them; otherwise download them in a RUN with a cache mount, or mount them at run time.',
  check({ model, context }) {
    if (!context || context.largeFiles.length === 0) return [];
    const copy = contextCopyLine(model);
    return [
      {
        severity: 'notice',
        ...(copy ?? { line: 1 }),
        message:
          `The build context sends ${plural(context.largeFiles.length, 'file')} of 50 MB or more: ${listed(context.largeFiles, 3)}` +
          (copy ? ', and this COPY puts them into the image.' : '.'),
        bytesAtStake: totalBytes(context.largeFiles),
      },
    ];
  },
};
