/**
 * Checks between fields of a session that a per-field schema cannot see: every array has the
 * size the configuration implies (weights of the model the config describes, the shuffle
 * order of the training examples, embedded points of the declared width…).
 */
import type { DataTable } from './data-table';
import { EMBEDDED_KINDS, optimizerShapes, parameterShapes, type Session } from './session';

/** A field path and why it is wrong. */
export interface SessionProblem {
  field: string;
  reason: string;
}

const problem = (field: string, reason: string): SessionProblem => ({ field, reason });

/** The first problem found, or null when the sizes agree. */
export function sessionProblem(s: Session): SessionProblem | null {
  return dataProblem(s) ?? stateProblem(s) ?? historyProblem(s) ?? snapshotProblem(s);
}

function dataProblem(s: Session): SessionProblem | null {
  const { data, config } = s;
  const e = data.embedded;
  const needsPoints = (EMBEDDED_KINDS as readonly string[]).includes(config.dataset.kind);
  if (needsPoints && !e)
    return problem('data.embedded', `a "${config.dataset.kind}" dataset must carry its points, and there are none`);
  if (!e) return null;
  if (e.dim !== data.dim) return problem('data.embedded.dim', `is ${e.dim}, but data.dim is ${data.dim}`);
  const inside = tableProblem(e, 'data.embedded');
  if (inside) return inside;
  if (data.trainExamples > e.n)
    return problem('data.trainExamples', `is ${data.trainExamples}, more than the ${e.n} embedded points`);
  return null;
}

/** Sizes inside embedded points (`at` names the field in messages): values n × dim, a label and a class name each. */
export function tableProblem(e: DataTable, at: string): SessionProblem | null {
  if (e.x.length !== e.n * e.dim)
    return problem(`${at}.x`, `has ${e.x.length} values, expected n × dim = ${e.n} × ${e.dim} = ${e.n * e.dim}`);
  if (e.labels.length !== e.n) return problem(`${at}.labels`, `has ${e.labels.length} labels, expected ${e.n}`);
  if (e.columns.length !== e.dim) return problem(`${at}.columns`, `has ${e.columns.length} names, expected ${e.dim}`);
  if (e.classNames && e.classNames.length !== e.classes)
    return problem(`${at}.classNames`, `has ${e.classNames.length} names, expected ${e.classes}`);
  const bad = e.labels.findIndex((l) => l < -1 || l >= e.classes);
  if (bad >= 0) return problem(`${at}.labels[${bad}]`, `is ${e.labels[bad]}, expected -1 … ${e.classes - 1}`);
  return null;
}

function stateProblem(s: Session): SessionProblem | null {
  const { state, config, data } = s;
  if (!state)
    return s.status.epoch === 0 ? null : problem('state', `is missing, but status.epoch is ${s.status.epoch}`);
  const shapes = parameterShapes(config.model, data.dim);
  if (state.weights.length !== shapes.length)
    return problem(
      'state.weights',
      `has ${state.weights.length} tensors, the model in config.model has ${shapes.length}`,
    );
  for (let i = 0; i < shapes.length; i++) {
    if (state.weights[i].length !== shapes[i].length)
      return problem(
        `state.weights[${i}]`,
        `(${shapes[i].name}) has ${state.weights[i].length} values, the model in config.model needs ${shapes[i].length}`,
      );
  }
  const moments = optimizerShapes(config, data.dim);
  const buffers = state.optimizer.buffers;
  if (buffers.length !== moments.length)
    return problem(
      'state.optimizer.buffers',
      `has ${buffers.length} buffers, ${config.train.optimizer} needs ${moments.length}`,
    );
  const wrong = moments.findIndex((len, i) => buffers[i].length !== len);
  if (wrong >= 0)
    return problem(
      `state.optimizer.buffers[${wrong}]`,
      `has ${buffers[wrong].length} values, expected ${moments[wrong]}`,
    );
  if (state.order.length !== data.trainExamples)
    return problem('state.order', `covers ${state.order.length} examples, data.trainExamples is ${data.trainExamples}`);
  const orderProblem = permutationProblem(state.order, data.trainExamples);
  if (orderProblem) return orderProblem;
  const weightProblem = state.weights.map((w, i) => nonFinite(w, `state.weights[${i}]`)).find((p) => p !== null);
  if (weightProblem) return weightProblem;
  const half = buffers.length / 2;
  // A squared gradient can overflow float32 while the weights stay finite, and then the run diverges:
  // a diverged session may keep such moments (resuming it with a new --lr starts them afresh).
  const diverged = s.status.divergence !== null;
  for (let i = 0; i < buffers.length; i++) {
    const p = diverged ? null : nonFinite(buffers[i], `state.optimizer.buffers[${i}]`);
    if (p) return p;
    // Adam keeps first moments, then second moments: averages of squares, never negative.
    const negative = i >= half ? buffers[i].findIndex((x) => x < 0) : -1;
    if (negative >= 0)
      return problem(
        `state.optimizer.buffers[${i}][${negative}]`,
        `is ${buffers[i][negative]}, but Adam's second moments (averages of squared gradients) cannot be negative`,
      );
  }
  if (state.data && state.data.length !== data.trainExamples * data.dim)
    return problem('state.data', `has ${state.data.length} values, expected ${data.trainExamples * data.dim}`);
  if (state.rng.slice(0, 4).some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff))
    return problem('state.rng', 'its first four numbers must be 32-bit unsigned words');
  const p = state.progress;
  const k = config.model.latent;
  if (p) {
    for (const key of ['klPerDim', 'muSum', 'muSumSq'] as const) {
      if (p[key].length !== k)
        return problem(`state.progress.${key}`, `has ${p[key].length} values, config.model.latent is ${k}`);
    }
    if (p.step > p.steps) return problem('state.progress.step', `is ${p.step}, beyond the epoch's ${p.steps} steps`);
  }
  if (state.epoch !== s.status.epoch)
    return problem('status.epoch', `is ${s.status.epoch}, but state.epoch is ${state.epoch}`);
  return null;
}

/** `order` must list each of the `n` training examples exactly once (it is the epoch's shuffle). */
function permutationProblem(order: Uint32Array, n: number): SessionProblem | null {
  const seen = new Uint8Array(n);
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    if (r >= n) return problem(`state.order[${i}]`, `names example ${r}, outside the ${n} training examples`);
    if (seen[r])
      return problem(`state.order[${i}]`, `names example ${r} a second time: the order must list each example once`);
    seen[r] = 1;
  }
  return null;
}

function nonFinite(a: Float32Array, field: string): SessionProblem | null {
  const at = a.findIndex((x) => !Number.isFinite(x));
  if (at < 0) return null;
  return problem(
    `${field}[${at}]`,
    `is ${a[at]}: the model's numbers must be finite (a run that diverged keeps its last finite ones)`,
  );
}

function historyProblem(s: Session): SessionProblem | null {
  const k = s.config.model.latent;
  for (let i = 0; i < s.history.length; i++) {
    const m = s.history[i];
    if (m.klPerDim.length !== k)
      return problem(`history[${i}].klPerDim`, `has ${m.klPerDim.length} values, config.model.latent is ${k}`);
    // Training continues from status.epoch and appends to the history, so anything but 1 … status.epoch
    // would make the continued history out of order.
    if (m.epoch > s.status.epoch)
      return problem(`history[${i}].epoch`, `is ${m.epoch}, but status.epoch is ${s.status.epoch}`);
    if (m.epoch !== i + 1)
      return problem(`history[${i}].epoch`, `is ${m.epoch}, expected ${i + 1} (epochs 1 … status.epoch in order)`);
  }
  if (s.history.length !== s.status.epoch)
    return problem('history', `has ${s.history.length} epochs, but status.epoch is ${s.status.epoch}`);
  return null;
}

function snapshotProblem(s: Session): SessionProblem | null {
  for (const [name, a] of Object.entries(s.snapshot?.arrays ?? {})) {
    const size = a.shape.reduce((p, d) => p * d, 1);
    if (size !== a.values.length)
      return problem(
        `snapshot.arrays[${JSON.stringify(name)}].values`,
        `has ${a.values.length} values, its shape [${a.shape.join(' × ')}] needs ${size}`,
      );
  }
  return null;
}
