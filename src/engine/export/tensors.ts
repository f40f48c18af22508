/**
 * The engine's weights under PyTorch's names and layout: layer i of the encoder or decoder is
 * `encoder.layers.{i}.weight` `[out × in]` (nn.Linear's layout, the transpose of the engine's
 * w `[in × out]`) and `encoder.layers.{i}.bias` `[out]`. Transposing is exact, so a round trip
 * gives the same bits.
 */
import type { ModelConfig } from '../../shared/config';
import type { NamedTensor } from './safetensors';

export interface LayerShape {
  /** The engine's parameter index of w; b follows at index + 1. */
  index: number;
  name: string;
  inDim: number;
  outDim: number;
}

/** Every dense layer of the model, encoder first, in the engine's parameter order. */
export function layerShapes(model: ModelConfig, dim: number): LayerShape[] {
  const perDim = model.likelihood === 'gaussian-learned' ? 2 : 1;
  const nets: [string, number[]][] = [
    ['encoder', [dim, ...model.hidden, 2 * model.latent]],
    ['decoder', [model.latent, ...[...model.hidden].reverse(), perDim * dim]],
  ];
  const out: LayerShape[] = [];
  for (const [net, dims] of nets)
    for (let i = 0; i + 1 < dims.length; i++)
      out.push({ index: 2 * out.length, name: `${net}.layers.${i}`, inDim: dims[i], outDim: dims[i + 1] });
  return out;
}

function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = values[r * cols + c];
  return t;
}

/** The engine's weight list as PyTorch-named tensors. */
export function weightsToTensors(model: ModelConfig, dim: number, weights: readonly Float32Array[]): NamedTensor[] {
  return layerShapes(model, dim).flatMap((l) => [
    { name: `${l.name}.weight`, shape: [l.outDim, l.inDim], values: transpose(weights[l.index], l.inDim, l.outDim) },
    { name: `${l.name}.bias`, shape: [l.outDim], values: Float32Array.from(weights[l.index + 1]) },
  ]);
}

export class TensorMismatchError extends Error {}

/**
 * The engine's weight list from PyTorch-named tensors. Refuses a missing, extra or misshapen
 * tensor, naming it with the expected and the found shape.
 */
export function tensorsToWeights(model: ModelConfig, dim: number, tensors: readonly NamedTensor[]): Float32Array[] {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const weights: Float32Array[] = [];
  const expected = new Set<string>();
  for (const l of layerShapes(model, dim)) {
    for (const [suffix, shape] of [
      ['weight', [l.outDim, l.inDim]],
      ['bias', [l.outDim]],
    ] as const) {
      const name = `${l.name}.${suffix}`;
      expected.add(name);
      const t = byName.get(name);
      if (!t) throw new TensorMismatchError(`tensor ${name}: missing (expected shape [${shape.join(', ')}])`);
      if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))
        throw new TensorMismatchError(
          `tensor ${name}: expected shape [${shape.join(', ')}], found [${t.shape.join(', ')}]`,
        );
      weights.push(suffix === 'weight' ? transpose(t.values, l.outDim, l.inDim) : Float32Array.from(t.values));
    }
  }
  const extra = tensors.find((t) => !expected.has(t.name));
  if (extra)
    throw new TensorMismatchError(
      `tensor ${extra.name}: not part of this model (shape [${extra.shape.join(', ')}]; expected tensors: ${[...expected].join(', ')})`,
    );
  return weights;
}
