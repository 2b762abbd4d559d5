import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { advise, contextFacts, dockerfile } from './helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'advice');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

describe('adviseDockerfile', () => {
  it('finds what a naive Dockerfile costs, sorted by line', () => {
    const findings = advise(fixture('Dockerfile.naive'), {
      context: contextFacts({ hasDockerignore: false, sentHeavyDirs: [{ path: '.git', bytes: 30_000_000 }] }),
    });
    expect(findings.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '1 no-dockerignore',
      '2 heavy-base-image',
      '3 secret-in-env',
      '5 apt-lists-left',
      '5 apt-no-install-recommends',
      '5 apt-upgrade',
      '5 build-tools-in-final-image',
      '6 add-where-copy-fits',
      '8 copy-before-install',
      '8 pip-cache-baked-in',
      '9 delete-in-later-layer',
    ]);
    for (const finding of findings) {
      expect(finding.file).toBe('app/Dockerfile');
      expect(finding.message).not.toContain('\n');
      expect(finding.fix.length).toBeGreaterThan(0);
    }
  });

  it('has nothing to say about a tuned multi-stage Dockerfile', () => {
    expect(advise(fixture('Dockerfile.tuned'), { context: contextFacts() })).toEqual([]);
  });

  it('silences rules globally through disabledRules', () => {
    const findings = advise(fixture('Dockerfile.naive'), {
      disabledRules: [
        'apt-lists-left',
        'apt-upgrade',
        'build-tools-in-final-image',
        'heavy-base-image',
        'apt-no-install-recommends',
      ],
    });
    for (const rule of [
      'apt-lists-left',
      'apt-upgrade',
      'build-tools-in-final-image',
      'heavy-base-image',
      'apt-no-install-recommends',
    ]) {
      expect(findings.map((finding) => finding.rule)).not.toContain(rule);
    }
    expect(findings.map((finding) => finding.rule)).not.toEqual(
      expect.arrayContaining([
        'apt-lists-left',
        'apt-upgrade',
        'build-tools-in-final-image',
        'heavy-base-image',
      ]),
    );
    expect(findings.map((finding) => finding.rule)).toContain('copy-before-install');
  });

  it('silences the listed rules for the next instruction only', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY . .',
      '# dfb-ignore copy-before-install,pip-cache-baked-in',
      'RUN pip install -r requirements.txt',
      'RUN pip install -r requirements-dev.txt',
    );
    expect(advise(text).map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '5 copy-before-install',
      '5 pip-cache-baked-in',
    ]);
  });

  it('lets a comment above the first instruction silence file-level context findings', () => {
    const text = dockerfile('# dfb-ignore no-dockerignore', 'FROM python:3.12-slim');
    expect(advise(text, { context: contextFacts({ hasDockerignore: false }) })).toEqual([]);
  });

  it('does not throw on an empty or broken Dockerfile', () => {
    expect(advise('')).toEqual([]);
    expect(advise('RUN pip install x\nFROM\nCOPY\nADD\n')).toEqual([]);
  });
});
