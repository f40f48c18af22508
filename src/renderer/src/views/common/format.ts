const LOSS_FORMAT = new Intl.NumberFormat('en', { maximumSignificantDigits: 4, useGrouping: false });

/** A loss in nats for reading: 4 significant digits, "NaN" and "∞" spelled out. */
export function formatLoss(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return LOSS_FORMAT.format(value);
}

/** A value for a tooltip: 6 significant digits, enough to compare epochs exactly as shown. */
export function exactValue(value: number): string {
  if (!Number.isFinite(value)) return formatLoss(value);
  return Number(value.toPrecision(6)).toString();
}
