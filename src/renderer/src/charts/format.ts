const LOSS_FORMAT = new Intl.NumberFormat('en', { maximumSignificantDigits: 4, useGrouping: false });

/** A loss in nats for reading: 4 significant digits, "NaN" and "∞" spelled out. */
export function formatLoss(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return LOSS_FORMAT.format(value);
}
