/** Requests for the files of a model export (the engine's exportModel command) and their answers. */
import {
  command,
  type EngineCommand,
  type EngineEvent,
  type ExportedFile,
  type ExportTarget,
} from '../../../shared/protocol';

export class ModelExports {
  private readonly waiting = new Map<number, { resolve(files: ExportedFile[]): void; reject(e: Error): void }>();

  constructor(
    private readonly send: (c: EngineCommand) => void,
    private readonly nextId: () => number,
  ) {}

  /** The files of the export of the current job; `sessionText` goes into it for `vae-lab import`. */
  request(target: ExportTarget, name: string, sessionText: string): Promise<ExportedFile[]> {
    const id = this.nextId();
    const answer = new Promise<ExportedFile[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.send(command({ type: 'exportModel', id, target, name, sessionText }));
    return answer;
  }

  /** True when the event answered a request (files, or the engine's refusal). */
  receive(event: EngineEvent): boolean {
    if (event.type !== 'exportFiles' && !(event.type === 'error' && event.command === 'exportModel')) return false;
    const waiter = event.id === undefined ? undefined : this.waiting.get(event.id);
    if (waiter === undefined) return false;
    this.waiting.delete(event.id!);
    if (event.type === 'exportFiles') waiter.resolve(event.files);
    else waiter.reject(new Error(`The model could not be exported: ${event.message}`));
    return true;
  }

  /** The engine went away: no answer will come. */
  drop(): void {
    for (const w of this.waiting.values()) w.reject(new Error('The engine stopped before the export was ready.'));
    this.waiting.clear();
  }
}
