/**
 * Compile-time proof that the engine's result types and the protocol's copies of them
 * (shared cannot import engine) still agree: a change on one side fails `tsc` here.
 */
import type { Diagnostics as EngineDiagnostics } from '../engine/diagnostics';
import type { Divergence as EngineDivergence, EpochMetrics as EngineEpochMetrics, TrainerState } from '../engine/trainer';
import type { LabelledPoint as EngineLabelledPoint } from '../engine/datasets/points';
import type { Diagnostics, Divergence, EpochMetrics, LabelledPoint, TrainerStateData } from '../shared/protocol';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type EngineTypesAgree = [
  Assert<Same<EngineEpochMetrics, EpochMetrics>>,
  Assert<Same<EngineDivergence, Divergence>>,
  Assert<Same<EngineDiagnostics, Diagnostics>>,
  Assert<Same<TrainerState, TrainerStateData>>,
  Assert<Same<EngineLabelledPoint, LabelledPoint>>,
];
