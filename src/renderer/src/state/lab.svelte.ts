/**
 * The state of the lab screen and the actions on it. Everything the engine reports arrives
 * through the Host as events and lands in `$state` fields here; components read them and call
 * the methods. Large arrays that are replaced wholesale are `$state.raw`.
 */
import type { ExperimentConfig, PresetName } from '../../../shared/config';
import type { MenuCommand } from '../../../shared/preload-api';
import { command, type DatasetInfo, type Diagnostics, type Divergence, type EngineEvent, type EpochMetrics, type RunState, type Snapshot, type Speed } from '../../../shared/protocol';
import type { EngineStop, Host } from '../hosts/host';
import { CheckpointKeeper, type Checkpoint } from './checkpoints';
import { needsDownload, sourcesFor } from './data-sources';
import { appendMetrics } from './history';
import { presetConfig } from './presets';

/** starting: the first engine is on its way; down: it stopped; restarting: the user asked for a new one. */
export type EngineLife = 'starting' | 'up' | 'down' | 'restarting';

export class Lab {
  status = $state<RunState>('idle');
  /** Completed epochs and the target, as the engine last reported them. */
  epoch = $state(0);
  epochs = $state(0);
  divergence = $state.raw<Divergence | null>(null);
  /** Why the status is `error`. */
  statusMessage = $state<string | null>(null);
  /** Every epoch's metrics of the current job, oldest first. */
  history = $state.raw<EpochMetrics[]>([]);
  speed = $state<Speed>('max');
  preset = $state<PresetName>('lecture');
  /** What the page is busy with (e.g. downloading MNIST), or null. */
  loading = $state<string | null>(null);
  /** The last message worth telling the user (a refused command, a restore…), or null. */
  notice = $state<string | null>(null);
  engine = $state<EngineLife>('starting');
  engineStop = $state.raw<EngineStop | null>(null);
  /** The training rows the views show (sent once per configure). */
  dataset = $state.raw<DatasetInfo | null>(null);
  /** The newest picture of the model: encoder means, prior decodings, latent grid, reconstructions. */
  snapshot = $state.raw<Snapshot | null>(null);
  /** The newest whole-dataset diagnostics the engine sent. */
  diagnostics = $state.raw<Diagnostics | null>(null);

  first = $derived(this.history[0] ?? null);
  latest = $derived(this.history.at(-1) ?? null);
  /** The engine is up, has a job and nothing else is in progress. */
  ready = $derived(this.engine === 'up' && this.epochs > 0 && this.loading === null);
  canTrain = $derived(this.ready && (this.status === 'idle' || this.status === 'paused'));
  canPause = $derived(this.ready && this.status === 'running');
  canStep = $derived(this.ready && (this.status === 'idle' || this.status === 'paused'));
  canReset = $derived(this.ready && this.status !== 'error' && this.epoch > 0);
  canChoosePreset = $derived(this.engine === 'up' && this.loading === null);

  private config: ExperimentConfig = presetConfig('lecture');
  private lastId = 0;
  private wasRunning = false;
  private readonly checkpoints = new CheckpointKeeper(
    (id) => this.host.send(command({ type: 'getCheckpoint', id })),
    () => this.nextId(),
  );

  constructor(private readonly host: Host) {
    host.onEvent((event) => this.receive(event));
    host.onProtocolError((message) => (this.notice = `Engine message refused: ${message}`));
    host.onEngineStart((generation) => void this.engineStarted(generation));
    host.onEngineStop((stop) => this.engineStopped(stop));
    host.onMenu((item) => this.menu(item));
  }

  /** Start the first engine; it is configured with the current preset as soon as it is up. */
  start(): void {
    this.host.connect();
  }

  choosePreset(name: PresetName): void {
    this.preset = name;
    this.config = presetConfig(name);
    void this.configure(this.config, null, false);
  }

  train(): void {
    this.host.send(command({ type: this.status === 'paused' ? 'resume' : 'start' }));
  }

  pause(): void {
    this.host.send(command({ type: 'pause' }));
  }

  step(): void {
    this.host.send(command({ type: 'step' }));
  }

  reset(): void {
    this.checkpoints.forget();
    this.history = [];
    this.host.send(command({ type: 'reset' }));
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.host.send(command({ type: 'setLive', live: { speed } }));
  }

  async restartEngine(): Promise<void> {
    this.engine = 'restarting';
    try {
      await this.host.restartEngine();
    } catch (e) {
      this.engine = 'down';
      this.notice = `Restarting the engine failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  dispose(): void {
    this.checkpoints.stop();
  }

  private nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /**
   * Build the job for `config` on the engine; with `restore`, continue from that checkpoint,
   * and with `run`, keep training afterwards.
   */
  private async configure(config: ExperimentConfig, restore: Checkpoint | null, run: boolean): Promise<void> {
    this.loading = needsDownload(config) ? 'Loading the MNIST digits…' : null;
    let sources;
    try {
      sources = await sourcesFor(config);
    } catch (e) {
      this.notice = e instanceof Error ? e.message : String(e);
      return;
    } finally {
      this.loading = null;
    }
    this.checkpoints.forget();
    this.history = restore?.history ?? [];
    this.host.send(command({ type: 'configure', config, sources }));
    if (restore !== null) {
      this.checkpoints.receive(this.nextId(), restore);
      this.host.send(command({ type: 'loadCheckpoint', state: restore.state, history: restore.history }));
    }
    if (run) this.host.send(command({ type: 'start' }));
  }

  private receive(event: EngineEvent): void {
    switch (event.type) {
      case 'status':
        this.status = event.state;
        this.epoch = event.epoch;
        this.epochs = event.epochs;
        this.divergence = event.divergence ?? null;
        this.statusMessage = event.message ?? null;
        this.checkpoints.follow(event.state === 'running');
        break;
      case 'metrics':
        this.history = appendMetrics(this.history, event.metrics);
        // Status events come only when the state changes; the newest metrics are the newest epoch.
        this.epoch = this.history.at(-1)?.epoch ?? this.epoch;
        break;
      case 'checkpoint':
        this.checkpoints.receive(event.id, { config: event.config, state: event.state, history: event.history });
        break;
      case 'error':
        this.notice = `The engine refused ${event.command ?? 'a message'}: ${event.message}`;
        break;
      case 'dataset':
        this.dataset = event.dataset;
        break;
      case 'snapshot':
        this.snapshot = event.snapshot;
        break;
      case 'diagnostics':
        this.diagnostics = event.diagnostics;
        break;
      default:
        break; // ready, pong
    }
  }

  private async engineStarted(generation: number): Promise<void> {
    this.engine = 'up';
    this.engineStop = null;
    if (this.speed !== 'max') this.host.send(command({ type: 'setLive', live: { speed: this.speed } }));
    if (generation === 1) return this.configure(this.config, null, false);
    const restore = this.checkpoints.latest;
    const config = restore?.config ?? this.config;
    this.notice = restore
      ? `The engine was restarted; training continues from epoch ${restore.state.epoch}.`
      : 'The engine was restarted; the experiment starts again from epoch 0.';
    await this.configure(config, restore, this.wasRunning && restore !== null);
  }

  private engineStopped(stop: EngineStop): void {
    this.wasRunning = this.status === 'running';
    this.checkpoints.stop();
    this.engine = 'down';
    this.engineStop = stop;
  }

  private menu(item: MenuCommand): void {
    if (item === 'train-toggle') {
      if (this.canPause) this.pause();
      else if (this.canTrain) this.train();
    } else if (item === 'step' && this.canStep) this.step();
    else if (item === 'reset' && this.canReset) this.reset();
  }
}
