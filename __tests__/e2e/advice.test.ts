// Advice on the usual first Dockerfile (__tests__/fixtures/projects/naive-app), built for real: annotations point at
// the right lines, the report carries them, and the image analysis sees the bytes the advice warns of.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { expectSucceeded } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('advice on __tests__/fixtures/projects/naive-app', () => {
  const suite = useStack({
    image: 'e2e-naive',
    workspace: { project: 'naive-app' },
    wheels: { payloadMB: 4 },
  });
  const { image, workspace } = suite;
  const inputs = {
    driver: 'docker',
    tags: `${image}:latest`,
    'layer-cache': 'none',
    network: 'host',
    comment: 'off',
  };

  it('annotates each mistake on its line and reports the 20 MB deleted in a later layer as wasted', async () => {
    suite.freshRunner();
    const run = await suite.run({ inputs });
    expectSucceeded(run);
    const annotated = run.annotations
      .filter((a) => a.properties.includes('docker-fast-build%3A'))
      .map(
        (a) =>
          `${/title=docker-fast-build%3A ([\w-]+)/.exec(a.properties)?.[1]}@${/line=(\d+)/.exec(a.properties)?.[1]}`,
      );
    expect(annotated).toEqual(
      expect.arrayContaining([
        'no-dockerignore@1',
        'heavy-base-image@3',
        'secret-in-env@4',
        'copy-before-install@7',
        'pip-cache-baked-in@7',
        'delete-in-later-layer@9',
      ]),
    );
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(report.advice.map((a: { rule: string }) => a.rule)).toEqual(
      expect.arrayContaining(['copy-before-install', 'delete-in-later-layer']),
    );
    expect(run.report?.size?.wastedBytes).toBeGreaterThanOrEqual(20_000_000);
    expect(report.size.topWasted[0]).toMatchObject({ path: 'tmp/model.bin', wastedBytes: 20_000_000 });
    expect(run.summary).toContain('<details><summary>Advice (');
  });

  it('a dfb-ignore comment and the advice-ignore input silence rules', async () => {
    const dockerfile = path.join(workspace, 'Dockerfile');
    const text = readFileSync(dockerfile, 'utf8').replace(
      'ENV API_TOKEN',
      '# dfb-ignore secret-in-env\nENV API_TOKEN',
    );
    writeFileSync(dockerfile, text);
    const run = await suite.run({ inputs: { ...inputs, 'advice-ignore': 'heavy-base-image' } });
    expectSucceeded(run);
    const rules = run.annotations
      .map((a) => /title=docker-fast-build%3A ([\w-]+)/.exec(a.properties)?.[1])
      .filter(Boolean);
    expect(rules).toContain('copy-before-install');
    expect(rules).not.toContain('secret-in-env');
    expect(rules).not.toContain('heavy-base-image');
  });
});
