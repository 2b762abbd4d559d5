// The layer analyser against real images: built by BuildKit, saved by Docker 28 with the containerd
// image store, streamed straight from `docker save` into the analyser.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { REGISTRY } from '../../scripts/harness/registry.js';
import { analyseImageArchive } from '../../src/image/layers/analyse.js';
import { analyseImage } from '../../src/image/layers/docker-save.js';
import {
  parseKnownLayers,
  serialiseKnownLayers,
  type KnownLayer,
} from '../../src/image/layers/known-layers.js';
import { analyseLayout, seedLayout } from '../../src/image/layers/oci-layout.js';
import type { ImageAnalysis } from '../../src/image/layers/types.js';
import { useStack } from './support/use-stack.js';

const BASE = `${REGISTRY}/python:3.11-slim`;
const BIG = 52428800;
const MB = 1e6;

/** Runs a command (argument array, no shell), feeding `input` on stdin; resolves to stdout. */
function run(command: string, args: string[], input = ''): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(stdout))
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`)),
    );
    child.stdin.end(input);
  });
}

async function build(tag: string, context: string, steps: string[]): Promise<void> {
  const dockerfile = [`FROM ${BASE}`, ...steps].join('\n') + '\n';
  await run(
    'docker',
    ['buildx', 'build', '--builder', 'default', '--load', '-t', tag, '-f', '-', context],
    dockerfile,
  );
}

/** `docker history` rows bottom to top: Size is the snapshot's disk usage with the containerd store. */
async function history(image: string): Promise<{ createdBy: string; size: number }[]> {
  const out = await run('docker', ['history', '--no-trunc', '-H=false', '--format', '{{json .}}', image]);
  return out
    .toString()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { CreatedBy: string; Size: string })
    .map((row) => ({ createdBy: row.CreatedBy, size: Number(row.Size) }))
    .reverse();
}

async function inspectSize(image: string): Promise<number> {
  return Number(
    (await run('docker', ['image', 'inspect', '--format', '{{.Size}}', image])).toString().trim(),
  );
}

function describeAnalysis(image: string, analysis: ImageAnalysis): string {
  const rate = analysis.analysedBytes / MB / analysis.seconds;
  return (
    `${image}: ${analysis.layers.length} layers, ${(analysis.totalBytes / MB).toFixed(1)} MB in files, ` +
    `${(analysis.compressedBytes / MB).toFixed(1)} MB compressed, ${(analysis.wastedBytes / MB).toFixed(1)} MB wasted; ` +
    `${(analysis.analysedBytes / MB).toFixed(1)} MB of layer tar in ${analysis.seconds.toFixed(2)} s = ${rate.toFixed(0)} MB/s`
  );
}

describe('layer analysis of real images', () => {
  // The workspace is the build context: empty, the Dockerfiles come on stdin.
  const { image: repository, workspace: context } = useStack({
    image: 'e2e-layers',
    workspace: { files: {} },
  });

  it('a 50 MB file written in one RUN and deleted in the next is all waste', async () => {
    const image = `${repository}:deleted`;
    await build(image, context, [`RUN head -c ${BIG} /dev/urandom > /big.bin`, 'RUN rm /big.bin']);
    const analysis = await analyseImage(image);
    console.log(describeAnalysis(image, analysis));

    expect(analysis.wastedBytes).toBeGreaterThanOrEqual(BIG);
    expect(analysis.topWasted[0]).toEqual({ path: 'big.bin', wastedBytes: BIG, layers: 2 });
    expect(analysis.layers.map((layer) => layer.createdBy)).toEqual([
      '',
      `RUN /bin/sh -c head -c ${BIG} /dev/urandom > /big.bin # buildkit`,
      'RUN /bin/sh -c rm /big.bin # buildkit',
    ]);
    expect(analysis.layers[1]).toMatchObject({ bytes: BIG, files: 1 });
    expect(analysis.efficiency).toBeCloseTo(1 - analysis.wastedBytes / analysis.totalBytes, 10);

    // Docker's per-layer sizes are disk usage (4 KiB blocks, directories included): never below ours,
    // and for a layer that is one big file, the same within 5%.
    const rows = await history(image);
    expect(rows.map((row) => row.createdBy)).toEqual(analysis.layers.map((layer) => layer.createdBy));
    rows.forEach((row, index) => expect(row.size).toBeGreaterThanOrEqual(analysis.layers[index]!.bytes));
    expect(Math.abs(rows[1]!.size - BIG) / BIG).toBeLessThan(0.05);
    // Over the whole image the base's ~9k small files each round up to a block: docker counts ~10% more.
    const dockerTotal = rows.reduce((sum, row) => sum + row.size, 0);
    console.log(`docker history total ${dockerTotal} B, analyser total ${analysis.totalBytes} B`);
    expect(analysis.totalBytes / dockerTotal).toBeGreaterThan(0.85);
    expect(analysis.totalBytes / dockerTotal).toBeLessThanOrEqual(1);

    // With the containerd store `docker image inspect` .Size is compressed: the layer blobs plus config and manifest.
    const compressed = await inspectSize(image);
    expect(compressed).toBeGreaterThan(analysis.compressedBytes);
    expect(compressed - analysis.compressedBytes).toBeLessThan(64 * 1024);
  });

  it('a 50 MB file overwritten in a later RUN wastes the lower copy', async () => {
    const image = `${repository}:overwritten`;
    await build(image, context, [
      `RUN head -c ${BIG} /dev/urandom > /big.bin`,
      `RUN head -c ${BIG} /dev/urandom > /big.bin`,
    ]);
    const analysis = await analyseImage(image);
    console.log(describeAnalysis(image, analysis));

    expect(analysis.wastedBytes).toBeGreaterThanOrEqual(BIG);
    expect(analysis.topWasted[0]).toEqual({ path: 'big.bin', wastedBytes: BIG, layers: 2 });
    expect(analysis.totalBytes).toBe(analysis.layers[0]!.bytes + 2 * BIG);
  });

  it('an image that only adds files wastes (almost) nothing', async () => {
    const image = `${repository}:clean`;
    await build(image, context, [
      'RUN mkdir -p /app && head -c 5242880 /dev/urandom > /app/data.bin',
      'RUN echo ready > /app/ready',
    ]);
    const analysis = await analyseImage(image);
    console.log(describeAnalysis(image, analysis), JSON.stringify(analysis.topWasted.slice(0, 3)));

    expect(analysis.wastedBytes).toBeLessThan(1024 * 1024);
    expect(analysis.efficiency).toBeGreaterThan(0.99);
    expect(analysis.layers.map((layer) => layer.files)).toEqual([analysis.layers[0]!.files, 1, 1]);
  });

  it('fails with docker’s own message for an image that does not exist', async () => {
    await expect(analyseImage(`${repository}:never-built`)).rejects.toThrow(
      /docker save .*failed.*No such image/s,
    );
  });

  it(`measures the throughput on the base image ${BASE}`, async () => {
    // End to end: `docker save` streaming into the analyser (docker's side is usually the slower one).
    const piped = await analyseImage(BASE);
    const archive = await run('docker', ['save', BASE]);
    const chunks = async function* () {
      for (let offset = 0; offset < archive.length; offset += 64 * 1024)
        yield archive.subarray(offset, offset + 64 * 1024);
    };
    // The analyser alone, fed the same archive from memory, three times (the first run warms the JIT up).
    const alone: ImageAnalysis[] = [];
    for (let round = 0; round < 3; round++) alone.push(await analyseImageArchive(chunks()));
    console.log(
      [
        `docker save piped: ${describeAnalysis(BASE, piped)}`,
        ...alone.map(
          (analysis) =>
            `from memory (${(archive.length / MB).toFixed(1)} MB archive): ${describeAnalysis(BASE, analysis)}`,
        ),
      ].join('\n'),
    );
    for (const analysis of alone) expect(analysis.totalBytes).toBe(piped.totalBytes);
    expect(piped.layers.length).toBeGreaterThan(0);
    expect(piped.analysedBytes).toBeGreaterThan(piped.compressedBytes);
  });
});

describe('layer analysis from a BuildKit layout export', () => {
  // The workspace holds the Dockerfiles and the OCI layouts the builds write.
  const { image: repository, workspace: context } = useStack({
    image: 'e2e-layout',
    workspace: { files: {} },
  });

  /** Builds and loads the image, writing its OCI layout in the same build, as the action does. */
  async function buildAndMeasure(
    tag: string,
    steps: string[],
    directory: string,
    known: Map<string, KnownLayer>,
  ) {
    const dockerfile = path.join(context, `${tag.split(':').pop()}.Dockerfile`);
    writeFileSync(dockerfile, [`FROM ${BASE}`, ...steps].join('\n') + '\n');
    await seedLayout(directory, known);
    await run('docker', [
      'buildx',
      'build',
      '--builder',
      'default',
      '--file',
      dockerfile,
      '--tag',
      tag,
      '--load',
      '--output',
      `type=oci,tar=false,dest=${directory}`,
      context,
    ]);
    const started = performance.now();
    const analysis = await analyseLayout(directory, known);
    return { analysis, seconds: (performance.now() - started) / 1000 };
  }

  it('BuildKit writes only the layers no earlier run measured, and the result equals docker save', async () => {
    const before = `${repository}:before`;
    const after = `${repository}:after`;
    const deps = `RUN head -c ${BIG} /dev/urandom > /deps.bin`;
    const { analysis: first } = await buildAndMeasure(
      before,
      [deps],
      path.join(context, 'layout-before'),
      new Map(),
    );
    expect(first.layersRead).toBe(first.layers.length);
    // Through the file the action keeps in the cache, as the next run would see it.
    const known = parseKnownLayers(serialiseKnownLayers(first.measured)!);

    const { analysis: second, seconds: layoutSeconds } = await buildAndMeasure(
      after,
      [deps, 'RUN echo changed > /app.txt && rm /deps.bin'],
      path.join(context, 'layout-after'),
      known,
    );
    const saved = await analyseImage(after);
    console.log(
      `layout written by the build with ${known.size} known layers: read ${second.layersRead} of ${second.layers.length}, ` +
        `${(second.analysedBytes / MB).toFixed(2)} MB in ${layoutSeconds.toFixed(2)} s; ` +
        `docker save of the whole image: ${(saved.analysedBytes / MB).toFixed(1)} MB in ${saved.seconds.toFixed(2)} s`,
    );

    expect(second.layersRead).toBe(1);
    expect(second.analysedBytes).toBeLessThan(1 * MB);
    expect(second.diffIds).toEqual(
      JSON.parse(
        (await run('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', after])).toString(),
      ),
    );
    expect(second.layers).toEqual(saved.layers);
    expect(second.totalBytes).toBe(saved.totalBytes);
    expect(second.wastedBytes).toBe(saved.wastedBytes);
    expect(second.topWasted[0]).toEqual({ path: 'deps.bin', wastedBytes: BIG, layers: 2 });
  });
});
