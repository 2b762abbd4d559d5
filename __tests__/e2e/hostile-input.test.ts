// Shell metacharacters, Markdown and mentions in user values stay data; secrets stay secret.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readFileFromImage } from '../../scripts/harness/engine.js';
import { pullRequestEvent } from '../../scripts/harness/runner/events.js';
import { localEntriesDir } from './support/local-backend.js';
import { useStack } from './support/use-stack.js';

const SECRET = 's3cr3t-dfb-7f9c2e';
const SECRET_SHA256 = createHash('sha256').update(SECRET).digest('hex');

describe('hostile values and secrets', () => {
  const suite = useStack({
    image: 'e2e-hostile',
    workspace: {
      files: {
        Dockerfile: [
          'FROM 127.0.0.1:5000/python:3.11-slim',
          'ARG NOTE',
          `RUN --mount=type=cache,target=/root/.cache/pip printf '%s\\n' "$NOTE" > /note.txt && echo cached > /root/.cache/pip/marker`,
          // Proves the secret reached the build without the Dockerfile or the log holding it.
          `RUN --mount=type=secret,id=TOKEN test "$(sha256sum < /run/secrets/TOKEN | cut -c1-64)" = "${SECRET_SHA256}"`,
          // The runner ends a line at \r too: what follows it must not become a workflow command.
          `RUN printf 'step 1 of 2\\r::warning::injected by the build\\r  ::error::this too\\n'`,
          '',
        ].join('\n'),
      },
    },
    cacheDir: true,
  });
  const { image, cacheDir } = suite;
  const canary = path.join(tmpdir(), `dfb-canary-${process.pid}`);

  it('runs nothing it should not, keeps Markdown inert and masks the secret everywhere', async () => {
    suite.freshRunner();
    // One build-arg line; the backslash-n stays two characters, as a user would have typed it.
    const note = `$(touch ${canary}-1); \`touch ${canary}-2\`; echo <!-- </details> @octocat\\nsecond line`;
    const run = await suite.run({
      inputs: {
        driver: 'docker',
        image,
        tags: `${image}:latest`,
        'build-args': `NOTE=${note}`,
        labels: `org.example.note=$(touch ${canary}-3)`,
        secrets: `TOKEN=${SECRET}`,
        'dependency-cache-backend': 'local',
        'local-cache-dir': cacheDir,
      },
      ...pullRequestEvent(3, `x/$(touch ${canary}-4)\`touch ${canary}-5\`/@octocat`),
    });
    expect(run.exitCode).toBe(0);
    for (const n of [1, 2, 3, 4, 5]) expect(existsSync(`${canary}-${n}`)).toBe(false);
    expect(run.log).toContain('::warning::injected by the build');
    expect(
      run.annotations.map((a) => a.message).filter((m) => /injected by the build|this too/.test(m)),
    ).toEqual([]);
    expect(readFileFromImage(`${image}:latest`, '/note.txt')).toBe(`${note}\n`);
    expect(run.report?.layerCache.writeRef).toMatch(/:buildcache-x---touch--tmp-dfb-canary-/);

    // The runner masks what the action registers; it must have registered the secret.
    expect(run.log).toContain(`::add-mask::${SECRET}`);
    const withoutMaskCommand = run.log.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(withoutMaskCommand.join('\n')).not.toContain(SECRET);
    expect(run.summary).not.toContain(SECRET);
    expect(JSON.stringify(run.outputs)).not.toContain(SECRET);
    expect(readFileSync(run.outputs.report!, 'utf8')).not.toContain(SECRET);
    // The file buildx read the secret from is gone once the build is; nothing else the job left keeps it.
    const leftInTemp = readdirSync(run.runnerTemp, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(leftInTemp.length).toBeGreaterThan(0);
    expect(leftInTemp.filter((file) => readFileSync(file).includes(SECRET))).toEqual([]);
    const archives = readdirSync(localEntriesDir(cacheDir, 'refs/pull/3/merge'));
    expect(archives.length).toBeGreaterThan(0);
    for (const archive of archives) {
      const content = execFileSync('tar', [
        '--zstd',
        '-xOf',
        path.join(localEntriesDir(cacheDir, 'refs/pull/3/merge'), archive),
      ]);
      const inner = execFileSync('tar', ['-xOf', '-'], { input: content });
      expect(inner.toString('latin1')).toContain('cached');
      expect(inner.toString('latin1')).not.toContain(SECRET);
    }

    expect(run.summary).not.toContain('@octocat');
    expect(run.summary.split('<details>').length).toBe(run.summary.split('</details>').length);
  });
});
