// What `buildx build --metadata-file` writes, as a schema: the image digest, the build record's ref,
// and the provenance's materials (the base images the build pulled, by digest). buildx writes more;
// only these are read, each on its own, so a field buildx leaves out or changes costs that one fact.
import * as v from 'valibot';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

const material = v.object({
  uri: v.string(),
  // A material whose digest is not a sha256 is kept (its uri still names the image), without one.
  digest: v.fallback(
    v.optional(v.object({ sha256: v.optional(v.pipe(v.string(), v.regex(SHA256_HEX))) })),
    undefined,
  ),
});

const metadataSchema = v.object({
  'containerimage.digest': v.fallback(v.optional(v.string()), undefined),
  'containerimage.config.digest': v.fallback(
    v.optional(v.pipe(v.string(), v.regex(SHA256_DIGEST))),
    undefined,
  ),
  'buildx.build.ref': v.fallback(v.optional(v.string()), undefined),
  'buildx.build.provenance': v.fallback(
    v.optional(v.object({ materials: v.fallback(v.array(v.unknown()), []) })),
    undefined,
  ),
});

export interface BuildMetadata {
  /** The image's digest; '' when buildx wrote none (a build that only loads into the engine may not). */
  digest: string;
  /** The image config's digest, when buildx wrote one (a single-platform image). */
  configDigest: string | undefined;
  /** The build record's ref on its builder, `builder/node/ref`. */
  buildRef: string | undefined;
  /** The provenance's materials, in its order; unreadable ones are left out. */
  materials: { uri: string; sha256: string | undefined }[];
}

/** The metadata file's text as the facts read from it; anything unreadable is simply not known. */
export function readBuildMetadata(text: string): BuildMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = v.safeParse(metadataSchema, parsed);
  if (!result.success) return { digest: '', configDigest: undefined, buildRef: undefined, materials: [] };
  const metadata = result.output;
  const materials = (metadata['buildx.build.provenance']?.materials ?? []).flatMap((item) => {
    const read = v.safeParse(material, item);
    return read.success ? [{ uri: read.output.uri, sha256: read.output.digest?.sha256 }] : [];
  });
  return {
    digest: metadata['containerimage.digest'] ?? '',
    configDigest: metadata['containerimage.config.digest'],
    buildRef: metadata['buildx.build.ref'],
    materials,
  };
}
