import type { EngineExit } from '../shared/preload-api';
import { RestartPolicy } from './restart-policy';

/** What the supervisor needs of Electron's `UtilityProcess` (fakes stand in for it in tests). */
export interface EngineProcess {
  postMessage(message: unknown, transfer?: PortHandle[]): void;
  kill(): boolean;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

/** Stand-in for `MessagePortMain`: the supervisor only passes ports along. */
export type PortHandle = object;

export interface EngineSupervisorDeps {
  /** `utilityProcess.fork(enginePath, …)`. */
  fork(): EngineProcess;
  /** `new MessageChannelMain()`. */
  createChannel(): { port1: PortHandle; port2: PortHandle };
  /** Hand the page its end: `webContents.postMessage(IPC.enginePort, null, [port])`. */
  sendPortToPage(port: PortHandle): void;
  notifyPage(exit: EngineExit): void;
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  policy?: RestartPolicy;
}

/** Message that carries the engine's end of the channel to the utility process. */
export const ENGINE_PORT_TO_HOST = { type: 'engine-port' } as const;

/**
 * Keeps one engine host process alive for one page: forks it, wires a fresh MessageChannel
 * between it and the page (training traffic never passes through main), restarts it with
 * back-off after a crash, and stops restarting when the policy gives up.
 */
export class EngineSupervisor {
  private child: EngineProcess | null = null;
  private timer: unknown = null;
  private readonly policy: RestartPolicy;
  private stopped = false;

  constructor(private readonly deps: EngineSupervisorDeps) {
    this.policy = deps.policy ?? new RestartPolicy();
  }

  /** Start the engine, or replace a running one (the page reloaded or asked for a restart). */
  start(): void {
    this.stopped = false;
    this.cancelTimer();
    this.killChild();
    const child = this.deps.fork();
    this.child = child;
    const { port1, port2 } = this.deps.createChannel();
    child.postMessage(ENGINE_PORT_TO_HOST, [port1]);
    this.deps.sendPortToPage(port2);
    child.once('exit', (code) => this.onExit(child, code));
  }

  /** The user asked for a fresh engine: forget past crashes, then start. */
  restart(): void {
    this.policy.reset();
    this.start();
  }

  /** Stop for good (window closed, app quitting). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    this.killChild();
  }

  get running(): boolean {
    return this.child !== null;
  }

  private onExit(child: EngineProcess, code: number): void {
    if (child !== this.child) return; // a process we replaced or killed on purpose
    this.child = null;
    if (this.stopped) return;
    const decision = this.policy.recordCrash(this.deps.now());
    if (decision === 'give-up') {
      this.deps.notifyPage({ code, restartInMs: null, gaveUp: true });
      return;
    }
    this.deps.notifyPage({ code, restartInMs: decision, gaveUp: false });
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      if (!this.stopped) this.start();
    }, decision);
  }

  private killChild(): void {
    const child = this.child;
    this.child = null; // cleared first so its exit event is recognised as intended
    child?.kill();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}
