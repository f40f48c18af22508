/**
 * The sessions side of the lab: which session is open, whether it has unsaved changes, the list
 * of saved ones, and the actions on them (new, open, save, save as, duplicate, rename, delete,
 * import/export, compare, autosave). Disk or browser storage is behind a SessionStore.
 */
import { decodeSession, encodeSession } from '../../../shared/session-codec';
import type { ExportTarget } from '../../../shared/protocol';
import type { Session } from '../../../shared/session';
import { sessionNameProblem, type BrokenSession, type SessionSummary } from '../../../shared/session-summary';
import { SessionStoreError, type OpenedSession, type SessionRef, type SessionStore } from '../hosts/session-store';
import type { Lab } from './lab.svelte';
import { PRESETS, type PresetName } from '../../../shared/config';
import { presetConfig } from './presets';
import { buildSession, defaultSessionName, sessionToJob } from './session-build';
import { uniqueName } from './session-names';

/** What the unsaved-changes question returns. */
export type DiscardChoice = 'save' | 'discard' | 'cancel';

export interface Question {
  title: string;
  text: string;
  /** Button labels by answer; `cancel` is also Escape. */
  answers: { answer: DiscardChoice; label: string }[];
  /** A text field (Save As's name): its label and first value; the reply carries what was typed. */
  field?: { label: string; value: string };
  reply(answer: DiscardChoice, text?: string): void;
}

/** A saved session picked for comparison. */
export interface Compared {
  summary: SessionSummary;
  session: Session;
}

/** Seconds between autosaves when the preference is unset. */
export const DEFAULT_AUTOSAVE_SECONDS = 60;

const refOf = (s: SessionSummary): SessionRef => ({ place: s.place, id: s.id });

/** Where the page remembers the session it had open, so a reload reopens it. */
const LAST_SESSION_KEY = 'vae-lab.last-session';

export class Sessions {
  /** Saved sessions, newest first, and files that could not be read. */
  saved = $state.raw<SessionSummary[]>([]);
  broken = $state.raw<BrokenSession[]>([]);
  /** Where the open session is saved, or null for one never saved. */
  current = $state.raw<SessionSummary | null>(null);
  name = $state('');
  notes = $state('');
  readOnly = $state(false);
  /** The last thing worth telling the user; `error` when it failed. */
  message = $state.raw<{ text: string; error: boolean; backupOf?: SessionRef } | null>(null);
  question = $state.raw<Question | null>(null);
  /** Sessions picked for comparison (ids) and their loaded contents. */
  picked = $state.raw<string[]>([]);
  compared = $state.raw<Compared[]>([]);
  autosaveSeconds = $state(DEFAULT_AUTOSAVE_SECONDS);
  /** A saved session whose row should open its name field (File ▸ Rename…), or null. */
  renaming = $state<string | null>(null);
  busy = $state(false);

  /** The epoch and configuration last saved or opened; anything else is unsaved work. */
  private baseline = $state.raw({ epoch: 0, config: '' });
  dirty = $derived.by(
    () => this.lab.epoch !== this.baseline.epoch || JSON.stringify(this.lab.config) !== this.baseline.config,
  );

  private createdAt: string | undefined;
  /** The last queued session action; each waits for the one before (see run). */
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly lab: Lab,
    readonly store: SessionStore,
  ) {
    this.name = defaultSessionName(lab.config);
    this.markClean(0);
    // A session never saved is named after its settings, and follows them as they change.
    this.stopNaming = $effect.root(() => {
      $effect(() => {
        const name = defaultSessionName(this.lab.config);
        if (this.current === null && !this.named) this.name = name;
      });
    });
  }

  private readonly stopNaming: () => void;
  /** The unsaved session came with its own name (a run of a sweep): it no longer follows the settings. */
  private named = $state(false);

  /** Load the list and the autosave preference, start autosaving; `reopen`: the session open before a reload. */
  async start(reopen = true): Promise<void> {
    this.autosaveSeconds = await this.store.autosaveSeconds();
    this.schedule();
    await this.refresh();
    if (reopen) await this.reopenLast();
  }

  /** After a reload: open the session the page had open, unless work was begun meanwhile. */
  private async reopenLast(): Promise<void> {
    const last = readLast();
    const summary = last && this.saved.find((s) => s.id === last.id && s.place === last.place);
    if (!summary || this.dirty || this.current !== null) return;
    await this.run(async () => this.show(await this.store.load(refOf(summary))), refOf(summary));
  }

  /** Names of the saved sessions other than the open one. */
  private takenNames(): string[] {
    return this.saved.filter((s) => s.id !== this.current?.id).map((s) => s.name);
  }

  dispose(): void {
    this.stopNaming();
    if (this.timer !== null) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const listing = await this.store.list();
    this.saved = listing.sessions;
    this.broken = listing.broken;
  }

  /** Ask before unsaved work is lost: true when the caller may go on. */
  async mayDiscard(): Promise<boolean> {
    if (!this.dirty) return true;
    const answer = await this.ask({
      title: 'Unsaved changes',
      text: `“${this.name}” has changes that are not saved. Save them first?`,
      answers: [
        { answer: 'save', label: 'Save' },
        { answer: 'discard', label: 'Don’t save' },
        { answer: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer === 'save') return this.save();
    return answer === 'discard';
  }

  /** A question with a text field: the answer and what was typed. */
  askText(q: Omit<Question, 'reply'>): Promise<{ answer: DiscardChoice; text?: string }> {
    return new Promise((resolve) => {
      this.question = {
        ...q,
        reply: (answer, text) => {
          this.question = null;
          resolve({ answer, text });
        },
      };
    });
  }

  ask(q: Omit<Question, 'reply'>): Promise<DiscardChoice> {
    return new Promise((resolve) => {
      this.question = {
        ...q,
        reply: (answer) => {
          this.question = null;
          resolve(answer);
        },
      };
    });
  }

  async newSession(): Promise<void> {
    if (!(await this.mayDiscard())) return;
    const config = presetConfig(this.lab.preset);
    await this.lab.openSaved(config, {}, null);
    this.current = null;
    this.readOnly = false;
    this.createdAt = undefined;
    this.named = false;
    this.name = defaultSessionName(config);
    this.notes = '';
    this.markClean(0);
    rememberLast(null);
    this.say('New session.');
  }

  async open(summary: SessionSummary): Promise<void> {
    if (!(await this.mayDiscard())) return;
    await this.run(async () => this.show(await this.store.load(refOf(summary))), refOf(summary));
  }

  /** A session that lives elsewhere (a run of a sweep): the lab's job, unsaved, under its own name. */
  async openUnsaved(session: Session): Promise<boolean> {
    if (!(await this.mayDiscard())) return false;
    return this.run(async () => {
      const job = sessionToJob(session);
      await this.lab.openSaved(job.config, job.sources, job.restore);
      this.current = null;
      this.readOnly = false;
      this.createdAt = undefined;
      this.named = true;
      this.name = uniqueName(session.name, this.takenNames());
      this.notes = session.notes;
      this.markClean(-1);
      rememberLast(null);
      this.say(`Opened “${session.name}” at epoch ${session.status.epoch}; it is not saved yet.`);
    });
  }

  /** Desktop: Open… with the system dialog. */
  async openFile(): Promise<void> {
    await this.openWith(this.store.openFile?.bind(this.store));
  }

  /** Desktop: the file picked in File ▸ Open Recent. */
  async openRecent(): Promise<void> {
    await this.openWith(this.store.openRecent?.bind(this.store));
  }

  private async openWith(pick: (() => Promise<OpenedSession | null>) | undefined): Promise<void> {
    if (pick === undefined || !(await this.mayDiscard())) return;
    await this.run(async () => {
      const opened = await pick();
      if (opened !== null) await this.show(opened);
    });
  }

  /** Web: a `.vaelab` file chosen in the file input. */
  async importFile(file: { name: string; text(): Promise<string> }): Promise<void> {
    if (this.store.importText === undefined || !(await this.mayDiscard())) return;
    await this.run(async () => {
      await this.show(await this.store.importText!(await file.text(), file.name));
      await this.refresh();
    });
  }

  /** Save to where the session lives (a new library entry the first time). False when it failed. */
  async save(quiet = false): Promise<boolean> {
    if (this.readOnly) return this.saveAs();
    return this.run(async () => {
      if (this.current === null) {
        this.name = uniqueName(this.name.trim() || defaultSessionName(this.lab.config), this.takenNames());
      }
      const { text, epoch, config } = await this.encode();
      this.current = await this.store.save(this.current && refOf(this.current), text);
      rememberLast(this.current);
      this.markClean(epoch, config);
      if (this.current.warning) this.message = { text: this.current.warning, error: true };
      else if (!quiet) this.say(`Saved “${this.name}” at epoch ${epoch}.`);
      await this.refresh();
    });
  }

  /**
   * Save the setup (settings, preset, hidden controls, the user's points; no weights, no history) as a
   * new session file the user names, e.g. for a lesson. The open session stays the open one.
   */
  async saveSetup(): Promise<boolean> {
    await this.refresh();
    const taken = this.saved.map((s) => s.name);
    const suggested = uniqueName(`${this.name.trim() || defaultSessionName(this.lab.config)} setup`, taken);
    const { answer, text: typed } = await this.askText({
      title: 'Save Setup',
      text: 'Save these settings and hidden controls, without the trained model, as a setup named:',
      field: { label: 'Setup name', value: suggested },
      answers: [
        { answer: 'save', label: 'Save' },
        { answer: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer !== 'save') return false;
    const wanted = (typed ?? '').trim();
    const problem = sessionNameProblem(wanted);
    if (problem) {
      this.message = { text: `Not saved: ${problem}.`, error: true };
      return false;
    }
    const name = uniqueName(wanted, taken);
    return this.run(async () => {
      const lab = this.lab;
      const session = buildSession({
        name,
        notes: this.notes,
        config: lab.config,
        sources: lab.sources,
        checkpoint: null,
        history: [],
        dataset: lab.dataset,
        snapshot: null,
        divergence: null,
        classroom: lab.classroom.record(lab.preset),
      });
      const summary = await this.store.saveAs(encodeSession(session), name);
      if (summary === null) return;
      if (summary.warning) this.message = { text: summary.warning, error: true };
      else this.say(`Saved the setup “${summary.name}”: it opens untrained, with these settings and hidden controls.`);
      await this.refresh();
    });
  }

  /** Save a copy under a name the user gives (suggested: the current one, made unique). */
  async saveAs(): Promise<boolean> {
    await this.refresh();
    const taken = this.saved.map((s) => s.name);
    const suggested = uniqueName(this.name.trim() || defaultSessionName(this.lab.config), taken);
    const { answer, text: typed } = await this.askText({
      title: 'Save As',
      text: 'Save this session as a new one, under the name:',
      field: { label: 'Session name', value: suggested },
      answers: [
        { answer: 'save', label: 'Save' },
        { answer: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer !== 'save') return false;
    const wanted = (typed ?? '').trim();
    const problem = sessionNameProblem(wanted);
    if (problem) {
      this.message = { text: `Not saved: ${problem}.`, error: true };
      return false;
    }
    const name = uniqueName(wanted, taken);
    const before = this.name;
    this.name = name;
    const saved = await this.run(async () => {
      const { text, epoch, config } = await this.encode();
      const summary = await this.store.saveAs(text, name);
      if (summary === null) {
        this.name = before;
        return;
      }
      this.current = summary;
      this.name = summary.name;
      rememberLast(summary);
      this.readOnly = false;
      this.markClean(epoch, config);
      const renamed = name === wanted ? '' : ` (“${wanted}” is taken)`;
      if (summary.warning) this.message = { text: summary.warning, error: true };
      else this.say(`Saved “${summary.name}” as a new session${renamed}.`);
      await this.refresh();
    });
    if (!saved) this.name = before;
    return saved;
  }

  async duplicate(s: SessionSummary): Promise<void> {
    await this.run(async () => {
      const copy = await this.store.duplicate(refOf(s));
      this.say(`Duplicated as “${copy.name}”.`);
      await this.refresh();
    });
  }

  async rename(s: SessionSummary, name: string): Promise<void> {
    await this.run(async () => {
      const others = this.saved.filter((x) => x.id !== s.id).map((x) => x.name);
      const renamed = await this.store.rename(refOf(s), uniqueName(name.trim(), others));
      if (this.current?.id === s.id) {
        this.current = renamed;
        this.name = renamed.name;
      }
      await this.refresh();
    });
  }

  async remove(s: SessionSummary): Promise<void> {
    const where = this.store.kind === 'electron' ? 'It goes to the trash.' : 'This cannot be undone.';
    const answer = await this.ask({
      title: 'Delete session',
      text: `Delete “${s.name}”? ${where}`,
      answers: [
        { answer: 'discard', label: 'Delete' },
        { answer: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer !== 'discard') return;
    await this.run(async () => {
      await this.store.remove(refOf(s));
      if (this.current?.id === s.id) {
        this.current = null;
        rememberLast(null);
      }
      this.picked = this.picked.filter((id) => id !== s.id);
      this.say(`Deleted “${s.name}”.`);
      await this.refresh();
    });
  }

  async exportFile(s: SessionSummary): Promise<void> {
    await this.run(() => this.store.exportFile?.(refOf(s)) ?? Promise.resolve());
  }

  /** File ▸ Export model…: the engine makes the files, the store writes them (a folder, or a zip in the web build). */
  async exportModel(target: ExportTarget): Promise<void> {
    const exportModel = this.store.exportModel?.bind(this.store);
    if (exportModel === undefined) return;
    await this.run(async () => {
      const { text } = await this.encode();
      const name = this.name.trim() || defaultSessionName(this.lab.config);
      const files = await this.lab.requestExport(target, name, text);
      const label = target === 'pytorch' ? 'PyTorch' : 'ONNX';
      const where = await exportModel(files, `${name}-${target}`);
      if (where !== null)
        this.say(`Exported the model for ${label}: ${files.map((f) => f.name).join(', ')} → ${where}`);
    });
  }

  async reveal(s: SessionSummary): Promise<void> {
    await this.run(() => this.store.reveal?.(refOf(s)) ?? Promise.resolve());
  }

  async restoreBackup(ref: SessionRef): Promise<void> {
    await this.run(async () => {
      await this.show(await this.store.restoreBackup(ref));
      await this.refresh();
    });
  }

  /** Pick or unpick a saved session for comparison and load the picked ones. */
  async togglePicked(s: SessionSummary): Promise<void> {
    this.picked = this.picked.includes(s.id) ? this.picked.filter((id) => id !== s.id) : [...this.picked, s.id];
    const loaded: Compared[] = [];
    for (const summary of this.saved.filter((x) => this.picked.includes(x.id))) {
      const known = this.compared.find(
        (c) => c.summary.id === summary.id && c.summary.modifiedAt === summary.modifiedAt,
      );
      if (known) loaded.push(known);
      else
        loaded.push({
          summary,
          session: decodeSession((await this.store.load(refOf(summary))).text, summary.name).session,
        });
    }
    this.compared = loaded;
  }

  async setAutosaveSeconds(seconds: number): Promise<void> {
    this.autosaveSeconds = seconds;
    await this.store.setAutosaveSeconds(seconds);
    this.schedule();
  }

  /** Autosave: the open session (or a new one once something was trained), when it has changes. */
  async autosave(): Promise<void> {
    if (!this.dirty || this.readOnly || this.busy || this.lab.epoch === 0) return;
    await this.save(true);
  }

  /** The window is closing: save unsaved training quietly (the desktop app's autosave on quit). */
  async saveBeforeQuit(): Promise<void> {
    if (this.dirty && !this.readOnly && this.lab.epoch > 0) await this.save(true);
  }

  private schedule(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = this.autosaveSeconds > 0 ? setInterval(() => void this.autosave(), this.autosaveSeconds * 1000) : null;
  }

  /** The session as it is now, and the settings it holds (what a save then makes clean). */
  private async encode(): Promise<{ text: string; epoch: number; config: string }> {
    const lab = this.lab;
    // A fresh checkpoint, so the file holds exactly the epoch on screen (10 s covers a 5 MB MNIST model).
    const checkpoint =
      lab.epoch === 0
        ? null
        : await Promise.race([lab.requestCheckpoint(), new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    if (lab.epoch > 0 && checkpoint === null)
      throw new Error('the engine did not hand over the model in time; try again');
    const config = JSON.stringify(lab.config);
    const session = buildSession({
      name: this.name.trim() || defaultSessionName(lab.config),
      notes: this.notes,
      createdAt: this.createdAt,
      config: lab.config,
      sources: lab.sources,
      checkpoint,
      history: lab.history,
      dataset: lab.dataset,
      snapshot: lab.snapshot,
      divergence: lab.divergence,
      classroom: lab.classroom.record(lab.preset),
    });
    this.createdAt = session.createdAt;
    return { text: encodeSession(session), epoch: session.status.epoch, config };
  }

  /** Make an opened session the lab's job. */
  private async show(opened: OpenedSession): Promise<void> {
    const { session, readOnly, message } = decodeSession(opened.text, opened.summary.name);
    const job = sessionToJob(session);
    await this.lab.openSaved(job.config, job.sources, job.restore, job.checksum);
    this.lab.classroom.restore(session.classroom);
    const preset = session.classroom?.preset;
    if (preset && Object.hasOwn(PRESETS, preset)) this.lab.preset = preset as PresetName;
    this.current = opened.summary;
    rememberLast(opened.summary);
    this.readOnly = readOnly;
    this.named = false;
    this.name = session.name;
    this.notes = session.notes;
    this.createdAt = session.createdAt;
    this.markClean(session.status.epoch);
    this.say(message ?? `Opened “${session.name}” at epoch ${session.status.epoch}.`);
  }

  /**
   * `config` is the settings written (JSON), not those on screen when the save ends: an edit made
   * meanwhile stays unsaved.
   */
  private markClean(epoch: number, config = JSON.stringify(this.lab.config)): void {
    this.baseline = { epoch, config };
  }

  /** Tell the user something in the sessions message line. */
  say(text: string): void {
    this.message = { text, error: false };
  }

  /**
   * Run one store action after those before it (a menu Save, an autosave and Save As never
   * overlap, so none can point `current` back at a file another replaced); `busy` while any is
   * queued or running. A failure becomes the message (with the backup offered when there is one).
   */
  private run(action: () => Promise<void>, ref?: SessionRef): Promise<boolean> {
    this.pending += 1;
    this.busy = true;
    const done = this.queue.then(() => this.attempt(action, ref));
    this.queue = done;
    return done.then((ok) => {
      this.pending -= 1;
      if (this.pending === 0) this.busy = false;
      return ok;
    });
  }

  private async attempt(action: () => Promise<void>, ref?: SessionRef): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const offer = e instanceof SessionStoreError && e.hasBackup && ref !== undefined;
      this.message = { text, error: true, ...(offer ? { backupOf: ref } : {}) };
      return false;
    }
  }
}

/** The page's storage, where there is one (not in unit tests under Node). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function rememberLast(summary: SessionSummary | null): void {
  const store = storage();
  if (store === null) return;
  if (summary === null) store.removeItem(LAST_SESSION_KEY);
  else store.setItem(LAST_SESSION_KEY, JSON.stringify(refOf(summary)));
}

function readLast(): SessionRef | null {
  try {
    const value = JSON.parse(storage()?.getItem(LAST_SESSION_KEY) ?? 'null') as SessionRef | null;
    return value && typeof value.id === 'string' && typeof value.place === 'string' ? value : null;
  } catch {
    return null;
  }
}
