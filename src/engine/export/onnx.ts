/**
 * The encoder (x → μ, log σ²) and the decoder (z → the likelihood's parameters) as ONNX models at
 * opset 17: MatMul + Add per layer, the session's activation between layers. The last encoder layer
 * is split into its μ and log σ² columns, so each output is a plain graph output. Pure: weights in, bytes out.
 */
import type { ModelConfig } from '../../shared/config';
import { LEAKY_SLOPE } from '../activations';
import { ONNX_MODEL } from './onnx-schema';
import { layerShapes, type LayerShape } from './tensors';

export const ONNX_OPSET = 17;
/** IR version 8 goes with opset 17. */
const IR_VERSION = 8;
const FLOAT = 1;
const ATTR_FLOAT = 1;

interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

function floats(name: string, dims: number[], values: Float32Array): Tensor {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return { name, dims, dataType: FLOAT, rawData: raw };
}

function valueInfo(name: string, width: number, doc: string) {
  return {
    name,
    docString: doc,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] } } },
  };
}

/** Columns [from, to) of w `[in × out]` and of b. */
function columns(w: Float32Array, b: Float32Array, l: LayerShape, from: number, to: number) {
  const width = to - from;
  const cw = new Float32Array(l.inDim * width);
  for (let r = 0; r < l.inDim; r++) cw.set(w.subarray(r * l.outDim + from, r * l.outDim + to), r * width);
  return { w: cw, b: b.slice(from, to) };
}

class GraphBuilder {
  readonly node: object[] = [];
  readonly initializer: Tensor[] = [];

  constructor(private readonly activation: ModelConfig['activation']) {}

  /** y = x·w + b; returns the output's name. */
  dense(x: string, name: string, w: Float32Array, b: Float32Array, inDim: number, outDim: number, out?: string) {
    this.initializer.push(floats(`${name}.w`, [inDim, outDim], w), floats(`${name}.b`, [outDim], b));
    this.node.push({ opType: 'MatMul', name: `${name}.matmul`, input: [x, `${name}.w`], output: [`${name}.xw`] });
    const y = out ?? `${name}.y`;
    this.node.push({ opType: 'Add', name: `${name}.add`, input: [`${name}.xw`, `${name}.b`], output: [y] });
    return y;
  }

  activate(x: string, name: string): string {
    const y = `${name}.h`;
    if (this.activation === 'leaky-relu')
      this.node.push({
        opType: 'LeakyRelu',
        name: `${name}.act`,
        input: [x],
        output: [y],
        attribute: [{ name: 'alpha', f: LEAKY_SLOPE, type: ATTR_FLOAT }],
      });
    else
      this.node.push({
        opType: this.activation === 'tanh' ? 'Tanh' : 'Relu',
        name: `${name}.act`,
        input: [x],
        output: [y],
      });
    return y;
  }
}

/** The hidden layers of one network; returns the last hidden output. */
function hiddenLayers(g: GraphBuilder, input: string, layers: LayerShape[], weights: readonly Float32Array[]) {
  let h = input;
  for (const l of layers.slice(0, -1))
    h = g.activate(g.dense(h, l.name, weights[l.index], weights[l.index + 1], l.inDim, l.outDim), l.name);
  return h;
}

/** A head of the last layer: its columns [from, to) written to the graph output `out`. */
function head(
  g: GraphBuilder,
  h: string,
  l: LayerShape,
  weights: readonly Float32Array[],
  from: number,
  to: number,
  out: string,
) {
  const c = columns(weights[l.index], weights[l.index + 1], l, from, to);
  return g.dense(h, `${l.name}.${out}`, c.w, c.b, l.inDim, to - from, out);
}

function model(g: GraphBuilder, name: string, doc: string, inputs: object[], outputs: object[], appVersion: string) {
  return ONNX_MODEL.encode(
    ONNX_MODEL.fromObject({
      irVersion: IR_VERSION,
      producerName: 'VAE Lab',
      producerVersion: appVersion,
      docString: doc,
      opsetImport: [{ domain: '', version: ONNX_OPSET }],
      graph: { name, node: g.node, initializer: g.initializer, input: inputs, output: outputs, docString: doc },
    }),
  ).finish();
}

/** encoder.onnx: input `x` `[batch × D]`, outputs `mu` and `logvar` `[batch × K]`. */
export function encoderOnnx(
  cfg: ModelConfig,
  dim: number,
  weights: readonly Float32Array[],
  appVersion: string,
): Uint8Array {
  const layers = layerShapes(cfg, dim).filter((l) => l.name.startsWith('encoder.'));
  const g = new GraphBuilder(cfg.activation);
  const h = hiddenLayers(g, 'x', layers, weights);
  const last = layers[layers.length - 1];
  const k = cfg.latent;
  head(g, h, last, weights, 0, k, 'mu');
  head(g, h, last, weights, k, 2 * k, 'logvar');
  const doc = 'VAE Lab encoder: q(z|x) = N(mu, exp(logvar)) for the data as the session trains on it';
  return model(
    g,
    'encoder',
    doc,
    [valueInfo('x', dim, 'data')],
    [valueInfo('mu', k, 'mean of q(z|x)'), valueInfo('logvar', k, 'log variance of q(z|x)')],
    appVersion,
  );
}

/**
 * decoder.onnx: input `z` `[batch × K]`; outputs by likelihood: bernoulli `logits`, gaussian `mean`
 * (σ² fixed, in the model's doc string), gaussian-learned `mean` and `variance` = floor + e^s.
 */
export function decoderOnnx(
  cfg: ModelConfig,
  dim: number,
  weights: readonly Float32Array[],
  opts: { sigma2: number; varianceFloor: number },
  appVersion: string,
): Uint8Array {
  const layers = layerShapes(cfg, dim).filter((l) => l.name.startsWith('decoder.'));
  const g = new GraphBuilder(cfg.activation);
  const h = hiddenLayers(g, 'z', layers, weights);
  const last = layers[layers.length - 1];
  const outputs: object[] = [];
  let doc: string;
  if (cfg.likelihood === 'bernoulli') {
    head(g, h, last, weights, 0, dim, 'logits');
    outputs.push(valueInfo('logits', dim, 'Bernoulli logits: p(x=1|z) = sigmoid(logits)'));
    doc = 'VAE Lab decoder: p(x|z) = Bernoulli(sigmoid(logits))';
  } else if (cfg.likelihood === 'gaussian') {
    head(g, h, last, weights, 0, dim, 'mean');
    outputs.push(valueInfo('mean', dim, 'mean of p(x|z)'));
    doc = `VAE Lab decoder: p(x|z) = N(mean, ${opts.sigma2} I) (fixed variance sigma2 = ${opts.sigma2})`;
  } else {
    head(g, h, last, weights, 0, dim, 'mean');
    const s = head(g, h, last, weights, dim, 2 * dim, 'raw_logvar');
    g.initializer.push(floats('variance_floor', [1], Float32Array.of(opts.varianceFloor)));
    g.node.push({ opType: 'Exp', name: 'variance.exp', input: [s], output: ['variance.exp_s'] });
    g.node.push({
      opType: 'Add',
      name: 'variance.add',
      input: ['variance.exp_s', 'variance_floor'],
      output: ['variance'],
    });
    outputs.push(
      valueInfo('mean', dim, 'mean of p(x|z)'),
      valueInfo('variance', dim, 'variance of p(x|z): floor + exp(s)'),
    );
    doc = `VAE Lab decoder: p(x|z) = N(mean, diag(variance)), variance = ${opts.varianceFloor} + exp(s)`;
  }
  return model(g, 'decoder', doc, [valueInfo('z', cfg.latent, 'latent code')], outputs, appVersion);
}
