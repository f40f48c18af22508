// @vitest-environment jsdom
/**
 * The Lab (the lab screen's state) against a fake Host: what the user sees after an engine
 * crash, the reset question of a structural change, and how a slider drag reaches the engine.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Job } from '../../src/engine-host/job';
import { datasetInfo } from '../../src/engine-host/snapshots';
import EngineAlert from '../../src/renderer/src/status/EngineAlert.svelte';
import RunStatus from '../../src/renderer/src/status/RunStatus.svelte';
import { withModel, withTrain } from '../../src/renderer/src/state/experiment';
import { Lab } from '../../src/renderer/src/state/lab.svelte';
import { FakeFrames, FakeHost } from '../support/fake-host';
import { answerConfigure, liveOf, metricsAt, startLab, trainedTo } from '../support/lab-fixture';

let labs: Lab[] = [];
afterEach(() => {
  cleanup();
  for (const lab of labs) lab.dispose();
  labs = [];
});

async function lab() {
  const started = await startLab();
  labs.push(started.lab);
  return started;
}

function showStatus(lab: Lab): string {
  render(RunStatus, {
    status: lab.status,
    engine: lab.engine,
    divergence: lab.divergence,
    message: lab.statusMessage,
    loading: lab.loading,
  });
  return screen.getByRole('status', { name: 'Status' }).textContent?.trim() ?? '';
}

describe('Lab after an engine crash', () => {
  it('shows the engine stopped and why, offers no training, and continues from the last checkpoint once it is back', async () => {
    const { host, lab: l } = await lab();
    trainedTo(host, l, 3);
    expect(showStatus(l)).toBe('paused');
    // The keeper asked for a checkpoint when the run paused; the engine answers it.
    const asked = host.of('getCheckpoint').at(-1)!;
    const state = { ...Job.build(l.config).trainer.getState(), epoch: 3 };
    host.emit({ type: 'checkpoint', id: asked.id, config: l.config, state, history: [1, 2, 3].map(metricsAt) });

    host.engineStops({ reason: 'exit code 1', restartInMs: 2000 });
    cleanup();
    expect(showStatus(l)).toBe('engine stopped');
    render(EngineAlert, { stop: l.engineStop!, restarting: false, onrestart: () => undefined });
    expect(screen.getByRole('alert').textContent).toMatch(
      /The training engine stopped \(exit code 1\)\.\s+It restarts by itself in 2 s\./,
    );
    expect([l.canTrain, l.canStep, l.canReset]).toEqual([false, false, false]);

    const before = host.sent.length;
    host.engineStarts();
    await answerConfigure(host);
    expect(l.notice).toBe('The engine was restarted; training continues from epoch 3.');
    expect(host.types(before)).toEqual(['configure', 'loadCheckpoint']);
    expect(host.of('loadCheckpoint').at(-1)!.state.epoch).toBe(3);
  });
});

describe('Lab edits', () => {
  it('asks before a structural change resets a started run, and changes nothing until the answer', async () => {
    const { host, lab: l } = await lab();
    trainedTo(host, l, 5);
    const before = host.sent.length;
    const latent = l.config.model.latent;

    l.edit(withModel(l.config, { latent: 3 }));
    expect(l.pending?.question).toBe('Changing the latent size starts training again from epoch 0. Continue?');
    expect(l.config.model.latent).toBe(latent);
    expect(host.types(before)).toEqual([]);

    l.cancelPending();
    expect(l.pending).toBeNull();
    expect(l.config.model.latent).toBe(latent);

    l.edit(withModel(l.config, { latent: 3 }));
    l.confirmPending();
    await answerConfigure(host);
    expect(host.of('configure').at(-1)!.config.model.latent).toBe(3);
    expect(l.config.model.latent).toBe(3);
  });

  it('does not ask before any epoch has been trained', async () => {
    const { host, lab: l } = await lab();
    l.edit(withModel(l.config, { latent: 4 }));
    expect(l.pending).toBeNull();
    await answerConfigure(host);
    expect(host.of('configure').at(-1)!.config.model.latent).toBe(4);
  });

  it('sends a β drag of many edits as one setLive per frame, with the newest value, before what follows', async () => {
    const { host, frames, lab: l } = await lab();
    const before = host.sent.length;
    for (let i = 1; i <= 30; i++) l.edit(withTrain(l.config, { beta: 0.25 + i / 100 }));
    expect(host.of('setLive')).toHaveLength(0);
    expect(l.config.train.beta).toBeCloseTo(0.55);
    frames.next();
    expect(host.of('setLive').map((c) => c.live)).toEqual([{ beta: 0.55 }]);

    // The next frame's edits merge, whatever they touch; nothing is sent for a frame without edits.
    l.edit(withTrain(l.config, { beta: 0.6 }));
    l.edit(withTrain(l.config, { lr: 0.001 }));
    l.edit(withTrain(l.config, { beta: 0.7 }));
    frames.next();
    frames.next();
    expect(host.of('setLive').map((c) => c.live)).toEqual([{ beta: 0.55 }, { beta: 0.7, lr: 0.001 }]);

    // A command goes out after the edits made before it, without waiting for the frame.
    l.edit(withTrain(l.config, { beta: 0.8 }));
    l.train();
    expect(host.types(before).slice(-2)).toEqual(['setLive', 'start']);
    expect(host.of('setLive').at(-1)!.live).toEqual({ beta: 0.8 });
    expect(frames.waiting).toBe(0);
    host.emit({ type: 'status', state: 'running', epoch: 0, epochs: l.epochs, live: liveOf(l.config) });
    expect(l.status).toBe('running');
  });

  it('a preset chosen before the engine has answered its first configure still reaches the job', async () => {
    const host = new FakeHost();
    const frames = new FakeFrames();
    const l = new Lab(host, frames.nextFrame);
    labs.push(l);
    l.start();
    host.engineStarts();
    await vi.waitFor(() => expect(host.of('configure')).toHaveLength(1));
    // No status yet: the engine is still building the lecture job when the user picks a preset
    // that differs from it only in live settings.
    l.choosePreset('warmup-on');
    frames.next();
    expect(host.of('configure')).toHaveLength(1);
    expect(host.of('setLive')).toHaveLength(1);
    expect(host.of('setLive')[0].live).toMatchObject({ warmup: 50, epochs: 100 });
    l.train();
    expect(host.types().slice(-2)).toEqual(['setLive', 'start']);
  });

  it('a β edit made while a rebuilt job waits for its data is sent to that job right after its configure', async () => {
    const { host, lab: l } = await lab();
    const before = host.sent.length;
    l.edit(withModel(l.config, { latent: 3 })); // the data is fetched before the configure goes out
    l.edit(withTrain(l.config, { beta: 0.3 }));
    await vi.waitFor(() => expect(host.of('configure')).toHaveLength(2));
    const after = host.sent.slice(before);
    const at = after.findIndex((c) => c.type === 'configure');
    expect(after[at]).toMatchObject({ config: { model: { latent: 3 } } });
    const next = after[at + 1];
    const inForce = after[at].type === 'configure' ? after[at].config.train.beta : NaN;
    expect(inForce === 0.3 || (next?.type === 'setLive' && next.live.beta === 0.3)).toBe(true);
  });

  it('forgets edits waiting for a frame when the engine stops (the next job is built from the edited settings)', async () => {
    const { host, frames, lab: l } = await lab();
    l.edit(withTrain(l.config, { beta: 2 }));
    host.engineStops({ reason: 'exit code 1', restartInMs: null });
    frames.next();
    expect(host.of('setLive')).toHaveLength(0);
    host.engineStarts();
    await answerConfigure(host);
    expect(host.of('configure').at(-1)!.config.train.beta).toBe(2);
  });
});

describe('Lab opening a saved session checks its data fingerprint', () => {
  it('says nothing when the rebuilt data are the trained-on data, and names both CRC-32s when not', async () => {
    const { host, lab: l } = await lab();
    const rebuilt = datasetInfo(Job.build(l.config)).dataset.checksum;
    expect(rebuilt).toMatch(/^[0-9a-f]{8}$/);

    void l.openSaved(l.config, {}, null, rebuilt);
    await answerConfigure(host);
    expect(l.notice).toBeNull();

    void l.openSaved(l.config, {}, null, '00000000');
    await answerConfigure(host);
    expect(l.notice).toContain(`rebuilt from its settings (CRC-32 ${rebuilt})`);
    expect(l.notice).toContain('trained on (CRC-32 00000000)');
  });
});

describe('Lab and the kernels the engine runs on', () => {
  it('shows them in the status tooltip, with the reason when fewer threads run than asked for', async () => {
    const { lab: l } = await lab();
    const kernels = l.dataset!.kernels!;
    expect(['relaxed', 'exact', 'js']).toContain(kernels.gemm);
    render(RunStatus, {
      status: l.status,
      engine: l.engine,
      divergence: null,
      message: null,
      loading: null,
      kernels: { gemm: 'exact', threads: 1, note: 'one thread: this host has no SharedArrayBuffer' },
    });
    expect(screen.getByRole('status', { name: 'Status' }).getAttribute('title')).toBe(
      'Kernels: exact SIMD, 1 thread (one thread: this host has no SharedArrayBuffer)',
    );
  });

  it('says so when an opened session was trained on another kernel, and nothing when on the same', async () => {
    const { host, lab: l } = await lab();
    const here = l.dataset!.kernels!;
    const state = Job.build(l.config).trainer.getState();
    const restore = { config: l.config, state, history: [] };

    void l.openSaved(l.config, {}, { ...restore, state: { ...state, kernels: { gemm: here.gemm, threads: 3 } } });
    await answerConfigure(host);
    expect(l.notice).toBeNull();

    const other = here.gemm === 'relaxed' ? 'exact' : 'relaxed';
    void l.openSaved(l.config, {}, { ...restore, state: { ...state, kernels: { gemm: other, threads: 1 } } });
    await answerConfigure(host);
    expect(l.notice).toMatch(
      /^This session was trained with the (relaxed-SIMD FMA|exact SIMD) kernel and continues with/,
    );
  });
});
