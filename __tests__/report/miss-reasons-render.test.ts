import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { compareReports } from '../../src/report/compare.js';
import { missReasonSections } from '../../src/report/miss-reasons.js';
import type { ReportMissReason } from '../../src/report/model.js';
import { COMMENT_MAX_LENGTH, renderReport } from '../../src/report/render.js';
import { baseReport, pullRequestReport } from './sample-reports.js';

const GOLDEN_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/golden');
/** The comment's and the summary's limits, as render.ts applies them. */
const COMMENT = { listItems: 20, textChars: 160 };
const SUMMARY = { listItems: Number.POSITIVE_INFINITY, textChars: Number.POSITIVE_INFINITY };

/** Compares with the golden file; `UPDATE_GOLDEN=1` with this file alone rewrites only these. */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** One reason of each kind, as a pull request's report would hold them. */
const REASONS: ReportMissReason[] = [
  {
    step: 'WORKDIR /app',
    line: 2,
    kind: 'base-image',
    image: {
      name: '127.0.0.1:5000/python:3.11-slim',
      from: `sha256:${'1a'.repeat(32)}`,
      to: `sha256:${'2b'.repeat(32)}`,
    },
  },
  {
    step: 'COPY requirements.txt .',
    line: 3,
    kind: 'files',
    names: ['requirements.txt'],
    more: 0,
    ignorable: false,
  },
  {
    step: 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
    line: 4,
    kind: 'earlier',
    after: { step: 'COPY requirements.txt .', line: 3, kind: 'files', names: ['requirements.txt'] },
  },
  {
    step: 'COPY . .',
    line: 6,
    kind: 'files',
    names: ['README.md', 'docs/index.md', 'docs/usage.md'],
    more: 3,
    ignorable: true,
  },
  {
    step: 'RUN pip install -e .',
    line: 7,
    kind: 'earlier',
    after: { step: 'COPY . .', line: 6, kind: 'files' },
    advice: 'copy-before-install',
  },
  { step: 'RUN ./build.sh', line: 8, kind: 'args', names: ['VERSION'] },
  { step: 'RUN --mount=type=secret,id=netrc ./fetch.sh', line: 9, kind: 'secrets', names: ['netrc'] },
  { step: 'RUN make test', line: 10, kind: 'no-cache' },
  { step: 'RUN echo <b>@here</b> #1', line: 11, kind: 'instruction' },
  { step: 'COPY --from=builder /out /srv', line: 13, kind: 'cache-empty', detail: 'evicted' },
];

describe('miss reasons, rendered', () => {
  it('lists one reason a step in the comment and the summary (golden)', () => {
    expectGolden('miss-reasons-comment.md', missReasonSections(REASONS, COMMENT).join('\n'));
    const many = Array.from({ length: 23 }, (_, i) => ({ ...REASONS[1]!, line: i + 1 }));
    expectGolden('miss-reasons-summary.md', missReasonSections([...REASONS, ...many], SUMMARY).join('\n'));
  });

  it('points at the summary for what the comment leaves out, and says a first build in one line', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...REASONS[1]!, line: i + 1 }));
    const [comment] = missReasonSections(many, COMMENT);
    expect(comment).toContain('Why 25 steps re-ran');
    expect(comment?.match(/^- <code>/gm)).toHaveLength(20);
    expect(comment).toContain('… and 5 more in the job summary.');
    const first = missReasonSections(
      [{ step: 'COPY . .', line: 2, kind: 'cache-empty', detail: 'first-build' }],
      COMMENT,
    );
    expect(first).toEqual([
      '<details><summary>Why 1 step re-ran</summary>\n\nEvery step ran: there is no base report yet (a first build).\n\n</details>\n',
    ]);
    expect(missReasonSections(undefined, COMMENT)).toEqual([]);
    expect(missReasonSections([], COMMENT)).toEqual([]);
  });

  it('shows in the pull request comment and in the job summary', () => {
    const report = { ...pullRequestReport(), missReasons: REASONS };
    const base = baseReport();
    const options = { base, comparison: compareReports(report, base), gateFailures: [] };
    const comment = renderReport(report, { ...options, maxLength: COMMENT_MAX_LENGTH });
    const summary = renderReport(report, options);
    for (const body of [comment, summary]) {
      expect(body).toContain('<summary>Why 10 steps re-ran</summary>');
      expect(body).toContain(
        '- <code>COPY . .</code> re-ran: README.md, docs/index.md, docs/usage.md changed (+3 more) — only files a .dockerignore could leave out',
      );
    }
    expect(renderReport(pullRequestReport(), options)).not.toContain('re-ran');
  });
});
