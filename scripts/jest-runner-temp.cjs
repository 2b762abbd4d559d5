// @docker/actions-toolkit makes a directory under RUNNER_TEMP (else the system's temp directory)
// the moment it is imported. A unit test has no runner to clear that directory, so each test file
// gets a RUNNER_TEMP of its own, removed when the file is done; a RUNNER_TEMP already set is kept.
/* global afterAll */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

if (!process.env.RUNNER_TEMP) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfb-unit-runner-temp-'));
  process.env.RUNNER_TEMP = dir;
  afterAll(() => {
    if (process.env.RUNNER_TEMP === dir) delete process.env.RUNNER_TEMP;
    rmSync(dir, { recursive: true, force: true });
  });
}
