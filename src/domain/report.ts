// What a user asks of the report: when it comments, and the size changes it gates on or ignores.
// Read by inputs, acted on by report/ and carried in the comment artifact.
export const COMMENT_MODES = ['auto', 'on-change', 'always', 'off'] as const;

export type CommentMode = (typeof COMMENT_MODES)[number];

/** `max-size-increase` is either a share of the base size or an absolute number of bytes. */
export type SizeIncreaseLimit = { percent: number } | { bytes: number };

/** The smallest size change worth marking: at least `bytes`, and `percent` of what it is compared with. */
export interface NoiseThreshold {
  bytes: number;
  percent: number;
}
