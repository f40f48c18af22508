/**
 * Class colours for scatter plots: a categorical palette readable on the light and the dark
 * surface alike (Tableau 10 hues). Class c gets CLASS_COLORS[c mod 10]; unlabelled points grey.
 */
export const CLASS_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
] as const;
export const UNLABELLED_COLOR = '#8a919e';

export function classColor(label: number): string {
  return label < 0 ? UNLABELLED_COLOR : CLASS_COLORS[label % CLASS_COLORS.length];
}

/** The distinct labels present, ascending (−1 for unlabelled included). */
export function distinctLabels(labels: Int32Array): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}
