/**
 * View-only state of the workspace: which latent dimensions the map shows, the hovered point,
 * what the data space draws. Nothing here reaches the engine.
 */
import { fitDims, mostActiveDims } from './views-dims';

export type DecodedShown = 'mean' | 'sample';

export class ViewState {
  /** Latent dimensions on the map's horizontal and vertical axes (0-based). */
  dimX = $state(0);
  dimY = $state(1);
  /** Display row under the pointer in the latent map, or null. */
  hover = $state<number | null>(null);
  /** Decoded prior samples as the decoder mean or as one draw from p(x|z). */
  decoded = $state<DecodedShown>('mean');
  logScale = $state(false);
  /** Draw the decoder's manifold (latent lines decoded) over the 2-D and 3-D data. */
  manifold = $state(true);

  /** True once the user picked the map's dimensions; until then they follow the most active two. */
  dimsChosen = $state(false);
  private chosenFor = 0;

  /** The user picks a dimension for one axis. */
  choose(axis: 'x' | 'y', d: number): void {
    if (axis === 'x') this.dimX = d;
    else this.dimY = d;
    this.dimsChosen = true;
  }

  /** With a latent above 2 and no choice made, show the two most active dimensions of this snapshot. */
  follow(means: Float32Array, k: number, rows: number): void {
    if (k !== this.chosenFor) {
      this.chosenFor = k;
      this.dimsChosen = false;
    }
    if (k <= 2 || this.dimsChosen) return;
    const [x, y] = mostActiveDims(means, k, rows);
    if (x !== this.dimX) this.dimX = x;
    if (y !== this.dimY) this.dimY = y;
  }

  /** Keep the chosen dimensions inside 0 … k−1 and apart, after the latent size changed. */
  fit(k: number): void {
    const [x, y] = fitDims(this.dimX, this.dimY, k);
    if (x !== this.dimX) this.dimX = x;
    if (y !== this.dimY) this.dimY = y;
  }
}
