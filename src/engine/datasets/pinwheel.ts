import { Rng } from '../random';
import type { Dataset } from './dataset';
import { byClass } from './make';

export interface PinwheelParams {
  classes: number;
  perClass: number;
  radialStd: number;
  tangentialStd: number;
  rate: number;
  scale: number;
}

/**
 * The pinwheel of Johnson et al. 2016 ("Composing graphical models with neural networks"),
 * rows class by class. For class k: rads = 2πk/classes; f = (1 + radialStd·ε₀, tangentialStd·ε₁);
 * angle = rads + rate·exp(f₀); x = scale · f·R(angle) with R = [[cos, −sin], [sin, cos]]
 * multiplied from the right, as the classic code's `einsum('ti,tij->tj')` does:
 * x = scale · (f₀cos + f₁sin, −f₀sin + f₁cos).
 * E‖x‖² = scale²·(1 + radialStd² + tangentialStd²) ≈ 6.83 for the lecture's settings.
 */
export function pinwheel(p: PinwheelParams, seed: number): Dataset {
  const rng = new Rng(seed);
  return byClass(p.classes, p.perClass, (k, out) => {
    const rads = (2 * Math.PI * k) / p.classes;
    const f0 = rng.normal() * p.radialStd + 1;
    const f1 = rng.normal() * p.tangentialStd;
    const angle = rads + Math.exp(f0) * p.rate;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    out[0] = p.scale * (f0 * c + f1 * s);
    out[1] = p.scale * (-f0 * s + f1 * c);
  });
}
