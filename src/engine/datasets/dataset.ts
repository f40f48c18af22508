/** A dataset as the engine trains on it: rows of numbers, optional class labels. */
export interface Dataset {
  /** Examples, row-major `[n × dim]`. */
  x: Float32Array;
  n: number;
  dim: number;
  /** Class of each example, `[n]`; -1 where unknown. */
  labels: Int32Array;
  /** Number of distinct classes (0 when unlabelled). */
  classes: number;
  /** Column names, `[dim]`. */
  columns: string[];
  /** For image data: the shape of one example. */
  image?: { width: number; height: number };
  /**
   * Grey levels in [0, 1] behind binarised images, `[n × dim]`: when present with
   * `resample`, the trainer redraws x ~ Bernoulli(grey) at every epoch.
   */
  grey?: Float32Array;
  resample?: boolean;
  /** Names of the classes, `[classes]`, where the source had names (a CSV label column). */
  classNames?: string[] | null;
  /**
   * The coordinates the data was generated from, `[n × latentDim]`: (position along
   * the manifold, height) for the 3-D swiss roll and S-curve.
   */
  latent?: Float32Array;
  latentDim?: number;
}
