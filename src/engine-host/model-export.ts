/** The files of a model export for the current job (see src/engine/export), ready to move over the port. */
import { exportFiles } from '../engine/export/pytorch';
import type { Trainer } from '../engine/trainer';
import { APP_VERSION } from '../shared/app-version';
import type { ExportedFile, ExportTarget } from '../shared/protocol';

export function modelExportFiles(
  trainer: Trainer,
  target: ExportTarget,
  name: string,
  sessionText: string,
): ExportedFile[] {
  const files = exportFiles(
    {
      name,
      appVersion: APP_VERSION,
      // The live settings in force (β, learning rate, warm-up…) are what train.py continues with.
      config: { ...trainer.config, train: { ...trainer.config.train, ...trainer.live } },
      dim: trainer.data.dim,
      epoch: trainer.epoch,
      weights: trainer.getState().weights,
      train: { x: trainer.data.x, n: trainer.data.n },
      sessionText,
      sigma2: trainer.live.sigma2,
    },
    target,
  );
  // A copy of each, so every file owns its buffer and can be transferred.
  return Object.entries(files).map(([fileName, bytes]) => ({ name: fileName, bytes: bytes.slice() }));
}
