// What "a fresh runner" means on the shared local engine: BuildKit's cache and the images go,
// only the registry (and whatever the action itself saved) survives.
import { execFileSync } from 'node:child_process';

export function wipeBuilder(builder = 'default') {
  execFileSync('docker', ['buildx', 'prune', '--all', '--force', '--builder', builder], { stdio: 'ignore' });
}

export function removeImages(repository) {
  const ids = execFileSync('docker', ['image', 'ls', '--quiet', '--no-trunc', repository], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  if (ids.length > 0)
    execFileSync('docker', ['image', 'rm', '--force', ...new Set(ids)], { stdio: 'ignore' });
}

/** Tags of a repository in the local registry (127.0.0.1:5000). */
export async function registryTags(repository) {
  const name = repository.replace(/^127\.0\.0\.1:5000\//, '');
  const response = await fetch(`http://127.0.0.1:5000/v2/${name}/tags/list`);
  if (response.status === 404) return [];
  const body = await response.json();
  return (body.tags ?? []).sort();
}

/** Reads one file out of a local image without running it. */
export function readFileFromImage(image, file) {
  const container = execFileSync('docker', ['create', image], { encoding: 'utf8' }).trim();
  try {
    const tar = execFileSync('docker', ['cp', `${container}:${file}`, '-']);
    // `docker cp … -` writes a tar stream: a 512-byte header, then the file's bytes.
    const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim(), 8);
    return tar.subarray(512, 512 + size).toString('utf8');
  } finally {
    execFileSync('docker', ['rm', '--force', container], { stdio: 'ignore' });
  }
}
