/**
 * The files of `vae-lab export --to pytorch` (and of File ▸ Export model… in the app) as bytes by
 * file name. Pure: the session and its training data in, files out; the caller writes them.
 */
import type { ExperimentConfig } from '../../shared/config';
import { encodeNpz } from './npz';
import { DATA_PY, MODEL_PY, SAFETENSORS_LITE_PY, TRAIN_PY } from './python-files';
import { encodeSafetensors } from './safetensors';
import { weightsToTensors } from './tensors';
import { decoderOnnx, encoderOnnx } from './onnx';

import { EXPORT_TARGETS, type ExportTarget } from '../../shared/protocol';

export { EXPORT_TARGETS, type ExportTarget };
export const EXPORT_SETTINGS_FILE = 'vaelab-export.json';
/** The session as exported, so an import keeps its data, history and notes. */
export const EXPORT_SESSION_FILE = 'session.vaelab';
export const WEIGHTS_FILE = 'weights.safetensors';
export const TRAINED_FILE = 'trained.safetensors';
export const HISTORY_FILE = 'history.json';

export interface ExportInput {
  name: string;
  appVersion: string;
  config: ExperimentConfig;
  dim: number;
  /** Completed epochs of the session. */
  epoch: number;
  weights: readonly Float32Array[];
  /** The training examples as the engine sees them `[n × dim]` (after split and standardisation). */
  train: { x: Float32Array; n: number };
  /** The session file's text, kept in the export for `vae-lab import`. */
  sessionText: string;
  /** The σ² in force (a live setting). */
  sigma2: number;
}

const enc = new TextEncoder();

/** vaelab-export.json: what model.py and train.py read. */
export function exportSettings(input: ExportInput): string {
  const { config } = input;
  const mnist = config.dataset.kind === 'mnist';
  const threshold = mnist ? Number(config.dataset.params.threshold ?? 0.5) : undefined;
  return JSON.stringify(
    {
      format: 'vae-lab-export',
      version: 1,
      name: input.name,
      appVersion: input.appVersion,
      dim: input.dim,
      epoch: input.epoch,
      model: config.model,
      train: { ...config.train, sigma2: input.sigma2 },
      dataset: config.dataset,
      data: mnist ? { source: 'mnist', threshold } : { source: 'npz', examples: input.train.n },
    },
    null,
    2,
  );
}

function readme(input: ExportInput, target: ExportTarget): string {
  const { config } = input;
  const arch = `${input.dim}-${[...config.model.hidden, config.model.latent].join('-')} (${config.model.activation}, ${config.model.likelihood} decoder)`;
  if (target === 'onnx')
    return `# ${input.name}: ONNX export from VAE Lab ${input.appVersion}

Model ${arch}, after ${input.epoch} epochs. Opset 17.

- \`encoder.onnx\`: input \`x\` [batch, ${input.dim}] → \`mu\`, \`logvar\` [batch, ${config.model.latent}] (q(z|x) = N(mu, exp(logvar))).
- \`decoder.onnx\`: input \`z\` [batch, ${config.model.latent}] → ${
      config.model.likelihood === 'bernoulli'
        ? '`logits` (p(x=1|z) = sigmoid(logits))'
        : config.model.likelihood === 'gaussian'
          ? `\`mean\` (p(x|z) = N(mean, ${input.sigma2}·I))`
          : '`mean` and `variance` (p(x|z) = N(mean, diag(variance)))'
    }.

Inputs are the data as VAE Lab trains on it (after its standardisation, when the session standardises).

\`\`\`python
import onnxruntime as ort
enc = ort.InferenceSession("encoder.onnx")
mu, logvar = enc.run(None, {"x": x.astype("float32")})
\`\`\`
`;
  const data =
    config.dataset.kind === 'mnist'
      ? 'MNIST is not shipped: `data.py` gets it with torchvision (`torchvision.datasets.MNIST(download=True)`, into ./mnist) and binarises it as the session did.'
      : `\`data.npz\` holds \`x\` [${input.train.n}, ${input.dim}] float32: the training examples exactly as VAE Lab trains on them.`;
  return `# ${input.name}: PyTorch export from VAE Lab ${input.appVersion}

Model ${arch}, after ${input.epoch} epochs. Settings: \`vaelab-export.json\`.
${data}

Needs Python 3.9+ with torch and numpy (safetensors optional; torchvision for MNIST).

\`\`\`sh
python3 model.py                                  # builds the model, loads weights.safetensors, prints it
python3 train.py --epochs 20                      # continue training (GPU when available, else CPU)
torchrun --nproc_per_node 2 train.py --epochs 20  # several processes: DistributedDataParallel (gloo on CPU, nccl on GPU)
vae-lab import . --out trained.vaelab             # back into VAE Lab: trained.safetensors + history.json
\`\`\`

train.py writes \`trained.safetensors\` and \`history.json\` (loss, recon and KL per epoch) into \`--out\` (default: here).
`;
}

/** Every file of the export, by name. */
export function exportFiles(input: ExportInput, target: ExportTarget): Record<string, Uint8Array> {
  const { config, dim, weights } = input;
  const files: Record<string, Uint8Array> = {
    'README.md': enc.encode(readme(input, target)),
    [EXPORT_SESSION_FILE]: enc.encode(input.sessionText),
    [EXPORT_SETTINGS_FILE]: enc.encode(exportSettings(input)),
  };
  if (target === 'onnx') {
    const opts = { sigma2: input.sigma2, varianceFloor: config.train.varianceFloor };
    files['encoder.onnx'] = encoderOnnx(config.model, dim, weights, input.appVersion);
    files['decoder.onnx'] = decoderOnnx(config.model, dim, weights, opts, input.appVersion);
    return files;
  }
  const meta = { format: 'pt', producer: `VAE Lab ${input.appVersion}`, epochs: String(input.epoch) };
  files[WEIGHTS_FILE] = encodeSafetensors(weightsToTensors(config.model, dim, weights), meta);
  files['model.py'] = enc.encode(MODEL_PY);
  files['train.py'] = enc.encode(TRAIN_PY);
  files['data.py'] = enc.encode(DATA_PY);
  files['safetensors_lite.py'] = enc.encode(SAFETENSORS_LITE_PY);
  if (config.dataset.kind !== 'mnist')
    files['data.npz'] = encodeNpz({
      x: { rows: input.train.n, cols: dim, values: input.train.x.subarray(0, input.train.n * dim) },
    });
  return files;
}
