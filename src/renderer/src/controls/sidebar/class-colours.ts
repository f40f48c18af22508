/**
 * Class colours of the data previews and the drawing canvas (readable on light and dark
 * backgrounds); class c gets CLASS_COLOURS[c % length], unlabelled points get UNLABELLED.
 */
export const CLASS_COLOURS = ['#e8590c', '#1c7ed6', '#2f9e44', '#ae3ec9', '#f08c00', '#0ca678', '#d6336c', '#5c7cfa', '#868e96', '#a9763a'] as const;
export const CLASS_NAMES = ['orange', 'blue', 'green', 'purple', 'amber'] as const;
export const UNLABELLED = '#868e96';

export function classColour(label: number): string {
  return label < 0 ? UNLABELLED : CLASS_COLOURS[label % CLASS_COLOURS.length];
}
