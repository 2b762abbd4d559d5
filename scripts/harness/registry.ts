// The stack's registry as a test reads it: names no other run uses, tags, digests.

/** The registry scripts/stack/engine.sh starts (Debian's docker-registry). */
export const REGISTRY = '127.0.0.1:5000';
/** The moby/buildkit stand-in scripts/stack/buildkit-standin.sh builds (an engine's BuildKit, not buildkitd). */
export const BUILDKIT_STANDIN = `${REGISTRY}/dfb/buildkit-standin:local`;

/** What a registry is asked for when a tag may point at an index or a manifest, OCI or Docker's. */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** A repository name no other test (or earlier run) uses, so every test starts with an empty cache. */
export function uniqueRepository(prefix: string): string {
  return `${REGISTRY}/${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** `127.0.0.1:5000/name` → `name`, for the registry's HTTP API. */
export function repositoryPath(repository: string): string {
  return repository.replace(`${REGISTRY}/`, '');
}

/** Tags of a repository in the local registry, sorted. */
export async function registryTags(repository: string): Promise<string[]> {
  const response = await fetch(`http://${REGISTRY}/v2/${repositoryPath(repository)}/tags/list`);
  if (response.status === 404) return [];
  const body = (await response.json()) as { tags?: string[] | null };
  return (body.tags ?? []).sort();
}

/** The digest a tag points at in the local registry, or undefined when the tag does not exist. */
export async function manifestDigest(repository: string, tag: string): Promise<string | undefined> {
  const response = await fetch(`http://${REGISTRY}/v2/${repositoryPath(repository)}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_TYPES },
  });
  return response.ok ? (response.headers.get('docker-content-digest') ?? undefined) : undefined;
}
