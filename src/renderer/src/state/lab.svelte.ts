/**
 * The state of the lab screen and the actions on it. Everything the engine reports arrives
 * through the Host as events and lands in `$state` fields here; components read them and call
 * the methods. Large arrays that are replaced wholesale are `$state.raw`.
 */
import type { ExperimentConfig, PresetName } from '../../../shared/config';
import type { MenuCommand } from '../../../shared/preload-api';
import { kernelChangeNotice, type KernelChoice, type KernelReport } from '../../../shared/kernels';
import {
  command,
  RECON_LIMIT,
  type DataSources,
  type DatasetInfo,
  type DissectedStep,
  type Divergence,
  type EngineCommand,
  type EngineEvent,
  type EpochMetrics,
  type RunState,
  type Snapshot,
  type Speed,
  type ExportedFile,
  type ExportTarget,
} from '../../../shared/protocol';
import type { EngineStop, Host, Unsubscribe } from '../hosts/host';
import { CheckpointKeeper, type Checkpoint } from './checkpoints';
import { ModelExports } from './model-exports';
import { incompleteReason, needsDownload, sourcesFor, type UserSources } from './data-sources';
import { liveChanges, resetQuestion, structuralChanges } from './experiment';
import { Evaluation } from './evaluation.svelte';
import { appendMetrics, joinTail } from './history';
import { animationFrame, LiveEdits, type NextFrame } from './live-edits';
import { addMark, type LiveMark } from './live-marks';
import { checkState, phenomenonOf, type CheckState, type Phenomenon } from './phenomena';
import { matchingPreset, presetConfig } from './presets';
import { ClassroomState } from './classroom.svelte';

/** A structural change waiting for the user's yes (training has started and would start over). */
export interface PendingChange {
  config: ExperimentConfig;
  sources: UserSources;
  question: string;
}

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
  /** The live changes made during this run, for the loss chart's ticks. */
  liveMarks = $state.raw<LiveMark[]>([]);
  speed = $state<Speed>('max');
  preset = $state<PresetName>('lecture');
  /** What the page is busy with (e.g. downloading MNIST), or null. */
  loading = $state<string | null>(null);
  /** The last message worth telling the user (a refused command, a restore…), or null. */
  notice = $state<string | null>(null);
  /** The data fingerprint of the session being opened, until the engine's dataset event answers it. */
  private savedChecksum: string | null = null;
  /** The kernels the session being opened was trained with, until the engine's dataset event says what it runs on. */
  private savedKernels: KernelChoice | null = null;
  engine = $state<EngineLife>('starting');
  engineStop = $state.raw<EngineStop | null>(null);
  /** The training rows the views show (sent once per configure). */
  dataset = $state.raw<DatasetInfo | null>(null);
  /** The newest picture of the model: encoder means, prior decodings, latent grid, reconstructions. */
  snapshot = $state.raw<Snapshot | null>(null);
  /** Training rows the user picked on the latent map to see reconstructed (newest last, at most RECON_LIMIT). */
  picked = $state.raw<number[]>([]);
  /** The last training step taken apart (Learn, card 11), or null; `dissecting` while one is on its way. */
  dissection = $state.raw<DissectedStep | null>(null);
  dissecting = $state(false);
  /** Whole-dataset diagnostics and the true posterior of a picked point, computed in the engine host. */
  readonly evaluation: Evaluation;
  /** Classroom mode: hidden panels and controls, the lesson's switches, the presented view. */
  readonly classroom = new ClassroomState();

  /** The configuration being edited; the engine's job is built from it (or the last one that worked). */
  config = $state.raw<ExperimentConfig>(presetConfig('lecture'));
  /** The user's own data: imported CSV text, drawn points. */
  sources = $state.raw<UserSources>({});
  /** Why the last dataset could not be built (e.g. a CSV error naming row and column), or null. */
  datasetError = $state<string | null>(null);
  /** A structural change that asks before it resets a started run. */
  pending = $state.raw<PendingChange | null>(null);
  /** What the edited configuration still lacks before it can train (too few drawn points…), or null. */
  incomplete = $derived(incompleteReason(this.config, this.sources));

  first = $derived(this.history[0] ?? null);
  latest = $derived(this.history.at(-1) ?? null);
  /** The engine is up, has a job and nothing else is in progress. */
  ready = $derived(this.engine === 'up' && this.epochs > 0 && this.loading === null);
  canTrain = $derived(this.ready && this.incomplete === null && (this.status === 'idle' || this.status === 'paused'));
  canPause = $derived(this.ready && this.status === 'running');
  canStep = $derived(this.ready && this.incomplete === null && (this.status === 'idle' || this.status === 'paused'));
  /** One dissected step can be taken: as for Step, and while running too (the step pauses training). */
  canDissect = $derived(this.canStep || this.canPause);
  canReset = $derived(this.ready && this.status !== 'error' && this.epoch > 0);
  /** The preset the edited settings match, or null ('Custom') once they leave every preset. */
  presetShown = $derived(matchingPreset(this.config));
  canChoosePreset = $derived(this.engine === 'up' && this.loading === null);
  /** The phenomenon chosen from the preset menu or a Learn card, until its callout is dismissed. */
  phenomenon = $state.raw<Phenomenon | null>(null);
  /** Its check on the live numbers: waiting for the stated epoch, passed, failed, or not applicable. */
  phenomenonCheck = $derived<CheckState | null>(
    this.phenomenon === null
      ? null
      : checkState(
          this.phenomenon,
          {
            config: this.config,
            history: this.history,
            eigenvalues: this.dataset?.spectrum.eigenvalues ?? null,
            snapshot: this.snapshot,
            data: this.dataset?.x ?? null,
          },
          this.presetShown === this.phenomenon.preset,
          this.liveMarks.length > 0,
        ),
  );

  /** The configuration and sources of the job the engine last built, to fall back on when a new one fails. */
  private built: { config: ExperimentConfig; sources: UserSources } | null = null;
  private tried: {
    id: number;
    config: ExperimentConfig;
    sources: UserSources;
    restore: Checkpoint | null;
    fallback: boolean;
  } | null = null;
  private lastId = 0;
  private wasRunning = false;
  private readonly checkpoints = new CheckpointKeeper(
    (id, tail) =>
      this.send(
        command({ type: 'getCheckpoint', id, ...(tail ? { historyFrom: this.history.at(-1)?.epoch ?? 0 } : {}) }),
      ),
    () => this.nextId(),
  );
  private readonly exports = new ModelExports(
    (c) => this.send(c),
    () => this.nextId(),
  );
  private readonly live: LiveEdits;
  /** The settings of the job the engine was last told to build, with the live edits sent to it since (null: none). */
  private engineConfig: ExperimentConfig | null = null;
  private readonly unfollow: Unsubscribe[];

  /** `nextFrame` paces live edits (tests pass their own frames). */
  constructor(
    private readonly host: Host,
    nextFrame: NextFrame = animationFrame,
  ) {
    this.evaluation = new Evaluation(
      (c) => this.send(c),
      () => this.nextId(),
      () => this.dataset,
    );
    this.live = new LiveEdits((live) => host.send(command({ type: 'setLive', live })), nextFrame);
    this.unfollow = [
      host.onEvent((event) => this.receive(event)),
      host.onProtocolError((message) => (this.notice = `Engine message refused: ${message}`)),
      host.onEngineStart((generation) => void this.engineStarted(generation)),
      host.onEngineStop((stop) => this.engineStopped(stop)),
      host.onMenu((item) => this.menu(item)),
    ];
  }

  /** Start the first engine; it is configured with the current preset as soon as it is up. */
  start(): void {
    this.host.connect();
  }

  choosePreset(name: PresetName): void {
    this.preset = name;
    this.phenomenon = phenomenonOf(name);
    this.edit(presetConfig(name));
  }

  /**
   * A phenomenon from its Learn card: its preset, trained from epoch 0. A run that has started
   * asks first, even when only live settings differ, since the check reads the run from its start.
   */
  choosePhenomenon(name: PresetName): void {
    const phenomenon = phenomenonOf(name);
    if (phenomenon === null || this.epoch === 0) return this.choosePreset(name);
    this.preset = name;
    this.phenomenon = phenomenon;
    const question = `Trying \u201c${phenomenon.title}\u201d starts training again from epoch 0. Continue?`;
    this.pending = { config: presetConfig(name), sources: this.sources, question };
  }

  /**
   * Make `next` the edited configuration: live settings go to the running job at once;
   * structural ones rebuild it, after asking when training has started.
   */
  edit(next: ExperimentConfig, sources: UserSources = this.sources): void {
    const structural = structuralChanges(this.config, next);
    const sourcesChanged = sources !== this.sources;
    if (structural.length === 0 && !sourcesChanged) {
      const live = liveChanges(this.config, next);
      const before = this.config.train;
      this.config = next;
      // Sent at the next frame, merged with the edits before it (a slider drag is many edits).
      // What is sent is measured from the job's own settings, so nothing edited before the
      // engine had answered is left out.
      if (this.engine === 'up' && this.engineConfig !== null) {
        const toSend = liveChanges(this.engineConfig, next);
        if (Object.keys(toSend).length > 0) {
          if (this.epoch > 0 && Object.keys(live).length > 0)
            this.liveMarks = addMark(this.liveMarks, this.epoch, before, next.train);
          this.engineConfig = next;
          this.live.add(toSend);
        }
      }
      return;
    }
    const question = resetQuestion(structural.length ? structural : ['the data']);
    if (this.epoch > 0) this.pending = { config: next, sources, question };
    else this.apply(next, sources);
  }

  /** The user said yes to the pending structural change. */
  confirmPending(): void {
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) this.apply(pending.config, pending.sources);
  }

  /** The user said no: the panels go back to the configuration in force. */
  cancelPending(): void {
    this.pending = null;
    // A phenomenon whose preset was not applied is not being shown.
    if (this.phenomenon !== null && this.presetShown !== this.phenomenon.preset) this.phenomenon = null;
  }

  private apply(config: ExperimentConfig, sources: UserSources): void {
    this.config = config;
    this.sources = sources;
    if (incompleteReason(config, sources) === null) void this.configure(config, null, false);
  }

  train(): void {
    this.send(command({ type: this.status === 'paused' ? 'resume' : 'start' }));
  }

  pause(): void {
    this.send(command({ type: 'pause' }));
  }

  step(): void {
    this.send(command({ type: 'step' }));
  }

  /** One training step, taken apart by the engine as it takes it; training pauses after it. */
  dissectStep(): void {
    if (!this.canDissect || this.dissecting) return;
    this.dissecting = true;
    this.send(command({ type: 'dissect', id: this.nextId() }));
  }

  reset(): void {
    this.dissection = null;
    this.checkpoints.forget();
    this.history = [];
    this.liveMarks = [];
    this.send(command({ type: 'reset' }));
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.live.add({ speed });
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

  /** Sessions: a checkpoint of the current job, asked for now; null when the job is replaced first. */
  requestCheckpoint(): Promise<Checkpoint | null> {
    return this.checkpoints.now();
  }

  /** Sessions: the files of a model export (PyTorch or ONNX) of the current job. */
  requestExport(target: ExportTarget, name: string, sessionText: string): Promise<ExportedFile[]> {
    return this.exports.request(target, name, sessionText);
  }

  /** Sessions: replace the job by a saved one (its config and data) and continue from `restore`. */
  /** `checksum`: the CRC-32 of the data the saved weights were trained on, checked when the engine has rebuilt it. */
  openSaved(
    config: ExperimentConfig,
    sources: UserSources,
    restore: Checkpoint | null,
    checksum: string | null = null,
  ): Promise<void> {
    this.pending = null;
    this.savedChecksum = checksum;
    this.savedKernels = restore?.state.kernels ?? null;
    this.config = config;
    this.sources = sources;
    return this.configure(config, restore, false);
  }

  dispose(): void {
    for (const unfollow of this.unfollow) unfollow();
    this.live.drop();
    this.checkpoints.stop();
    this.exports.drop();
  }

  /**
   * Add a training row to the reconstructed ones (or take it out again): the engine reconstructs
   * the picked rows in every snapshot from now on, and sends one at once.
   */
  pickForReconstruction(row: number): void {
    const rest = this.picked.filter((r) => r !== row);
    const picked = rest.length < this.picked.length ? rest : [...rest, row].slice(-RECON_LIMIT);
    this.picked = picked;
    if (picked.length > 0) this.send(command({ type: 'snapshot', recon: picked }));
  }

  /** Every command but setLive goes out here: live edits still waiting go first, in order. */
  private send(c: EngineCommand): void {
    this.live.flush();
    this.host.send(c);
  }

  private nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /**
   * Build the job for `config` on the engine; with `restore`, continue from that checkpoint,
   * and with `run`, keep training afterwards. `isFallback`: this rebuilds the job before a failed one.
   */
  private async configure(
    config: ExperimentConfig,
    restore: Checkpoint | null,
    run: boolean,
    isFallback = false,
  ): Promise<void> {
    this.loading = needsDownload(config) ? 'Loading the MNIST digits…' : null;
    const user = this.sources;
    let sources: DataSources | undefined;
    try {
      sources = await sourcesFor(config, user);
    } catch (e) {
      this.notice = e instanceof Error ? e.message : String(e);
      return;
    } finally {
      this.loading = null;
    }
    const fallbackRestore = restore ?? this.checkpoints.latest;
    this.checkpoints.forget();
    this.history = restore?.history ?? [];
    this.liveMarks = [];
    const id = this.nextId();
    this.tried = { id, config, sources: user, restore: fallbackRestore, fallback: isFallback };
    this.send(command({ type: 'configure', id, config, sources }));
    if (restore !== null) {
      this.checkpoints.receive(this.nextId(), restore);
      this.send(command({ type: 'loadCheckpoint', state: restore.state, history: restore.history }));
    }
    this.engineConfig = config;
    this.catchUpLive();
    if (run) this.send(command({ type: 'start' }));
  }

  /**
   * Live settings edited while the job was being built (a preset chosen before the engine had
   * answered, a slider moved while the data loaded) go to it before anything else, so the job
   * trains with the settings on screen.
   */
  private catchUpLive(): void {
    const built = this.engineConfig;
    if (built === null || structuralChanges(built, this.config).length > 0) return;
    const drift = liveChanges(built, this.config);
    if (Object.keys(drift).length === 0) return;
    this.engineConfig = this.config;
    this.send(command({ type: 'setLive', live: drift }));
  }

  private receive(event: EngineEvent): void {
    if (this.exports.receive(event)) return;
    switch (event.type) {
      case 'status':
        this.status = event.state;
        this.epoch = event.epoch;
        this.epochs = event.epochs;
        this.divergence = event.divergence ?? null;
        this.statusMessage = event.message ?? null;
        this.checkpoints.follow(event.state === 'running');
        if (event.state === 'diverged' || event.state === 'error') this.dissecting = false;
        break;
      case 'metrics':
        this.history = appendMetrics(this.history, event.metrics);
        // Status events come only when the state changes; the newest metrics are the newest epoch.
        this.epoch = this.history.at(-1)?.epoch ?? this.epoch;
        break;
      case 'checkpoint': {
        // A tail (periodic checkpoints) joins the history shown here up to where it starts.
        const history =
          event.historyFrom === undefined ? event.history : joinTail(this.history, event.historyFrom, event.history);
        if (history !== null) this.checkpoints.receive(event.id, { config: event.config, state: event.state, history });
        break;
      }
      case 'dissection':
        this.dissection = event.dissection;
        this.dissecting = false;
        break;
      case 'error':
        if (event.command === 'dissect') this.dissecting = false;
        if (event.command === 'configure' && this.tried !== null && event.id === this.tried.id)
          this.configureFailed(event.message);
        else this.notice = `The engine refused ${event.command ?? 'a message'}: ${event.message}`;
        break;
      case 'dataset':
        this.dataset = event.dataset;
        {
          const before = this.notice;
          this.checkSavedData(event.dataset.checksum);
          this.checkSavedKernels(event.dataset.kernels, this.notice !== before ? this.notice : null);
        }
        this.dissection = null;
        this.picked = [];
        this.evaluation.clear();
        if (this.tried !== null) this.built = { config: this.tried.config, sources: this.tried.sources };
        // Rebuilding the previous dataset after a failure keeps the failure's message on screen.
        if (!this.tried?.fallback) this.datasetError = null;
        break;
      case 'snapshot':
        this.snapshot = event.snapshot;
        break;
      default:
        break; // ready, pong, diagnostics, posterior
    }
    this.evaluation.receive(event, this.epoch);
  }

  /** An opened session's weights were trained on other data than its settings rebuild: say so (the CLI refuses). */
  private checkSavedData(checksum: string): void {
    const saved = this.savedChecksum;
    this.savedChecksum = null;
    if (saved === null || saved === checksum) return;
    this.notice =
      `This session's data, rebuilt from its settings (CRC-32 ${checksum}), are not the data its weights were ` +
      `trained on (CRC-32 ${saved}): was the dataset, its seed or its file changed? The numbers shown may not match the file's.`;
  }

  /** An opened session was trained on another kernel than the engine runs here: say so (it trains on, bits differ). */
  private checkSavedKernels(now: KernelReport | undefined, alsoSaid: string | null): void {
    const saved = this.savedKernels;
    this.savedKernels = null;
    const said = saved && now ? kernelChangeNotice(saved, now) : null;
    if (said !== null) this.notice = alsoSaid === null ? said : `${alsoSaid} ${said}`;
  }

  /** The new job could not be built: say why, and rebuild the one before (from its last checkpoint). */
  private configureFailed(message: string): void {
    this.savedChecksum = null;
    const tried = this.tried;
    this.tried = null;
    this.datasetError = message;
    if (this.built === null || tried === null || tried.fallback) return;
    this.config = this.built.config;
    this.sources = this.built.sources;
    const restore =
      tried.restore !== null && structuralChanges(tried.restore.config, this.built.config).length === 0
        ? tried.restore
        : null;
    void this.configure(this.built.config, restore, false, true);
  }

  private async engineStarted(generation: number): Promise<void> {
    this.engine = 'up';
    this.engineStop = null;
    if (this.speed !== 'max') this.send(command({ type: 'setLive', live: { speed: this.speed } }));
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
    this.live.drop(); // meant for the dead job; the next one is built from the edited config
    this.engineConfig = null;
    this.checkpoints.stop();
    this.exports.drop();
    this.engine = 'down';
    this.engineStop = stop;
    this.dissecting = false;
  }

  private menu(item: MenuCommand): void {
    if (item === 'train-toggle') {
      if (this.canPause) this.pause();
      else if (this.canTrain) this.train();
    } else if (item === 'step' && this.canStep) this.step();
    else if (item === 'reset' && this.canReset) this.reset();
  }
}
