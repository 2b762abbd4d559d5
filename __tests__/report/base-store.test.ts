// Base reports through the real local backend, all in one scope: the keys alone must keep branches
// and images apart (the gha backend shares a scope between a push and the pull requests into it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createLocalBackend } from '../../src/cache/backends/local.js';
import { BaseReportStore, reportKeyPrefix } from '../../src/report/base-store.js';
import type { BuildReport } from '../../src/report/model.js';
import { baseReport } from './sample-reports.js';

const SCOPE = 'refs/heads/shared';

function reportOf(image: string, branch: string, sha: string): BuildReport {
  const report = baseReport();
  return { ...report, image: { ...report.image, name: image }, git: { ...report.git, branch, sha } };
}

describe('BaseReportStore', () => {
  let cacheDir: string;
  let stamp = 0;
  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-base-store-'));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  const store = (image: string) =>
    new BaseReportStore(
      createLocalBackend(cacheDir, { read: [SCOPE], write: SCOPE }),
      image,
      // A runner's temp directory inside the one removed after each test, so nothing is left in /tmp.
      path.join(cacheDir, 'runner-temp'),
    );
  const save = (image: string, branch: string, sha: string) =>
    store(image).save(reportOf(image, branch, sha), `${++stamp}.1`);

  it('a push to main-evil or MAIN never becomes the base of main', async () => {
    await save('ghcr.io/acme/app', 'main-evil', 'evil');
    await save('ghcr.io/acme/app', 'MAIN', 'shouting');
    expect(await store('ghcr.io/acme/app').load('main')).toBeUndefined();

    await save('ghcr.io/acme/app', 'main', 'good');
    await save('ghcr.io/acme/app', 'main-evil', 'evil-again');
    expect((await store('ghcr.io/acme/app').load('main'))?.git.sha).toBe('good');
    expect((await store('ghcr.io/acme/app').load('MAIN'))?.git.sha).toBe('shouting');
  });

  it('image app with branch x-y and image app-x with branch y are kept apart', async () => {
    await save('app-x', 'y', 'app-x on y');
    expect(await store('app').load('x-y')).toBeUndefined();
    await save('app', 'x-y', 'app on x-y');
    expect((await store('app').load('x-y'))?.git.sha).toBe('app on x-y');
    expect((await store('app-x').load('y'))?.git.sha).toBe('app-x on y');
  });

  it('images org/app and org-app are kept apart', async () => {
    await save('org/app', 'main', 'slash');
    expect(await store('org-app').load('main')).toBeUndefined();
  });

  it('a report that names another branch or image than its key is not trusted', async () => {
    const image = 'ghcr.io/acme/app';
    const backend = createLocalBackend(cacheDir, { read: [SCOPE], write: SCOPE });
    const dir = mkdtempSync(path.join(tmpdir(), 'dfb-base-store-entry-'));
    try {
      for (const [name, report] of [
        ['branch', reportOf(image, 'feature', 'wrong branch')],
        ['image', reportOf('ghcr.io/acme/other', 'main', 'wrong image')],
      ] as const) {
        writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
        await backend.save(dir, `${reportKeyPrefix(image, 'main')}${name}.1`);
        expect(await store(image).load('main')).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
