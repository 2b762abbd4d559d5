// On a GitHub runner: serve the wheels __tests__/fixtures/projects/pip-app installs on 127.0.0.1:8765, as the local
// stack does (its requirements name stand-ins for PyPI packages). Runs until the job ends.
// Usage: npx tsx scripts/ci/serve-demo-wheels.ts [DIR]
import { makeDemoWheels } from '../harness/fixtures/wheels.js';
import { serveWheels } from '../harness/services/wheel-index.js';

const dir = await makeDemoWheels(process.argv[2]);
// No simulated network rate here: the runner's own disk is the point of comparison.
const index = await serveWheels(dir, { rateMBps: 1000 });
console.log(`Serving the demo wheels from ${dir} at ${index.url}`);
