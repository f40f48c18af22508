// @vitest-environment jsdom
/**
 * Session actions that overlap (a menu Save during an autosave, Save As while a save is under
 * way), tried in the orders that break unserialised code, with a store whose saves finish only
 * when the test lets them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSession } from '../../src/shared/session-codec';
import { withTrain } from '../../src/renderer/src/state/experiment';
import { followSessionMenu } from '../../src/renderer/src/state/session-menu';
import { Sessions } from '../../src/renderer/src/state/sessions.svelte';
import { DelayedStore } from '../support/fake-session-store';
import { startLab } from '../support/lab-fixture';

let disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers) dispose();
  disposers = [];
});

async function open() {
  const { host, lab } = await startLab();
  const store = new DelayedStore();
  const sessions = new Sessions(lab, store);
  disposers.push(
    () => sessions.dispose(),
    () => lab.dispose(),
  );
  await sessions.start();
  return { host, lab, store, sessions };
}

/** Answers Save As's name question with the name it suggests. */
async function acceptSaveAsName(sessions: Sessions): Promise<void> {
  await vi.waitFor(() => expect(sessions.question?.field).toBeDefined());
  const question = sessions.question!;
  question.reply('save', question.field!.value);
}

/** Lets saves finish, always the latest under way first, until every action in `actions` has ended. */
async function finishLatestFirst(store: DelayedStore, actions: Promise<unknown>[]): Promise<void> {
  let ended = false;
  const all = Promise.all(actions).then(() => (ended = true));
  while (!ended) {
    await vi.waitFor(() => expect(ended || store.held.length > 0).toBe(true));
    if (store.held.length > 0) store.releaseLatest();
    await Promise.resolve();
  }
  await all;
}

describe('session actions run one after another', () => {
  it('a late autosave cannot point the session back at the old file after Save As', async () => {
    const { lab, store, sessions } = await open();
    await finishLatestFirst(store, [sessions.save()]);
    expect(sessions.current?.id).toBe('s1');
    lab.edit(withTrain(lab.config, { beta: 0.5 }));
    const autosave = sessions.save(true); // what the autosave timer runs
    await vi.waitFor(() => expect(store.held).toHaveLength(1));
    const saveAs = sessions.saveAs();
    await acceptSaveAsName(sessions);
    expect(sessions.busy).toBe(true);
    await finishLatestFirst(store, [autosave, saveAs]);
    expect(store.overlap).toBe(1);
    expect(sessions.current?.id).toBe('s2');
    expect(sessions.busy).toBe(false);
    // The next save goes to the Save As file.
    lab.edit(withTrain(lab.config, { beta: 0.75 }));
    await finishLatestFirst(store, [sessions.save(true)]);
    expect(decodeSession(store.texts.get('s2')!, 's2').session.config.train.beta).toBe(0.75);
    expect(decodeSession(store.texts.get('s1')!, 's1').session.config.train.beta).toBe(0.5);
  });

  it('Save and Save As from the menu wait for a save under way, and busy lasts until the last one ends', async () => {
    const { host, store, sessions } = await open();
    disposers.push(followSessionMenu(sessions, host, store));
    const first = sessions.save();
    await vi.waitFor(() => expect(store.held).toHaveLength(1));
    host.menu('save');
    host.menu('save-as');
    await acceptSaveAsName(sessions);
    await Promise.resolve();
    expect(store.held).toHaveLength(1);
    store.releaseLatest();
    await first;
    expect(sessions.busy).toBe(true);
    await vi.waitFor(() => expect(store.held).toHaveLength(1));
    expect(store.held[0]).toMatchObject({ kind: 'save', ref: { id: 's1' } });
    store.releaseLatest();
    await vi.waitFor(() => expect(store.held).toHaveLength(1));
    expect(store.held[0].kind).toBe('saveAs');
    store.releaseLatest();
    await vi.waitFor(() => expect(sessions.busy).toBe(false));
    expect(store.overlap).toBe(1);
    expect(sessions.current?.id).toBe('s2');
  });

  it('an edit made while a save is under way stays unsaved: the settings written are the ones marked clean', async () => {
    const { lab, store, sessions } = await open();
    const saving = sessions.save();
    await vi.waitFor(() => expect(store.held).toHaveLength(1));
    lab.edit(withTrain(lab.config, { beta: 0.5 }));
    store.releaseLatest();
    expect(await saving).toBe(true);
    expect(decodeSession(store.texts.get('s1')!, 's1').session.config.train.beta).toBe(0.25);
    expect(sessions.dirty).toBe(true);
  });
});
