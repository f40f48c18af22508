import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { logSpaced } from '../../src/shared/sweep';

describe('vae-lab sweep over β on the lecture data', () => {
  it(
    'active units never increase as β rises over 0.01…16 and all collapse at β = 16 (σ² 1)',
    { timeout: 900_000 },
    async () => {
      const out: string[] = [];
      const err: string[] = [];
      const dir = mkdtempSync(join(tmpdir(), 'vae-lab-sweep-collapse-'));
      const argv = [
        'sweep',
        '--param',
        'beta',
        '--values',
        '0.01..16:6',
        '--jobs',
        '2',
        '--out',
        dir,
        '--log',
        'jsonl',
      ];
      // The lecture's σ² 0.03 keeps βσ² = 0.48 at β = 16, under both eigenvalues of the data (no collapse there);
      // with σ² 1 the effective variance βσ² runs from 0.01 to 16, across both, as the linear-Gaussian law has it.
      const code = await runCli([...argv, '--preset', 'lecture', '--sigma2', '1', '--epochs', '150'], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
      expect(err.join('\n')).toBe('');
      expect(code).toBe(0);
      const runs = out
        .map((l) => JSON.parse(l) as { type: string; run: number; values: { beta: number }; diagnostics: unknown })
        .filter((l) => l.type === 'run')
        .sort((a, b) => a.run - b.run);
      expect(runs.map((r) => r.values.beta)).toEqual(logSpaced(0.01, 16, 6));
      const active = runs.map((r) => (r.diagnostics as { activeUnits: number }).activeUnits);
      // The lecture's latent plane has 2 dimensions: both are used at small β.
      expect(active[0]).toBe(2);
      for (let i = 1; i < active.length; i++)
        expect(active[i], `β ${runs[i].values.beta}`).toBeLessThanOrEqual(active[i - 1]);
      expect(active.at(-1)).toBe(0);
    },
  );
});
