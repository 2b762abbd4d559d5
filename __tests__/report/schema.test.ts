import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPORT_SCHEMA, type BuildReport } from '../../src/report/model.js';
import { readStoredReport, SchemaError } from '../../src/report/schema.js';
import { reportFromUntrusted, UntrustedReportError } from '../../src/report/untrusted.js';
import { baseReport, pullRequestReport } from './sample-reports.js';

const FIRST_V1 = readFileSync(path.resolve('__tests__/fixtures/reports/report-v1-first.json'), 'utf8');

/** The sample as JSON with one field set (or, for `undefined`, left out), by its path. */
function withField(where: (string | number)[], value: unknown): string {
  const report = JSON.parse(JSON.stringify(baseReport())) as Record<string, unknown>;
  const parent = where
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], report);
  const last = where[where.length - 1]!;
  if (value === undefined) delete (parent as Record<string | number, unknown>)[last];
  else (parent as Record<string | number, unknown>)[last] = value;
  return JSON.stringify(report);
}

describe('the stored report (report@1)', () => {
  it('reads back a report of today exactly as it was written', () => {
    for (const report of [baseReport(), pullRequestReport()]) {
      expect(readStoredReport(JSON.stringify(report))).toEqual(JSON.parse(JSON.stringify(report)));
    }
  });

  it('reads a report@1 of the first versions, without the fields added since', () => {
    const report: BuildReport = readStoredReport(FIRST_V1);
    expect(report.git.branch).toBe('main');
    expect(report.git.runUrl).toBeUndefined();
    expect(report.build.overheadSeconds).toBeUndefined();
    expect(report.build.steps[1]!.seconds).toBeUndefined();
    expect(report.build.stepInputs).toBeUndefined();
    expect(report.layerCache.writeRef).toBeUndefined();
    expect(report.layerCache.exported).toBeUndefined();
    expect(report.dependencyCache.mounts[0]!.matchedKey).toBeUndefined();
    expect(report.missReasons).toBeUndefined();
    expect(report.size?.layers).toHaveLength(1);
  });

  it('keeps the keys the model always has, as undefined when the JSON left them out', () => {
    const report = readStoredReport(FIRST_V1);
    expect('matchedKey' in report.dependencyCache.mounts[0]!).toBe(true);
    expect('pullRequest' in report.git).toBe(true);
    expect('size' in readStoredReport(withField(['size'], undefined))).toBe(true);
  });

  it('refuses a newer version by name, so the run can warn and go on without a base', () => {
    expect(() => readStoredReport(withField(['schema'], 'docker-fast-build/report@2'))).toThrow(
      'report.schema: expected docker-fast-build/report@1, not docker-fast-build/report@2 (written by another version of docker-fast-build)',
    );
    expect(() => readStoredReport('{"image": {}}')).toThrow(/not a report without a version/);
    expect(() => readStoredReport('[]')).toThrow(SchemaError);
    expect(() => readStoredReport('{not json')).toThrow(SyntaxError);
  });

  it.each([
    ['a string where a number goes', ['build', 'seconds'], '62', /^report\.build\.seconds: /],
    ['a number where text goes', ['image', 'name'], 7, /^report\.image\.name: /],
    ['text where true or false goes', ['build', 'succeeded'], 'yes', /^report\.build\.succeeded: /],
    ['a value outside an enumeration', ['layerCache', 'kind'], 's3', /^report\.layerCache\.kind: /],
    ['an object where a list goes', ['image', 'tags'], {}, /^report\.image\.tags: /],
    ['a list where an object goes', ['git'], [], /^report\.git: expected an object$/],
    ['a wrong item in a list', ['build', 'steps', 1, 'cached'], 1, /^report\.build\.steps\[1\]\.cached: /],
    [
      'a required field left out',
      ['dependencyCache', 'seconds', 'save'],
      undefined,
      /dependencyCache\.seconds/,
    ],
    ['a wrong optional field', ['dockerfile', 'path'], null, /^report\.dockerfile\.path: /],
  ])('names the first wrong field: %s', (_, where, value, message) => {
    expect(() => readStoredReport(withField(where, value))).toThrow(message);
  });

  it('drops fields it does not know, so what renders is only what the model says', () => {
    const report = readStoredReport(withField(['image', 'injected'], '<script>'));
    expect(report.image).not.toHaveProperty('injected');
  });
});

describe('the same report from a fork (FORK reading)', () => {
  it('reads the first report@1 too, taking nothing only our runs are trusted with', () => {
    const withLinks = JSON.parse(FIRST_V1);
    withLinks.git.pullRequest = 99;
    withLinks.git.runUrl = 'https://evil.example/run';
    withLinks.dockerfile = { path: 'Dockerfile', url: 'https://evil.example/Dockerfile' };
    const report = reportFromUntrusted(withLinks);
    expect(report.git.pullRequest).toBeUndefined();
    expect(report.git.runUrl).toBeUndefined();
    expect(report.dockerfile).toEqual({ path: 'Dockerfile' });
  });

  it('reads the fields the renderer shows that the hand-written reader used to leave out', () => {
    const value = JSON.parse(JSON.stringify(baseReport()));
    value.builderStorage = { limitBytes: 10, usedBytes: 8, reclaimedBytes: 2, seconds: 1 };
    value.dependencyCache.mounts[0].heldByBuilder = true;
    value.dependencyCache.mounts[0].keptEntry = 'see https://evil.example';
    const report = reportFromUntrusted(value);
    expect(report.builderStorage).toEqual({ limitBytes: 10, usedBytes: 8, reclaimedBytes: 2, seconds: 1 });
    expect(report.dependencyCache.mounts[0]!.heldByBuilder).toBe(true);
    expect(report.dependencyCache.mounts[0]!.keptEntry).toBe('see https:\u2060//evil.example');
  });

  it('bounds numbers and shares, and reads null as left out', () => {
    const value = JSON.parse(JSON.stringify(baseReport()));
    value.size.efficiency = 7;
    value.build.overheadSeconds = null;
    const report = reportFromUntrusted(value);
    expect(report.size!.efficiency).toBe(1);
    expect(report.build.overheadSeconds).toBeUndefined();
    value.size.bytes = 1e16;
    expect(() => reportFromUntrusted(value)).toThrow(
      new UntrustedReportError('report.size.bytes', 'a number from 0 to 1e15'),
    );
  });

  it('names the object itself when it is none, and a field left out', () => {
    expect(() => reportFromUntrusted('x', 'base')).toThrow('base: expected an object');
    const value = JSON.parse(JSON.stringify(baseReport()));
    delete value.build.totalSteps;
    expect(() => reportFromUntrusted(value)).toThrow('report.build.totalSteps: expected a value');
    expect(REPORT_SCHEMA).toBe('docker-fast-build/report@1');
  });
});
