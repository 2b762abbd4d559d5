// On a GitHub runner: serve the wheels __tests__/fixtures/projects/pip-app installs on 127.0.0.1:8765, as the local
// stack does (its requirements name stand-ins for PyPI packages). Runs until the job ends.
import { makeDemoWheels } from '../stack/fixtures.mjs';
import { serveWheels } from '../stack/wheels.mjs';

const dir = await makeDemoWheels(process.argv[2]);
// No simulated network rate here: the runner's own disk is the point of comparison.
await serveWheels(dir, { rateMBps: 1000 });
console.log(`Serving the demo wheels from ${dir} on 127.0.0.1:8765`);
