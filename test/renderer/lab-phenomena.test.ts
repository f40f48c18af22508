// @vitest-environment jsdom
/**
 * Choosing a phenomenon in the Lab: its preset, its callout's check, and the question before a started run is
 * replaced.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../../src/shared/config';
import type { Lab } from '../../src/renderer/src/state/lab.svelte';
import { answerConfigure, metricsAt, startLab, trainedTo } from '../support/lab-fixture';

let labs: Lab[] = [];
afterEach(() => {
  for (const lab of labs) lab.dispose();
  labs = [];
});

async function lab() {
  const started = await startLab();
  labs.push(started.lab);
  return started;
}

describe('phenomena in the Lab', () => {
  it('the menu choice builds the preset, waits for its epoch and then judges the metrics', async () => {
    const { host, lab: l } = await lab();
    // Only live settings differ from the lecture run: no rebuild, the job takes them.
    l.choosePreset('collapse-beta');
    expect(l.config.train).toMatchObject({ beta: 300, epochs: 50 });
    expect(l.phenomenon?.title).toBe('Posterior collapse by β');
    expect(l.phenomenonCheck).toEqual({ state: 'training', text: 'The check runs at epoch 50 (now 0).' });
    const collapsed = Array.from({ length: 50 }, (_, i) => ({
      ...metricsAt(i + 1),
      activeUnits: i === 0 ? 2 : 0,
      kl: i === 0 ? 2 : 0.001,
    }));
    host.emit({ type: 'metrics', metrics: collapsed });
    expect(l.phenomenonCheck).toEqual({
      state: 'passed',
      text: '2 → 0 active units, KL 0.001 nats: collapsed, as predicted.',
    });
  });

  it('a plain preset shows no phenomenon', async () => {
    const { lab: l } = await lab();
    l.choosePreset('mnist');
    expect(l.phenomenon).toBeNull();
    expect(l.phenomenonCheck).toBeNull();
  });

  it('from a Learn card, a started run asks first; Cancel keeps it and drops the phenomenon, Continue rebuilds', async () => {
    const { host, lab: l } = await lab();
    trainedTo(host, l, 5);
    l.choosePhenomenon('warmup-on');
    expect(l.pending?.question).toBe('Trying “KL warm-up on” starts training again from epoch 0. Continue?');
    l.cancelPending();
    expect(l.phenomenon).toBeNull();
    expect(l.config.train.warmup).toBe(PRESETS.lecture.train.warmup);

    l.choosePhenomenon('warmup-on');
    const before = host.of('configure').length;
    l.confirmPending();
    await vi.waitFor(() => expect(host.of('configure').length).toBe(before + 1));
    const config = await answerConfigure(host);
    expect(config.train).toMatchObject({ beta: 1, warmup: 50, epochs: 100 });
    expect(l.history).toEqual([]);
    expect(l.phenomenonCheck?.state).toBe('training');
  });

  it('the check does not apply once a live setting leaves the preset', async () => {
    const { lab: l } = await lab();
    l.choosePreset('lecture');
    l.edit({ ...l.config, train: { ...l.config.train, beta: 0.5 } });
    expect(l.phenomenonCheck?.state).toBe('changed');
  });
});
