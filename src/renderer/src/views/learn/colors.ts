/** Curve colours of the Learn figures, readable on light and dark surfaces. */
export const COLORS = ['#3b82f6', '#e8590c', '#2f9e44', '#ae3ec9', '#868e96'] as const;

/** Points of f over [a, b] for a line series. */
export function curve(f: (x: number) => number, a: number, b: number, n = 200): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const x = a + ((b - a) * i) / n;
    out.push([x, f(x)]);
  }
  return out;
}

/** A value with its standard error, as students read it: "2.0012 ± 0.0047". */
export function pm(value: number, se: number, digits = 4): string {
  return `${value.toFixed(digits)} ± ${se.toFixed(digits)}`;
}
