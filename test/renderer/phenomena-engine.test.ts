import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloneConfig, PRESETS } from '../../src/shared/config';
import type { EpochMetrics } from '../../src/shared/protocol';
import { Job } from '../../src/engine-host/job';
import { computeSnapshot, datasetInfo } from '../../src/engine-host/snapshots';
import { checkEpoch, checkState, PHENOMENA, type Phenomenon } from '../../src/renderer/src/state/phenomena';

/** Trains the phenomenon's preset in the engine, as the lab's worker does, and reads its check. */
function trainAndCheck(p: Phenomenon): { state: string; text: string } {
  const config = cloneConfig(PRESETS[p.preset]);
  const sources =
    config.dataset.kind === 'mnist' ? { mnistBytes: readFileSync('resources/mnist-digits.bin').buffer } : {};
  const job = Job.build(config, sources as { mnistBytes?: ArrayBuffer });
  const history: EpochMetrics[] = [];
  while (history.length < checkEpoch(p)) history.push(job.trainer.runEpoch()!);
  const { snapshot } = computeSnapshot(job, () => 0);
  const reading = {
    config,
    history,
    eigenvalues: job.spectrum.eigenvalues,
    snapshot,
    data: datasetInfo(job).dataset.x,
  };
  return checkState(p, reading, true, false);
}

describe('each phenomenon preset shows its effect within its stated epochs (the engine, seeded)', () => {
  for (const p of PHENOMENA) {
    it(`${p.title}: passes at epoch ${checkEpoch(p)}`, { timeout: 240_000 }, () => {
      const result = trainAndCheck(p);
      console.log(`${p.preset}: ${result.text}`);
      expect(result.state).toBe('passed');
    });
  }
});
