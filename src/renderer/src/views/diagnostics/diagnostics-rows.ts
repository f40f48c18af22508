import type { Diagnostics } from '../../../../shared/protocol';

/** How a figure was obtained: Monte-Carlo ones carry a standard error. */
export type FigureKind = 'estimate' | 'exact' | 'closed form';

export interface FigureRow {
  /** A stable key (CSV, test hooks). */
  key: string;
  name: string;
  value: number;
  /** One standard error; null for exact and closed-form figures. */
  se: number | null;
  kind: FigureKind;
  /** How it was computed, in a few words. */
  how: string;
}

/** The Diagnostics panel's rows, in nats per example. */
export function figureRows(d: Diagnostics): FigureRow[] {
  const rows: FigureRow[] = [
    {
      key: 'negElbo',
      name: '−ELBO',
      value: d.negElbo,
      se: d.se.negElbo,
      kind: 'estimate',
      how: `${d.reconSamples} draws of z per example`,
    },
    {
      key: 'reconstruction',
      name: 'Reconstruction −E_q log p(x|z)',
      value: d.distortion,
      se: d.se.recon,
      kind: 'estimate',
      how: `with the constant ${nats(d.reconConstant)}`,
    },
    {
      key: 'kl',
      name: 'KL(q(z|x) ‖ p(z))',
      value: d.kl,
      se: null,
      kind: 'closed form',
      how: 'Gaussian KL, every example',
    },
    {
      key: 'mutualInfo',
      name: 'I(x;z)',
      value: d.mutualInfo,
      se: d.se.mutualInfo,
      kind: 'estimate',
      how: 'aggregate posterior as a mixture',
    },
  ];
  if (d.iwae)
    rows.push({
      key: 'negLk',
      name: `−L_${d.iwae.k}`,
      value: d.iwae.negBound,
      se: d.iwae.se,
      kind: 'estimate',
      how: `importance-weighted bound, k = ${d.iwae.k}`,
    });
  const e = d.exact;
  if (e) {
    const subset = e.examples < d.examples;
    const how = subset ? `quadrature on a random ${e.examples} of ${d.examples} examples` : 'quadrature, every example';
    rows.push(
      {
        key: 'negLogPx',
        name: '−log p(x)',
        value: e.negLogPx,
        se: subset ? e.se.negLogPx : null,
        kind: 'exact',
        how,
      },
      {
        key: 'exactNegElbo',
        name: '−ELBO by quadrature',
        value: e.negElbo,
        se: subset ? e.se.negLogPx : null,
        kind: 'exact',
        how,
      },
      {
        key: 'gap',
        name: 'Gap KL(q ‖ p(z|x))',
        value: e.gap,
        se: subset ? e.se.gap : null,
        kind: 'exact',
        how: '−ELBO − (−log p(x))',
      },
    );
  }
  return rows;
}

/** The rows as CSV: `figure,value,se,kind,how`, header first, `\n` line ends. */
export function diagnosticsCsv(d: Diagnostics, epoch: number | null): string {
  const quote = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines = ['epoch,figure,value,se,kind,how'];
  for (const r of figureRows(d))
    lines.push(
      [epoch ?? '', r.key, String(r.value), r.se === null ? '' : String(r.se), r.kind, quote(r.how)].join(','),
    );
  return lines.join('\n') + '\n';
}

/** A figure for reading: 3 decimals, "−" for negatives, never "−0.000". */
export function nats(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  const t = value.toFixed(3);
  return t === '-0.000' ? '0.000' : t.replace('-', '−');
}

/** KL(q ‖ p(z|x)) of one point in words. */
export function posteriorFit(kl: number): string {
  const verdict =
    kl < 0.05 ? 'q fits well' : kl < 0.5 ? 'q is somewhat off' : 'q fits poorly: the ELBO is loose by this much here';
  return `KL(q ‖ true posterior) = ${nats(kl)} nats: ${verdict}`;
}
