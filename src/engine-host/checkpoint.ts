import type { TrainerState } from '../shared/protocol';
import type { Trainer } from '../engine/trainer';
import { buffersOf } from './snapshots';

/** Why `state` cannot be loaded into `trainer`, or null when every array has the right size. */
export function checkpointMismatch(trainer: Trainer, state: TrainerState): string | null {
  const params = trainer.params;
  if (state.weights.length !== params.length)
    return `${state.weights.length} weight tensors, the model has ${params.length}`;
  for (let i = 0; i < params.length; i++) {
    if (state.weights[i].length !== params[i].value.length)
      return `tensor ${params[i].name} has ${state.weights[i].length} values, expected ${params[i].value.length}`;
  }
  const current = trainer.getState();
  if (state.optimizer.buffers.length !== current.optimizer.buffers.length)
    return `${state.optimizer.buffers.length} optimizer buffers, expected ${current.optimizer.buffers.length}`;
  for (let i = 0; i < current.optimizer.buffers.length; i++) {
    if (state.optimizer.buffers[i].length !== current.optimizer.buffers[i].length)
      return `optimizer buffer ${i} has ${state.optimizer.buffers[i].length} values, expected ${current.optimizer.buffers[i].length}`;
  }
  if (state.order.length !== trainer.data.n)
    return `the shuffle order covers ${state.order.length} examples, the dataset has ${trainer.data.n}`;
  if (state.order.some((r) => r >= trainer.data.n)) return 'the shuffle order names an example outside the dataset';
  const dataLength = trainer.data.resample ? trainer.data.x.length : null;
  if ((state.data?.length ?? null) !== dataLength)
    return `resampled data has ${state.data?.length ?? 'no'} values, expected ${dataLength ?? 'none'}`;
  return null;
}

/** The buffers of a checkpoint (fresh copies from getState, safe to move). */
export function checkpointTransfer(state: TrainerState): ArrayBuffer[] {
  return buffersOf([...state.weights, ...state.optimizer.buffers, state.order, state.data]);
}
