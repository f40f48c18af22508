/**
 * Class colours for scatter plots, readable on the light and the dark surface alike. The same
 * values as the dataset preview's (controls/sidebar/class-colours.ts), so a class keeps its
 * colour from the preview to the latent map. Class c gets CLASS_COLORS[c mod 10]; unlabelled grey.
 */
export const CLASS_COLORS = [
  '#e8590c', '#1c7ed6', '#2f9e44', '#ae3ec9', '#f08c00', '#0ca678', '#d6336c', '#5c7cfa', '#868e96', '#a9763a',
] as const;
export const UNLABELLED_COLOR = '#868e96';

export function classColor(label: number): string {
  return label < 0 ? UNLABELLED_COLOR : CLASS_COLORS[label % CLASS_COLORS.length];
}

/** The distinct labels present, ascending (−1 for unlabelled included). */
export function distinctLabels(labels: Int32Array): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}
