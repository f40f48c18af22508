/** Sessions kept in a Map, as the web build keeps them in IndexedDB (same summaries, same codec). */
import { decodeSession } from '../../src/shared/session-codec';
import { summarize, type SessionListing, type SessionSummary } from '../../src/shared/session-summary';
import type { OpenedSession, SessionRef, SessionStore } from '../../src/renderer/src/hosts/session-store';

export class MemoryStore implements SessionStore {
  readonly kind = 'web';
  readonly texts = new Map<string, string>();
  private summaries = new Map<string, SessionSummary>();
  private lastId = 0;

  async list(): Promise<SessionListing> {
    return { sessions: [...this.summaries.values()].reverse(), broken: [] };
  }
  async load(ref: SessionRef): Promise<OpenedSession> {
    const text = this.texts.get(ref.id);
    if (text === undefined) throw new Error(`no session ${ref.id}`);
    return { summary: this.summaries.get(ref.id)!, text, message: null };
  }
  async save(ref: SessionRef | null, text: string): Promise<SessionSummary> {
    return this.put(ref?.id ?? this.newId(), text);
  }
  async saveAs(text: string): Promise<SessionSummary> {
    return this.put(this.newId(), text);
  }
  async duplicate(ref: SessionRef): Promise<SessionSummary> {
    return this.put(this.newId(), this.texts.get(ref.id)!);
  }
  async rename(ref: SessionRef): Promise<SessionSummary> {
    return this.summaries.get(ref.id)!;
  }
  async remove(ref: SessionRef): Promise<void> {
    this.texts.delete(ref.id);
    this.summaries.delete(ref.id);
  }
  async restoreBackup(): Promise<OpenedSession> {
    throw new Error('no backups here');
  }
  async recent(): Promise<SessionSummary[]> {
    return (await this.list()).sessions;
  }
  async autosaveSeconds(): Promise<number> {
    return 0;
  }
  async setAutosaveSeconds(): Promise<void> {}

  private newId(): string {
    this.lastId += 1;
    return `s${this.lastId}`;
  }
  private put(id: string, text: string): SessionSummary {
    const { session, readOnly } = decodeSession(text, 'the session to save');
    const summary = summarize(id, 'library', session, readOnly);
    this.texts.set(id, text);
    this.summaries.set(id, summary);
    return summary;
  }
}

/**
 * A MemoryStore whose saves wait until the test lets them finish, to try the orders in which
 * actions can end. `held` are the saves under way (in call order); `overlap` the most at once.
 */
export class DelayedStore extends MemoryStore {
  readonly held: { kind: 'save' | 'saveAs'; ref: SessionRef | null; release(): void }[] = [];
  overlap = 0;
  private running = 0;

  override async save(ref: SessionRef | null, text: string): Promise<SessionSummary> {
    await this.hold('save', ref);
    return super.save(ref, text);
  }
  override async saveAs(text: string): Promise<SessionSummary> {
    await this.hold('saveAs', null);
    return super.saveAs(text);
  }

  /** Lets the latest save under way finish (the worst order for a racing caller). */
  releaseLatest(): void {
    const last = this.held.pop();
    if (!last) throw new Error('no save is under way');
    last.release();
  }

  private async hold(kind: 'save' | 'saveAs', ref: SessionRef | null): Promise<void> {
    this.running += 1;
    this.overlap = Math.max(this.overlap, this.running);
    await new Promise<void>((release) => this.held.push({ kind, ref, release }));
    this.running -= 1;
  }
}
