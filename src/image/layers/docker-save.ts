import { spawn } from 'node:child_process';

import { analyseImageArchive } from './analyse.js';
import type { ImageAnalysis } from './types.js';

// Enough of docker's stderr to explain a failure; the rest is noise.
const MAX_STDERR_CHARS = 8 * 1024;

/**
 * Streams `docker save <image>` into the layer analyser: nothing is written to disk. `seconds` covers
 * the whole run, so it includes the time docker takes to produce the archive.
 */
export async function analyseImage(image: string): Promise<ImageAnalysis> {
  const docker = spawn('docker', ['save', image], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  docker.stderr.setEncoding('utf8');
  docker.stderr.on('data', (text: string) => {
    if (stderr.length < MAX_STDERR_CHARS) stderr += text;
  });
  // Never rejects: a failure to start docker at all is reported like any other failure below.
  const exited = new Promise<{ code: number | null; spawnError?: Error }>((resolve) => {
    docker.once('error', (spawnError) => resolve({ code: null, spawnError }));
    docker.once('close', (code) => resolve({ code }));
  });
  const failure = async (): Promise<Error | undefined> => {
    const { code, spawnError } = await exited;
    if (spawnError)
      return new Error(`Could not run \`docker save ${image}\`: ${spawnError.message}`, {
        cause: spawnError,
      });
    if (code === 0) return undefined;
    const message = stderr.trim() || 'no message from docker';
    return new Error(`\`docker save ${image}\` failed (exit code ${code}): ${message}`);
  };

  let analysis: ImageAnalysis;
  try {
    analysis = await analyseImageArchive(docker.stdout);
  } catch (error) {
    // Docker stopped writing (unknown image, daemon trouble): its own words explain the broken archive best.
    if (docker.stdout.readableEnded) throw (await failure()) ?? error;
    docker.kill();
    throw error;
  }
  const error = await failure();
  if (error) throw error;
  return analysis;
}
