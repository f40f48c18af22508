/**
 * A run of a sweep in the app gives the same numbers, to the bit, as the same settings trained
 * alone. The app's Sweep drives real engine hosts (each behind the web build's WebHost, on an
 * in-process port pair instead of a Web Worker), two runs at a time, interleaved on this thread;
 * each run is then trained alone on a host of its own from a configuration written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { cloneConfig, PRESETS } from '../../src/shared/config';
import type { EpochMetrics } from '../../src/shared/protocol';
import { runHost } from '../../src/engine-host/host';
import { WebHost, type WorkerLike } from '../../src/renderer/src/hosts/web-host';
import { Sweep } from '../../src/renderer/src/state/sweep.svelte';
import { createPortPair } from '../support/port-pair';
import { startHost } from '../support/engine-host';

const EPOCHS = 6;
const BETAS = [0.05, 2];

/** A "worker" that runs the engine host on this thread. */
function inProcessWorker(): WorkerLike {
  const [hostEnd, pageEnd] = createPortPair();
  runHost(hostEnd);
  let terminated = false;
  const worker: WorkerLike = {
    onmessage: null,
    onmessageerror: null,
    onerror: null,
    postMessage: (message, transfer) => {
      if (!terminated) pageEnd.post(message, transfer);
    },
    terminate: () => {
      terminated = true;
    },
  };
  pageEnd.onMessage((data) => {
    if (!terminated) worker.onmessage?.({ data });
  });
  return worker;
}

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const withoutTime = (h: EpochMetrics[]) => h.map(({ ms: _, ...m }) => m);

async function trainAlone(beta: number) {
  const config = cloneConfig(PRESETS.lecture);
  config.train.beta = beta;
  config.train.epochs = EPOCHS;
  const host = startHost();
  host.send({ type: 'configure', config });
  host.send({ type: 'start' });
  await host.waitFor('status', (e) => e.state === 'done', 0);
  host.send({ type: 'evaluate', iwaeK: 0 });
  const { diagnostics } = await host.waitFor('diagnostics');
  host.send({ type: 'getCheckpoint' });
  const checkpoint = await host.waitFor('checkpoint');
  return { diagnostics, checkpoint };
}

describe('a run of an app sweep', () => {
  it('is bit-identical to the same settings trained alone', { timeout: 600_000 }, async () => {
    const sweep = new Sweep(() => new WebHost(inProcessWorker));
    const base = cloneConfig(PRESETS.lecture);
    base.train.epochs = EPOCHS;
    sweep.start({ param: 'beta', values: BETAS }, base, {}, 2);
    await expect
      .poll(() => sweep.runs.map((r) => r.phase), { timeout: 540_000, interval: 200 })
      .toEqual(['done', 'done']);
    for (const [i, beta] of BETAS.entries()) {
      const run = sweep.runs[i];
      const alone = await trainAlone(beta);
      expect(run.trained!.config.train.beta).toBe(beta);
      expect(run.trained!.state.epoch).toBe(EPOCHS);
      expect(alone.checkpoint.state.epoch).toBe(EPOCHS);
      const weights = run.trained!.state.weights;
      expect(weights).toHaveLength(alone.checkpoint.state.weights.length);
      weights.forEach((w, j) => expect(bytes(w).equals(bytes(alone.checkpoint.state.weights[j]))).toBe(true));
      expect(withoutTime(run.trained!.history)).toEqual(withoutTime(alone.checkpoint.history));
      // The final figures too: −ELBO, I(x;z) and its se, and the exact −log p(x) (latent size 2).
      const d = alone.diagnostics;
      expect(run.figures).toMatchObject({
        negElbo: d.negElbo,
        mutualInfo: d.mutualInfo,
        activeUnits: d.activeUnits,
        se: { mutualInfo: d.se.mutualInfo },
        likelihood: { method: 'exact', negLogPx: d.exact!.negLogPx },
      });
      // The session a click opens in the lab holds these weights.
      const session = sweep.runSession(run)!;
      session.state!.weights.forEach((w, j) => expect(bytes(w).equals(bytes(weights[j]))).toBe(true));
    }
    sweep.dispose();
  });
});
