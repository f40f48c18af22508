import type { DataTable } from '../../shared/data-table';

/**
 * A dataset as the engine trains on it: a table of rows (classes 0 when unlabelled; class names
 * where the source had names, e.g. a CSV label column), plus what generated data knows of itself.
 */
export interface Dataset extends Omit<DataTable, 'classNames'> {
  classNames?: string[] | null;
  /** For image data: the shape of one example. */
  image?: { width: number; height: number };
  /**
   * Grey levels in [0, 1] behind binarised images, `[n × dim]`: when present with
   * `resample`, the trainer redraws x ~ Bernoulli(grey) at every epoch.
   */
  grey?: Float32Array;
  resample?: boolean;
  /**
   * The coordinates the data was generated from, `[n × latentDim]`: (position along
   * the manifold, height) for the 3-D swiss roll and S-curve.
   */
  latent?: Float32Array;
  latentDim?: number;
}
