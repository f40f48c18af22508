// @vitest-environment jsdom
/**
 * Sessions (the open session and the saved ones) against a fake Host and an in-memory store:
 * the unsaved marker a user sees beside the session's name, the question before unsaved work
 * is lost, and the File menu reaching the page through the Host.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Job } from '../../src/engine-host/job';
import { decodeSession } from '../../src/shared/session-codec';
import SessionMenu from '../../src/renderer/src/sessions/SessionMenu.svelte';
import { withTrain } from '../../src/renderer/src/state/experiment';
import { followSessionMenu } from '../../src/renderer/src/state/session-menu';
import { Sessions } from '../../src/renderer/src/state/sessions.svelte';
import { MemoryStore } from '../support/fake-session-store';
import { answerConfigure, liveOf, metricsAt, startLab, trainedTo } from '../support/lab-fixture';
import { lectureSession } from '../support/session-fixtures';

// jsdom has <dialog> but not its modal methods; the question dialog needs only these.
HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
  this.removeAttribute('open');
};

let disposers: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const dispose of disposers) dispose();
  disposers = [];
});

async function open() {
  const { host, lab } = await startLab();
  const store = new MemoryStore();
  const sessions = new Sessions(lab, store);
  disposers.push(
    () => sessions.dispose(),
    () => lab.dispose(),
  );
  await sessions.start();
  render(SessionMenu, { sessions });
  return { host, lab, store, sessions };
}

/** The session's name as the toolbar shows it, with "•" after it while there are unsaved changes. */
function shownName(): string {
  flushSync();
  const name = screen.getByRole('status', { name: 'Session name' });
  const marker = screen.queryByTitle('Unsaved changes');
  expect(marker === null ? null : marker.getAttribute('aria-label')).toBe(
    name.textContent?.includes('•') ? 'unsaved changes' : null,
  );
  return name.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('the unsaved marker', () => {
  it('appears after an edit and goes after a save', async () => {
    const { lab, store, sessions } = await open();
    expect(shownName()).toBe('pinwheel β=0.25');

    lab.edit(withTrain(lab.config, { beta: 0.5 }));
    // A session never saved is named after its settings.
    expect(shownName()).toBe('pinwheel β=0.5•');

    expect(await sessions.save()).toBe(true);
    expect(shownName()).toBe('pinwheel β=0.5');
    expect(sessions.message).toEqual({ text: 'Saved “pinwheel β=0.5” at epoch 0.', error: false });
    expect(store.texts.size).toBe(1);
  });

  it('appears when training moves on, and goes after a save that holds the epoch on screen', async () => {
    const { host, lab, store, sessions } = await open();
    trainedTo(host, lab, 3);
    expect(shownName()).toBe('pinwheel β=0.25•');

    const saving = sessions.save();
    // The save asks the engine for a fresh checkpoint of the epoch on screen.
    await vi.waitFor(() => expect(host.of('getCheckpoint').at(-1)?.id).toBeGreaterThan(0));
    const asked = host.of('getCheckpoint').at(-1)!;
    const state = { ...Job.build(lab.config).trainer.getState(), epoch: 3 };
    host.emit({ type: 'checkpoint', id: asked.id, config: lab.config, state, history: [1, 2, 3].map(metricsAt) });
    expect(await saving).toBe(true);

    expect(shownName()).toBe('pinwheel β=0.25');
    expect(sessions.message?.text).toBe('Saved “pinwheel β=0.25” at epoch 3.');
    const saved = decodeSession([...store.texts.values()][0], 'saved').session;
    expect([saved.status.epoch, saved.history.length]).toEqual([3, 3]);
  });
});

describe('a run of a sweep opened in the lab', () => {
  it('is a new session, marked unsaved, with the run’s weights; Save adds it beside the one open before', async () => {
    const { host, lab, store, sessions } = await open();
    expect(await sessions.save()).toBe(true);
    const before = sessions.current!;
    const run = { ...lectureSession(), name: 'pinwheel sweep β=0.25' };
    const opening = sessions.openUnsaved(run);
    await answerConfigure(host);
    host.emit({ type: 'status', state: 'paused', epoch: 2, epochs: lab.epochs, live: liveOf(lab.config) });
    expect(await opening).toBe(true);
    // The engine continues from the run's own weights.
    const restored = host.of('loadCheckpoint').at(-1)!.state;
    restored.weights.forEach((w, j) => expect([...w]).toEqual([...run.state!.weights[j]]));
    expect(sessions.current).toBeNull();
    expect(sessions.dirty).toBe(true);
    expect(shownName()).toBe('pinwheel sweep β=0.25•');
    expect(sessions.message?.text).toBe('Opened “pinwheel sweep β=0.25” at epoch 2; it is not saved yet.');

    const saving = sessions.save();
    await vi.waitFor(() => expect(host.of('getCheckpoint').at(-1)?.id).toBeGreaterThan(0));
    const asked = host.of('getCheckpoint').at(-1)!;
    const state = { ...Job.build(lab.config).trainer.getState(), epoch: 2 };
    host.emit({ type: 'checkpoint', id: asked.id, config: lab.config, state, history: run.history });
    expect(await saving).toBe(true);
    // Saved as a new session: the one open before is untouched.
    expect(store.texts.size).toBe(2);
    expect(sessions.current!.id).not.toBe(before.id);
    expect(shownName()).toBe('pinwheel sweep β=0.25');
  });
});

describe('unsaved work', () => {
  it('is not dropped by New without a question, and Cancel keeps everything', async () => {
    const { lab, sessions } = await open();
    lab.edit(withTrain(lab.config, { beta: 0.5 }));
    expect(shownName()).toBe('pinwheel β=0.5•');
    const replaced = sessions.newSession();
    expect(sessions.question?.text).toBe('“pinwheel β=0.5” has changes that are not saved. Save them first?');
    expect(sessions.question?.answers.map((a) => a.label)).toEqual(['Save', 'Don’t save', 'Cancel']);
    flushSync();
    expect(screen.getByRole('alertdialog', { name: 'Unsaved changes' }).textContent).toContain(
      'has changes that are not saved',
    );
    sessions.question!.reply('cancel');
    await replaced;
    flushSync();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(lab.config.train.beta).toBe(0.5);
    expect(shownName()).toBe('pinwheel β=0.5•');
  });
});

describe('the File menu', () => {
  it('reaches the sessions through the Host', async () => {
    const { host, store, sessions } = await open();
    disposers.push(followSessionMenu(sessions, host, store));
    host.menu('rename');
    expect(sessions.message?.text).toBe('Save the session first: it is not on disk yet.');
    host.menu('save');
    await vi.waitFor(() => expect(store.texts.size).toBe(1));
    expect(sessions.current?.name).toBe('pinwheel β=0.25');
  });
});

describe('File ▸ Save Setup…', () => {
  it('writes the settings and hidden controls without weights; opening it gives an untrained lab with them', async () => {
    const { host, lab, store, sessions } = await open();
    disposers.push(followSessionMenu(sessions, host, store));
    lab.edit(withTrain(lab.config, { beta: 0.5 }));
    trainedTo(host, lab, 3);
    lab.classroom.toggle('panel:model');
    lab.classroom.toggle('train.lr');

    host.menu('save-setup');
    await vi.waitFor(() => expect(sessions.question?.title).toBe('Save Setup'));
    sessions.question!.reply('save', 'Collapse lesson');
    await vi.waitFor(() => expect(store.texts.size).toBe(1));
    await vi.waitFor(() => expect(sessions.message?.text).toContain('Saved the setup “Collapse lesson”'));
    const setup = decodeSession([...store.texts.values()][0], 'setup').session;
    expect([setup.state, setup.history, setup.snapshot, setup.status.epoch]).toEqual([null, [], null, 0]);
    expect(setup.config.train.beta).toBe(0.5);
    expect(setup.classroom).toEqual({ preset: 'lecture', hidden: ['panel:model', 'train.lr'] });
    // The open session is still the trained, unsaved one.
    expect(sessions.current).toBeNull();
    expect(lab.epoch).toBe(3);

    lab.classroom.showAll();
    const opening = sessions.open(sessions.saved[0]);
    await vi.waitFor(() => expect(sessions.question).not.toBeNull());
    sessions.question!.reply('discard');
    await opening;
    const configured = host.of('configure').at(-1)!;
    expect(configured.config.train.beta).toBe(0.5);
    expect(host.of('loadCheckpoint')).toHaveLength(0);
    expect(lab.classroom.hidden).toEqual(['panel:model', 'train.lr']);
  });
});
