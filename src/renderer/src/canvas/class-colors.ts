/**
 * Class colours of every picture of the data (dataset preview, drawing canvas, latent map, data
 * space), readable on the light and the dark surface alike, so a class keeps its colour from the
 * preview to the latent map. Class c gets CLASS_COLORS[c mod 10]; unlabelled points grey.
 */
export const CLASS_COLORS = [
  '#e8590c',
  '#1c7ed6',
  '#2f9e44',
  '#ae3ec9',
  '#f08c00',
  '#0ca678',
  '#d6336c',
  '#5c7cfa',
  '#868e96',
  '#a9763a',
] as const;
/** The first classes' colours in words (the drawing canvas's class picker). */
export const CLASS_NAMES = ['orange', 'blue', 'green', 'purple', 'amber'] as const;
export const UNLABELLED_COLOR = '#868e96';

export function classColor(label: number): string {
  return label < 0 ? UNLABELLED_COLOR : CLASS_COLORS[label % CLASS_COLORS.length];
}

/** The distinct labels present, ascending (−1 for unlabelled included). */
export function distinctLabels(labels: Int32Array): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}
