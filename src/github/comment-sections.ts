// One pull request comment per workflow, holding one marked section per image. The jobs of a matrix
// each build one image and write the same comment; GitHub has no atomic update, so each job merges
// its own section into whatever the comment holds when it writes, and checks afterwards that it is
// still there (github/comment.ts). Everything here is pure: old body + this image's section → new body.
import { createHash } from 'node:crypto';

import { code } from '../markdown.js';

/** A section as it stands in the comment: whose it is and which commit it reports on. */
export interface ImageSection {
  /** Tells images apart whatever their names hold (see sectionKey). */
  key: string;
  /** The image's name, made safe for an HTML comment (for people reading the source). */
  name: string;
  /** The pull request head commit the section reports on. */
  sha: string;
  /** The rendered report (renderReport), without markers. */
  body: string;
}

export interface CommentLayout {
  /** The comment's first line (commentMarker); how it is found again. */
  marker: string;
  /** This run's pull request head commit: sections of other commits are marked stale. */
  sha: string;
  /** The longest body to write (COMMENT_BODY_MAX_LENGTH). */
  maxLength: number;
}

/**
 * The longest comment body written: GitHub refuses over 65 536 characters. Each section is rendered
 * within COMMENT_MAX_LENGTH (render.ts), so one image's section and its markers always fit whole.
 */
export const COMMENT_BODY_MAX_LENGTH = 65_000;

const PREFIX = 'docker-fast-build:';
const safe = (text: string) => text.replace(/[^A-Za-z0-9_./:@-]+/g, '_').slice(0, 100);
const hash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/**
 * Where the comment is found again: one per pull request and workflow (the pull request is the
 * thread it is in). A hash of the exact name tells `CI CD` from `CI_CD`.
 */
export function commentMarker(workflow: string): string {
  return `<!-- ${PREFIX}comment workflow=${safe(workflow)} id=${hash(['comment', workflow])} -->`;
}

/** The image's section key: its name hashed, so `org/app` and `org-app` never share a section. */
export function sectionKey(image: string): string {
  return hash(['image', image]);
}

/** The section of `image` at commit `sha`, its body made unable to open or close any section. */
export function imageSection(image: string, sha: string, body: string): ImageSection {
  return { key: sectionKey(image), name: safe(image), sha: shaOf(sha), body: neutralize(body).trimEnd() };
}

const START = /^<!-- docker-fast-build:image=(\S*) key=([0-9a-f]{16}) sha=([0-9a-f]*) -->$/;
const END = /^<!-- docker-fast-build:end key=([0-9a-f]{16}) -->$/;
const STALE_START = `<!-- ${PREFIX}stale -->`;
const STALE_END = `<!-- ${PREFIX}stale-end -->`;

function shaOf(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.toLowerCase() : '';
}

/**
 * The renderer escapes every `<` it is given, so no report text can hold a marker; this is the
 * second lock: any `<!--` naming this tool in a body is shown, not taken as a marker.
 */
export function neutralize(body: string): string {
  return body.replace(/<!--(\s*docker-fast-build:)/gi, '&lt;!--$1');
}

/** The sections of a comment this tool wrote, in order; text outside them (a header) is not kept. */
export function parseSections(body: string): ImageSection[] {
  const sections: ImageSection[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = START.exec(lines[i]!.trimEnd());
    if (!start) continue;
    const [, name = '', key = '', sha = ''] = start;
    const end = lines.findIndex((line, j) => j > i && END.exec(line.trimEnd())?.[1] === key);
    if (end < 0) break; // A section cut short (by hand, or a body cut to GitHub's limit): dropped.
    let content = lines.slice(i + 1, end);
    const staleStart = content.indexOf(STALE_START);
    const staleEnd = content.indexOf(STALE_END);
    // The note and the blank lines around it, as composeBody put them.
    if (staleStart >= 1 && staleEnd > staleStart)
      content = [...content.slice(0, staleStart - 1), ...content.slice(staleEnd + 1)];
    sections.push({ key, name, sha, body: content.join('\n').trim() });
    i = end;
  }
  return sections;
}

/** The section with this key as the comment holds it, or undefined. */
export function findSection(body: string, key: string): ImageSection | undefined {
  return parseSections(body).find((section) => section.key === key);
}

/** True when `body` holds `section` exactly as this run wrote it. */
export function holdsSection(body: string, section: ImageSection): boolean {
  const found = findSection(body, section.key);
  return found !== undefined && found.sha === section.sha && found.body === section.body;
}

/**
 * The comment with `section` put in place of its image's old one, or added. Sections are ordered
 * by image name, so two jobs writing at once produce the same body whichever writes last.
 */
export function mergeSection(
  oldBody: string | undefined,
  section: ImageSection,
  layout: CommentLayout,
): string {
  const others = (oldBody === undefined ? [] : parseSections(oldBody)).filter((s) => s.key !== section.key);
  const sections = [...others, section].sort((a, b) =>
    a.name === b.name ? a.key.localeCompare(b.key) : a.name.localeCompare(b.name),
  );
  return fitted(sections, section.key, layout);
}

/** Too long for GitHub: the other images' sections shrink to their verdict first, then this one. */
function fitted(sections: ImageSection[], ownKey: string, layout: CommentLayout): string {
  let current = sections;
  let body = composeBody(current, layout);
  const order = [
    ...[...sections]
      .filter((s) => s.key !== ownKey)
      .sort((a, b) => b.body.length - a.body.length)
      .map((s) => s.key),
    ownKey,
  ];
  for (const key of order) {
    if (body.length <= layout.maxLength) return body;
    current = current.map((s) => (s.key === key ? { ...s, body: headOf(s.body) } : s));
    body = composeBody(current, layout);
  }
  // Still too long (hundreds of images): the last sections go, whole, so every marker stays paired.
  while (body.length > layout.maxLength && current.length > 1) {
    const last = current.findLast((s) => s.key !== ownKey);
    current = current.filter((s) => s !== last);
    body = composeBody(current, layout);
  }
  return body;
}

const SHRUNK =
  '_Details left out to keep this comment within GitHub’s size limit; that job’s summary has them._';

/** A section's text up to its first collapsed part: the heading, the verdict, the gates. */
export function headOf(body: string): string {
  const cut = body.indexOf('\n<details>');
  return cut < 0 || body.endsWith(SHRUNK) ? body : `${body.slice(0, cut).trimEnd()}\n\n${SHRUNK}`;
}

export function composeBody(sections: ImageSection[], layout: CommentLayout): string {
  const parts = [layout.marker];
  for (const section of sections) {
    parts.push(`<!-- ${PREFIX}image=${section.name} key=${section.key} sha=${section.sha} -->`);
    if (section.sha === shaOf(layout.sha)) parts.push(section.body);
    else {
      // Under the image's heading, so it reads as that image's state.
      const [heading = '', ...rest] = section.body.split('\n');
      parts.push(heading, '', staleNote(section.sha, layout.sha), ...rest);
    }
    parts.push('', `<!-- ${PREFIX}end key=${section.key} -->`, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** A section this run did not build: it still reports on the commit it was built at. */
function staleNote(sectionSha: string, runSha: string): string {
  const short = (sha: string) => code(sha.slice(0, 7) || 'unknown');
  return [
    STALE_START,
    '> [!NOTE]',
    `> Stale: this image was last reported at ${short(sectionSha)}, not at ${short(runSha)}; it was not built for this commit yet, or no longer is.`,
    STALE_END,
  ].join('\n');
}
