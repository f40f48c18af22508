/**
 * The benchmark's report: results per workload and engine, our speed-up over each
 * TensorFlow.js engine, the machine; as one JSON object or as a text table.
 */
import { formatSweep, type SweepTiming } from './sweep-workload';
import type { EngineTiming } from './timing';
import type { WorkloadName } from './workloads';

/** `tfjs-wasm-tuned`: tfjs-wasm with explicit-transpose dense gradients (see bench/tfjs-vae.ts). */
export const ENGINE_NAMES = ['vae-lab', 'tfjs-wasm', 'tfjs-wasm-tuned', 'tfjs-cpu'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
export type BaselineName = Exclude<EngineName, 'vae-lab'>;

/** An engine that could not run says why instead of giving a time. */
export type EngineResult = EngineTiming | { error: string };

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  [extra: string]: unknown;
}

export interface BenchReport {
  workloads: Partial<Record<WorkloadName, Partial<Record<EngineName, EngineResult>>>>;
  /** tfjs ms per epoch ÷ vae-lab ms per epoch (> 1: we are faster); null when either is missing. */
  ratios: Partial<Record<WorkloadName, Partial<Record<BaselineName, number | null>>>>;
  machine: Machine;
  /** Wall time of the whole bench run. */
  wallMs?: number;
  /** The sweep workload: six lecture runs one after another and two at a time. */
  sweep?: SweepTiming | { error: string };
}

export function isTiming(r: EngineResult | undefined): r is EngineTiming {
  return r !== undefined && !('error' in r);
}

/** Adds the ratios to collected results. */
export function buildReport(workloads: BenchReport['workloads'], machine: Machine, wallMs?: number): BenchReport {
  const ratios: BenchReport['ratios'] = {};
  for (const [name, engines] of Object.entries(workloads) as [
    WorkloadName,
    Partial<Record<EngineName, EngineResult>>,
  ][]) {
    const ours = engines['vae-lab'];
    const row: Partial<Record<BaselineName, number | null>> = {};
    for (const baseline of ENGINE_NAMES) {
      if (baseline === 'vae-lab') continue;
      const theirs = engines[baseline];
      if (theirs === undefined) continue;
      row[baseline] =
        isTiming(ours) && isTiming(theirs) && ours.msPerEpoch > 0 ? theirs.msPerEpoch / ours.msPerEpoch : null;
    }
    ratios[name] = row;
  }
  return wallMs === undefined ? { workloads, ratios, machine } : { workloads, ratios, machine, wallMs };
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** One line per workload and engine, then the ratios, for a terminal. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  for (const [name, engines] of Object.entries(report.workloads)) {
    lines.push(`${name}:`);
    for (const [engine, r] of Object.entries(engines) as [EngineName, EngineResult][]) {
      if (!isTiming(r)) {
        lines.push(`  ${engine.padEnd(15)} n/a (${r.error})`);
        continue;
      }
      const loss =
        r.firstLoss === undefined
          ? `loss ${r.finalLoss.toFixed(3)}`
          : `loss ${r.firstLoss.toFixed(3)} → ${r.finalLoss.toFixed(3)}`;
      const leak =
        r.tensors && r.tensors.atEnd !== r.tensors.afterWarmup
          ? `  LEAK: tensors ${r.tensors.afterWarmup} → ${r.tensors.atEnd}`
          : '';
      lines.push(
        `  ${engine.padEnd(15)} ${formatMs(r.msPerEpoch).padStart(8)} ms/epoch  ${loss}  (${r.method ?? `${r.epochs} epochs`})${leak}`,
      );
    }
    const ratios = report.ratios[name as WorkloadName] ?? {};
    for (const [baseline, ratio] of Object.entries(ratios)) {
      lines.push(`  speed-up vs ${baseline}: ${ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`}`);
    }
  }
  if (report.sweep)
    lines.push('error' in report.sweep ? `sweep: n/a (${report.sweep.error})` : formatSweep(report.sweep));
  const m = report.machine;
  lines.push(`machine: ${m.cpu}, ${m.cores} cores, node ${m.node}, ${m.platform}`);
  if (report.wallMs !== undefined) lines.push(`bench wall time: ${(report.wallMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
