/** One layer of an image, measured from its blob in a `docker save` archive. */
export interface LayerFacts {
  /** sha256:… of the blob as stored. */
  digest: string;
  /** Blob size: what a pull transfers for this layer. */
  compressedBytes: number;
  /** Sum of regular file sizes in the layer (0 for blobs we cannot read, e.g. zstd). */
  bytes: number;
  files: number;
  /** The instruction from the image config history (non-empty layers, in order), '' if unknown. */
  createdBy: string;
}

/** A path whose lower copies nobody can see. `layers`: how many layers added, replaced or deleted it. */
export interface WastedPath {
  path: string;
  wastedBytes: number;
  layers: number;
}

/** A layer's facts with its path table: what the waste of any image holding it is computed from. */
export interface MeasuredLayer extends LayerFacts {
  table: LayerPathTable;
}

export interface ImageAnalysis {
  /** Bottom to top. */
  layers: LayerFacts[];
  /** The same layers with their path tables, kept so that a later run need not read them again. */
  measured: MeasuredLayer[];
  /** Sum of layer bytes (what dive calls the image size). */
  totalBytes: number;
  /** Sum of compressed layer blobs (what a pull transfers). */
  compressedBytes: number;
  wastedBytes: number;
  /** 1 - wasted / totalBytes (1 when totalBytes is 0). */
  efficiency: number;
  /** The 10 largest, descending. */
  topWasted: WastedPath[];
  /** Some layer's path table was capped (see LayerPathTable.partial): wastedBytes is a lower bound. */
  wastePartial: boolean;
  /** Uncompressed layer bytes streamed (for throughput). */
  analysedBytes: number;
  /** Wall time of the analysis, including waiting for the archive's producer. */
  seconds: number;
}

/** What one layer does to the filesystem, as far as waste is concerned. Paths are normalized (`usr/bin/x`). */
export interface LayerPathTable {
  /** Every non-directory entry the layer adds or replaces, with its size (links and devices weigh 0). */
  files: Map<string, number>;
  directories: string[];
  /** Paths hidden by `.wh.<name>` markers: the named file or directory in lower layers. */
  whiteouts: string[];
  /** Directories holding `.wh..wh..opq`: all their lower-layer contents are hidden. */
  opaqueDirectories: string[];
  /** Paths were left out when the image's tables reached the memory they may take (see PathBudget): waste is a lower bound. */
  partial?: boolean;
}

export interface WasteSummary {
  wastedBytes: number;
  /** Every path with wasted bytes, largest first. */
  wastedPaths: WastedPath[];
}
