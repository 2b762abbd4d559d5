import type { CopyStep } from '../../dockerfile/model.js';
import { at, type Rule, type RuleFinding } from './rule.js';

// Docker unpacks local tar archives (plain, gzip, bzip2, xz) that ADD copies.
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const URL = /^https?:\/\//i;
const GIT = /^(git@|git:\/\/|ssh:\/\/)|\.git(#.*)?$/i;

/** A local tar archive, which ADD unpacks instead of copying. */
export function isLocalArchive(source: string): boolean {
  return ARCHIVE.test(source) && !URL.test(source);
}

function addFinding(step: CopyStep): RuleFinding | null {
  const sources = step.sources;
  const destination = step.destination ?? '';
  if (sources.length === 0 || sources.some((source) => source.includes('$') || GIT.test(source))) return null;

  const urls = sources.filter((source) => URL.test(source));
  if (urls.length > 0) {
    if (step.flags.has('checksum')) return null;
    return {
      severity: 'notice',
      ...at(step),
      message: `ADD ${urls[0]} downloads without verification: the file can change upstream without the Dockerfile changing.`,
      fix: 'Add --checksum=sha256:<digest> to pin the download, or use curl in a RUN when the file must be unpacked and deleted in one layer.',
    };
  }
  const archive = sources.find((source) => ARCHIVE.test(source));
  if (archive !== undefined) {
    // Unpacking into a directory is the one thing ADD is for; a destination named like an archive says a file was meant.
    if (!ARCHIVE.test(destination)) return null;
    return {
      severity: 'warning',
      ...at(step),
      message: `ADD unpacks ${archive}, so ${destination} becomes a directory of its contents, not the archive file.`,
      fix: `Use COPY ${archive} ${destination} to copy the archive as it is.`,
    };
  }
  return {
    severity: 'notice',
    ...at(step),
    message:
      'ADD of local files does what COPY does, plus URL fetching and archive unpacking that nobody asked for here.',
    fix: 'Use COPY: it copies files and nothing else.',
  };
}

export const addWhereCopyFits: Rule = {
  id: 'add-where-copy-fits',
  title: 'ADD where COPY (or a verified download) fits',
  why: 'ADD silently unpacks archives and fetches unverified URLs; COPY does only what it says.',
  fix: 'Use COPY for local files; for downloads use ADD --checksum=sha256:… or curl in a RUN.',
  check({ model }) {
    return model.stages.flatMap((stage) =>
      stage.steps
        .filter((step): step is CopyStep => step.kind === 'copy' && step.keyword === 'ADD' && !step.heredoc)
        .map(addFinding)
        .filter((finding) => finding !== null),
    );
  },
};
