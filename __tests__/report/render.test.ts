import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { NoiseThreshold } from '../../src/domain/report.js';
import { compareReports, evaluateGates } from '../../src/report/compare.js';
import type { BuildReport } from '../../src/report/model.js';
import {
  COMMENT_BODY_MAX_LENGTH,
  commentMarker,
  findSection,
  imageSection,
  mergeSection,
  sectionKey,
} from '../../src/github/comment-sections.js';
import { worthAComment } from '../../src/report/publish.js';
import { COMMENT_MAX_LENGTH, renderReport } from '../../src/report/render.js';
import { baseReport, mainHistory, pullRequestReport } from './sample-reports.js';

const GOLDEN_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/golden');

/** Compares with the golden file; `UPDATE_GOLDEN=1 npm run test:unit` rewrites them after a deliberate change. */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const HEAD_SHA = '9876543210fedcba9876543210fedcba98765432';

/** The report as the pull request comment holds it: the only section of a fresh comment. */
function asComment(section: string, image = 'ghcr.io/acme/app', sha = HEAD_SHA): string {
  return mergeSection(undefined, imageSection(image, sha, section), {
    marker: commentMarker('ci'),
    sha,
    maxLength: COMMENT_BODY_MAX_LENGTH,
  });
}

function render(
  report: BuildReport,
  base: BuildReport | undefined,
  limits = {},
  comment = false,
  noise?: NoiseThreshold,
): string {
  const comparison = compareReports(report, base);
  const gateFailures = evaluateGates(report, comparison, {
    sizeBudget: undefined,
    maxSizeIncrease: undefined,
    ...limits,
  });
  const body = renderReport(report, { base, comparison, gateFailures, noise });
  return comment ? asComment(body) : body;
}

describe('renderReport golden files', () => {
  it('first pull request run, no base yet', () => {
    expectGolden('comment-no-base.md', render(pullRequestReport(), undefined, {}, true));
  });

  it('pull request against its base: growth marked, layers with Δ, advice, warnings', () => {
    expectGolden('comment-regression.md', render(pullRequestReport(), baseReport(), {}, true));
  });

  it('an update that shrinks the image and speeds the build', () => {
    const better = pullRequestReport();
    better.size = {
      ...baseReport().size!,
      bytes: 400_000_000,
      compressedBytes: 150_000_000,
      wastedBytes: 0,
      efficiency: 1,
      topWasted: [],
    };
    better.build = { ...better.build, seconds: 20.5, cachedSteps: 5, totalSteps: 5 };
    better.advice = [];
    better.warnings = [];
    expectGolden('comment-improvement.md', render(better, baseReport(), {}, true));
  });

  it('gates tripped: both failures shown first', () => {
    expectGolden(
      'comment-gate.md',
      render(
        pullRequestReport(),
        baseReport(),
        { sizeBudget: 500_000_000, maxSizeIncrease: { percent: 5 } },
        true,
      ),
    );
  });

  it('gates tripped on a pull request labelled to allow it: warnings, not failures', () => {
    const report = pullRequestReport();
    const base = baseReport();
    const comparison = compareReports(report, base);
    const gateFailures = evaluateGates(report, comparison, {
      sizeBudget: undefined,
      maxSizeIncrease: { percent: 5 },
    });
    const markdown = asComment(
      renderReport(report, { base, comparison, gateFailures, gateOverride: 'size-increase-ok' }),
    );
    expectGolden('comment-gate-overridden.md', markdown);
    expect(markdown).toContain(
      '> [!WARNING]\n> **Size gate overridden** by the label <code>size-increase-ok</code>: The image grew by 40.0 MB (7.8%)',
    );
    expect(markdown).not.toContain('[!CAUTION]');
  });

  it('the job summary of a push to main', () => {
    expectGolden('summary-push.md', render(baseReport(), undefined));
  });
});

/** A pull request whose pip layer grew by 16 bytes and whose code layer grew by 3 MB (+150%). */
function noisyPullRequest(): BuildReport {
  const report = pullRequestReport();
  const layers = baseReport().size!.layers.map((layer) => ({ ...layer }));
  layers[1]!.bytes += 16;
  layers[2]!.bytes += 3_000_000;
  report.size = {
    ...report.size!,
    layers,
    bytes: baseReport().size!.bytes + 3_000_016,
    compressedBytes: baseReport().size!.compressedBytes + 16,
    wastedBytes: baseReport().size!.wastedBytes,
    efficiency: baseReport().size!.efficiency,
    topWasted: baseReport().size!.topWasted,
  };
  report.build = { ...report.build, seconds: 64.0 };
  report.advice = [];
  report.warnings = [];
  return report;
}

describe('the comment of several images', () => {
  /** The same report built as another image of the matrix. */
  function asImage(report: BuildReport, name: string): BuildReport {
    return { ...report, image: { ...report.image, name, tags: [`${name}:pr-42`] } };
  }
  const section = (report: BuildReport, base: BuildReport | undefined, sha = HEAD_SHA) => {
    const comparison = compareReports(report, base);
    const gateFailures = evaluateGates(report, comparison, {
      sizeBudget: undefined,
      maxSizeIncrease: undefined,
    });
    return imageSection(
      report.image.name,
      sha,
      renderReport(report, { base, comparison, gateFailures, maxLength: COMMENT_MAX_LENGTH }),
    );
  };
  const layout = { marker: commentMarker('ci'), sha: HEAD_SHA, maxLength: COMMENT_MAX_LENGTH };

  it('one section per image; the image not built at this commit is marked stale', () => {
    const worker = section(
      asImage(noisyPullRequest(), 'ghcr.io/acme/worker'),
      asImage(baseReport(), 'ghcr.io/acme/worker'),
      '1234567'.repeat(5) + '89abc',
    );
    const api = section(
      asImage(pullRequestReport(), 'ghcr.io/acme/api'),
      asImage(baseReport(), 'ghcr.io/acme/api'),
    );
    const better = asImage(pullRequestReport(), 'ghcr.io/acme/web');
    better.size = { ...baseReport().size!, bytes: 400_000_000, compressedBytes: 150_000_000 };
    better.build = { ...better.build, seconds: 20.5, cachedSteps: 5, totalSteps: 5 };
    better.advice = [];
    better.warnings = [];
    const web = section(better, asImage(baseReport(), 'ghcr.io/acme/web'));
    let body = mergeSection(undefined, worker, { ...layout, sha: worker.sha });
    body = mergeSection(body, web, layout);
    body = mergeSection(body, api, layout);
    expectGolden('comment-several-images.md', body);
    expect(body.match(/^### docker-fast-build: /gm)).toHaveLength(3);
    expect(body.match(/Stale: /g)).toHaveLength(1);
    expect(body.indexOf('acme/api')).toBeLessThan(body.indexOf('acme/web'));
  });

  it('the fork relay: the same layout, with the note on what only the fork run vouches for', () => {
    const report = pullRequestReport();
    const base = baseReport();
    const comparison = compareReports(report, base);
    const body = renderReport(report, {
      base,
      comparison,
      gateFailures: [],
      maxLength: COMMENT_MAX_LENGTH,
      untrustedRun: 'the pull request’s run 4242 of “ci” (mallory/app at 9876543)',
    });
    const comment = asComment(body);
    expectGolden('comment-relay.md', comment);
    // The base is the fork run's word: its run is named, not linked.
    expect(comment).not.toContain('actions/runs/7001');
  });
});

describe('comment: on-change', () => {
  it('a pull request that moves neither size nor gates is quiet; its section still says so', () => {
    const report = pullRequestReport();
    report.size = { ...baseReport().size!, bytes: baseReport().size!.bytes + 16 };
    report.build = { ...report.build, seconds: 61.0, cachedSteps: 5, totalSteps: 5 };
    report.advice = [];
    report.warnings = [];
    const comparison = compareReports(report, baseReport());
    const noise = { bytes: 1_000_000, percent: 1 };
    expect(worthAComment(report, comparison, [], noise)).toBe(false);
    expectGolden('comment-on-change-quiet.md', render(report, baseReport(), {}, true));
    expect(render(report, baseReport())).not.toContain('⚠️');
  });

  it('a size change past the threshold, a gate or a failed build is worth a comment', () => {
    const noise = { bytes: 1_000_000, percent: 1 };
    const grown = pullRequestReport();
    expect(worthAComment(grown, compareReports(grown, baseReport()), [], noise)).toBe(true);
    const shrunk = pullRequestReport();
    shrunk.size = { ...baseReport().size!, bytes: 400_000_000 };
    expect(worthAComment(shrunk, compareReports(shrunk, baseReport()), [], noise)).toBe(true);
    const same = baseReport();
    expect(worthAComment(same, compareReports(same, baseReport()), ['over budget'], noise)).toBe(true);
    same.build = { ...same.build, succeeded: false };
    expect(worthAComment(same, compareReports(same, baseReport()), [], noise)).toBe(true);
  });
});

describe('advice past the annotation limit', () => {
  it('says how many findings GitHub did not show on the Dockerfile', () => {
    const report = pullRequestReport();
    const finding = report.advice[0]!;
    report.advice = [
      ...Array.from({ length: 24 }, (_, i) => ({ ...finding, line: i + 1, severity: 'warning' as const })),
      ...Array.from({ length: 11 }, (_, i) => ({ ...finding, line: i + 1, severity: 'notice' as const })),
    ];
    expect(render(report, baseReport())).toContain(
      'beyond those on the Dockerfile, this table has 14 more warnings and 1 more notice._',
    );
    report.advice = report.advice.slice(0, 10);
    expect(render(report, baseReport())).not.toContain('annotations of a kind');
  });
});

describe('renderReport trend', () => {
  it("a pull request against main's last eight reports, with the cost line", () => {
    const report = pullRequestReport();
    const base = baseReport();
    const comparison = compareReports(report, base);
    const markdown = asComment(
      renderReport(report, {
        base,
        comparison,
        gateFailures: [],
        trend: { branch: 'main', points: mainHistory() },
      }),
    );
    expectGolden('comment-trend.md', markdown);
    expect(markdown).toContain('| Image size | <code>▁▁▁▂·▅▇█</code> | 470 MB | 512 MB | 552 MB |');
    expect(markdown).toContain(
      '<summary>Cost: action overhead 9.3 s · dependency cache net ≈ +20.6 s</summary>',
    );
  });

  it('the cost section says what builder-max-used-space pruned', () => {
    const report = {
      ...baseReport(),
      builderStorage: { limitBytes: 20e9, usedBytes: 18.2e9, reclaimedBytes: 3.4e9, seconds: 2.25 },
    };
    const markdown = renderReport(report, {
      base: undefined,
      comparison: compareReports(report, undefined),
      gateFailures: [],
    });
    expect(markdown).toContain(
      '- **Builder storage** 18.2 GB after pruning 3.4 GB in 2.3 s (builder-max-used-space 20.0 GB; records still in use by images are kept).',
    );
    expect(
      renderReport(baseReport(), {
        base: undefined,
        comparison: compareReports(baseReport(), undefined),
        gateFailures: [],
      }),
    ).not.toContain('Builder storage');
  });

  it('the summary of a push shows the branch trend without a pull request column', () => {
    const markdown = renderReport(baseReport(), {
      base: undefined,
      comparison: compareReports(baseReport(), undefined),
      gateFailures: [],
      trend: { branch: 'main', points: mainHistory() },
    });
    expectGolden('summary-push-trend.md', markdown);
    expect(markdown).toMatch(/\| Build time \| <code>[▁-█]{8}<\/code> \| 58\.0 s \| 62\.4 s \|\n/);
  });

  it('says nothing of a trend with one point', () => {
    const markdown = renderReport(baseReport(), {
      base: undefined,
      comparison: compareReports(baseReport(), undefined),
      gateFailures: [],
      trend: { branch: 'main', points: mainHistory().slice(-1) },
    });
    expect(markdown).not.toContain('Trend on');
  });
});

describe('renderReport noise threshold', () => {
  it('marks only what crossed it and collapses the unchanged layers', () => {
    const markdown = render(noisyPullRequest(), baseReport(), {}, true);
    expectGolden('comment-noise.md', markdown);
    // +3 MB is 0.6% of the image: shown, not marked; the code layer grew 150%: marked.
    expect(markdown).toContain('| Image size | 512 MB | 515 MB | +3.0 MB (+0.6%) |');
    expect(markdown).toMatch(
      /\| 3 \| 5\.0 MB \| \+3\.0 MB ⚠️ \| <a [^>]+>Dockerfile:5<\/a> <code>COPY \. \.<\/code> \|/,
    );
    expect(markdown).toContain('2 layers unchanged (within 1.0 MB or 1%)');
    expect(markdown.match(/⚠️/g)).toHaveLength(1);
  });

  it('a zero threshold lists and marks every growth, down to 16 bytes', () => {
    const markdown = render(noisyPullRequest(), baseReport(), {}, undefined, { bytes: 0, percent: 0 });
    expect(markdown).toMatch(/\| 2 \| 210 MB \| \+16 B ⚠️ \| <a [^>]+>Dockerfile:4<\/a> <code>RUN --mount/);
    expect(markdown).toContain('| Image size | 512 MB | 515 MB | +3.0 MB (+0.6%) ⚠️ |');
    expect(markdown).toContain('1 layer unchanged');
  });

  it('lists a layer the pull request removed', () => {
    const report = noisyPullRequest();
    report.size!.layers = report.size!.layers.slice(0, 2);
    expect(render(report, baseReport())).toMatch(
      /\| — \| removed \(−2\.0 MB\) \| <a [^>]+>Dockerfile:5<\/a> <code>COPY \. \.<\/code> \|/,
    );
  });
});

describe('renderReport dependency cache rows', () => {
  it('says when an entry was restored with its delta and when only what the build added was saved', () => {
    const report = baseReport();
    const [mount] = report.dependencyCache.mounts;
    Object.assign(mount!, {
      status: 'partial',
      restoredDeltaOf: 'key-of-whole-entry',
      savedKey: 'key-of-this-run',
      savedBytes: 25_000_000,
      savedDeltaOf: 'key-of-whole-entry',
    });
    const row = render(report, undefined)
      .split('\n')
      .find((line) => line.startsWith('| <code>/root/.cache/pip</code>'));
    expect(row).toContain('(an entry and the delta over it)');
    expect(row).toContain('(only what this build added)');
  });

  it('labels neither for whole entries', () => {
    const row = render(baseReport(), undefined)
      .split('\n')
      .find((line) => line.startsWith('| <code>/root/.cache/pip</code>'));
    expect(row).toBeDefined();
    expect(row).not.toMatch(/delta|only what/);
  });
});

describe('renderReport escaping', () => {
  it('keeps hostile branch names, paths and instructions inert', () => {
    const report = pullRequestReport();
    report.git.branch = 'x</details><!-- @octocat `rm -rf` #1 |';
    report.size!.layers[3]!.createdBy = 'RUN echo </details> @octocat';
    report.size!.topWasted = [{ path: 'a|b/<script>.py', wastedBytes: 1, layers: 2 }];
    report.size!.layers[2]!.source = { line: 5, text: 'COPY --chown=@octocat </details> .' };
    report.size!.layers[0]!.baseImage = 'evil</details>@octocat';
    const markdown = render(report, baseReport());
    expect(markdown).not.toMatch(/@octocat/);
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<!-- @');
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  });
});

describe('renderReport layer names', () => {
  it('links each layer to its Dockerfile line and names the FROM image', () => {
    const markdown = render(pullRequestReport(), undefined);
    expect(markdown).toContain(
      '| 2 | 210 MB | <a href="https://github.com/acme/app/blob/9876543210fedcba/Dockerfile&#35;L4">Dockerfile:4</a> <code>RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt</code> |',
    );
    expect(markdown).toContain('| 1 | 300 MB | <code>FROM python:3.11-slim</code> (base image) |');
    expect(markdown).not.toContain('buildkit');
  });

  it('links nothing but http(s) addresses, and falls back to the cleaned history', () => {
    const report = pullRequestReport();
    report.dockerfile = { path: 'Dockerfile', url: 'javascript:alert(1)' };
    delete report.size!.layers[3]!.source;
    const markdown = render(report, undefined);
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('| 2 | 210 MB | Dockerfile:4 <code>RUN --mount');
    expect(markdown).toContain(
      '<code>RUN curl -o /model.bin https://example.com/model &#124; tee log</code>',
    );
  });

  it('matches a layer across reports by its cleaned instruction, so older reports still compare', () => {
    const base = baseReport();
    for (const layer of base.size!.layers) {
      layer.createdBy = layer.createdBy.replace(' # buildkit', '');
      delete layer.source;
    }
    expect(render(pullRequestReport(), base)).toContain('3 layers unchanged');
  });
});

describe('commentMarker', () => {
  it('is one HTML comment per workflow, whatever its name holds', () => {
    expect(commentMarker('ci')).toMatch(/^<!-- docker-fast-build:comment workflow=ci id=[0-9a-f]{16} -->$/);
    const marker = commentMarker('build --> <b>x</b>');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
  });

  it('keeps apart workflows whose names differ only in characters it cannot show', () => {
    expect(commentMarker('CI CD')).not.toBe(commentMarker('CI_CD'));
    // Neither contains the other, so a search for one never finds the other's comment.
    const [a, b] = [commentMarker('CI CD'), commentMarker('CI_CD')];
    expect(a.includes(b) || b.includes(a)).toBe(false);
  });
});

describe('renderReport with capped path tables', () => {
  it('says the wasted bytes are a lower bound, in the table and in the details', () => {
    const report = pullRequestReport();
    report.size = { ...report.size!, wastePartial: true };
    const markdown = render(report, baseReport());
    expect(markdown).toMatch(/\| Wasted bytes \| [^|]+ \| ≥ [\d.]+ MB \|/);
    expect(markdown).toContain('<summary>Wasted bytes: at least ');
    expect(markdown).toContain('more paths than this analysis keeps in memory');
  });
});

describe('renderReport within a size limit', () => {
  function hugeReport(): BuildReport {
    const report = pullRequestReport();
    report.warnings = Array.from({ length: 2000 }, (_, i) => `warning ${i}: ${'x'.repeat(200)}`);
    report.advice = Array.from({ length: 500 }, (_, i) => ({
      ...pullRequestReport().advice[0]!,
      message: `finding ${i} ${'m'.repeat(300)}`,
    }));
    report.size!.topWasted = [{ path: `deep/${'d/'.repeat(3000)}file.bin`, wastedBytes: 5, layers: 2 }];
    return report;
  }
  const renderWithin = (report: BuildReport, maxLength: number) => {
    const base = baseReport();
    const comparison = compareReports(report, base);
    return renderReport(report, {
      base,
      comparison,
      gateFailures: [],
      maxLength,
    });
  };

  it('leaves a report that fits exactly as the job summary shows it', () => {
    const report = pullRequestReport();
    const comparison = compareReports(report, baseReport());
    const options = { base: baseReport(), comparison, gateFailures: [] };
    expect(renderReport(report, { ...options, maxLength: 60_000 })).toBe(renderReport(report, options));
  });

  it('trims long paths and lists, then drops details from the last one, keeping the heading and the table', () => {
    const report = hugeReport();
    const unlimited = renderReport(report, {
      base: baseReport(),
      comparison: compareReports(report, baseReport()),
      gateFailures: [],
    });
    expect(unlimited.length).toBeGreaterThan(65_536);
    const body = renderWithin(report, 60_000);
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body.startsWith('### docker-fast-build: ')).toBe(true);
    expect(body).toContain('| Image size |');
    expect(body).toContain('the job summary has them all');
    expect(body).not.toContain('d/'.repeat(200));
    expect(body.split('<details>').length).toBe(body.split('</details>').length);
  });

  it("a section as long as the renderer allows goes into the comment whole, markers and all, under GitHub's limit", () => {
    const details = `<details><summary>Layers</summary>\n\n${'x'.repeat(COMMENT_MAX_LENGTH - 100)}\n\n</details>`;
    const section = `### docker-fast-build: app\n\n**1 MB**\n\n${details}`;
    expect(section.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
    const comment = asComment(section, 'app');
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(findSection(comment, sectionKey('app'))?.body).toBe(section);
  });

  it('keeps the heading and the table even under a limit smaller than all the details', () => {
    const body = renderWithin(hugeReport(), 4_000);
    expect(body.length).toBeLessThanOrEqual(4_000);
    expect(body).toContain('| Image size |');
    expect(body).toContain('the job summary has them all');
    expect(body).not.toContain('<summary>Warnings');
    expect(body.split('<details>').length).toBe(body.split('</details>').length);
  });
});
