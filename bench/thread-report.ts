/** Our engine per thread count: ms per epoch, speed-up over the fastest TensorFlow.js form, memory. */
import { isTiming, type BenchReport } from './report';
import type { VaeLabTiming } from './vae-lab-workload';
import type { WorkloadName } from './workloads';

export type ThreadRuns = Partial<Record<WorkloadName, Record<number, VaeLabTiming | { error: string }>>>;

const MIB = 1024 * 1024;

export function formatThreadRuns(report: BenchReport & { threads: ThreadRuns }): string {
  const lines: string[] = [];
  for (const [workload, runs] of Object.entries(report.threads)) {
    const engines = report.workloads[workload as WorkloadName] ?? {};
    const tfjs = Object.entries(engines)
      .filter(([name, r]) => name !== 'vae-lab' && isTiming(r))
      .map(([name, r]) => ({ name, ms: (r as VaeLabTiming).msPerEpoch }))
      .sort((a, b) => a.ms - b.ms)[0];
    lines.push(`${workload}, vae-lab by thread count${tfjs ? ` (vs fastest TF.js form, ${tfjs.name})` : ''}:`);
    for (const [threads, r] of Object.entries(runs)) {
      if (!('msPerEpoch' in r)) {
        lines.push(`  ${threads} thread(s): n/a (${r.error})`);
        continue;
      }
      const speedUp = tfjs ? `  ${(tfjs.ms / r.msPerEpoch).toFixed(2)}×` : '';
      const note = r.threadNote ? `  [${r.threadNote}]` : '';
      lines.push(
        `  ${threads} thread(s): ${r.msPerEpoch.toFixed(2).padStart(8)} ms/epoch${speedUp}  gemm ${r.gemm}, ` +
          `arena ${(r.arenaBytes / MIB).toFixed(1)} MiB, peak RSS ${(r.peakRssBytes / MIB).toFixed(0)} MiB${note}`,
      );
    }
  }
  return lines.join('\n');
}
