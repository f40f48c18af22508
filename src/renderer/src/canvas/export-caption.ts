/**
 * What a PNG export says it shows: a title line with the dataset, the key settings and the epoch,
 * and a file name that carries the same (vae-lab-latent-map_pinwheel_beta-0.25_epoch-800.png).
 */
import type { ExperimentConfig } from '../../../shared/config';
import { DATASET_KIND_INFO } from '../../../shared/dataset-params';

export interface ExportCaption {
  config: ExperimentConfig;
  epoch: number;
}

/** The title line drawn above an exported picture. */
export function exportTitle(view: string, { config, epoch }: ExportCaption): string {
  const { dataset, model, train } = config;
  const likelihood =
    model.likelihood === 'gaussian'
      ? `Gaussian σ²=${train.sigma2}`
      : model.likelihood === 'gaussian-learned'
        ? 'Gaussian, learned variance'
        : 'Bernoulli';
  const hidden = model.hidden.length > 0 ? model.hidden.join('-') : 'none';
  return [
    `VAE Lab · ${view}`,
    DATASET_KIND_INFO[dataset.kind]?.label ?? dataset.kind,
    `latent ${model.latent}, hidden ${hidden}, ${likelihood}`,
    `β=${train.beta}, lr=${train.lr}`,
    `epoch ${epoch}`,
  ].join(' · ');
}

/** `vae-lab-latent-map.png` with the dataset, β and the epoch put in, safe on every file system. */
export function exportFileName(base: string, { config, epoch }: ExportCaption): string {
  const stem = base.replace(/\.png$/i, '');
  const safe = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${stem}_${safe(config.dataset.kind)}_beta-${safe(String(config.train.beta))}_epoch-${epoch}.png`;
}
