import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

describe('the web build config', () => {
  it('builds without Vite config warnings (mixed exports, config loader)', () => {
    const out = mkdtempSync(join(tmpdir(), 'vae-lab-web-'));
    try {
      const result = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.mts', '--outDir', out],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const output = result.stdout + result.stderr;
      expect(result.status, output).toBe(0);
      expect(output).not.toContain('MIXED_EXPORTS');
      expect(output).not.toContain('configLoader');
      expect(output).toContain('built in');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
