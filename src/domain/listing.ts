// The listing helper build's plan as data: made in image/ (listing-plan.ts), carried by the whole
// build's plan in buildx/, read back in image/ to name each listed layer. Here, below both.

/** A Dockerfile instruction that may make a layer, as the image history names it. */
export interface LayerStep {
  keyword: 'RUN' | 'COPY' | 'ADD' | 'WORKDIR';
  /** The shell script of a RUN (as the model read it); '' for the others. */
  script: string;
  /** 1-based line of the instruction in the user's Dockerfile. */
  line: number;
}

/** One snapshot the listing walks: the base image's filesystem, or the filesystem after one instruction. */
export interface ListedSnapshot {
  /** Null for the base image's filesystem (the first snapshot). */
  step: LayerStep | null;
}

export type ListingPlan =
  | {
      dockerfile: string;
      /** In the order the listing writes them (`<index>.jsonl`): the base, then one per instruction. */
      snapshots: ListedSnapshot[];
    }
  | { unsupported: string };
