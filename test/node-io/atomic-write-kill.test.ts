import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/node-io/atomic-write';
import { cleanStrayTempFiles, tempFileOwner } from '../../src/node-io/temp-files';
import { compileWriterChild, loopContent } from '../support/atomic-write-child';

/** Kill-during-save trials; VAELAB_KILL_TRIALS raises it for a longer soak. */
const TRIALS = Number(process.env.VAELAB_KILL_TRIALS ?? 120);
const SIZE = 2 * 1024 * 1024;

let child: string;
let dir: string;
beforeAll(() => {
  child = compileWriterChild();
  dir = mkdtempSync(join(tmpdir(), 'vaelab-kill-'));
});
afterAll(() => {
  rmSync(dirname(child), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the looping saver, waits until it is saving, lets it run `ms`, then SIGKILLs it. */
async function killDuringSaves(target: string, ms: number): Promise<void> {
  const p = spawn(process.execPath, [child, 'loop', target, String(SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    p.stdout.once('data', () => ready());
    p.once('exit', (code) => fail(new Error(`saver exited early with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, ms));
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
}

describe('a process killed during a save', () => {
  it(`leaves the complete old or the complete new file, never a broken one (${TRIALS} kills at random moments)`, async () => {
    const a = loopContent('A', SIZE);
    const b = loopContent('B', SIZE);
    const target = join(dir, 'run.vaelab');
    // Two saves first, so both the file and its backup exist before the first kill.
    writeFileAtomic(target, a);
    writeFileAtomic(target, a);
    const seen = { A: 0, B: 0 };
    let strays = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      // 0–40 ms covers every step of several saves of a 2 MiB file.
      await killDuringSaves(target, Math.random() * 40);
      for (const name of ['run.vaelab', 'run.vaelab.bak']) {
        const bytes = readFileSync(join(dir, name));
        const whole = bytes.equals(a) ? 'A' : bytes.equals(b) ? 'B' : null;
        expect(whole, `trial ${trial}: ${name} is neither complete version (${bytes.length} bytes)`).not.toBeNull();
        if (name === 'run.vaelab') seen[whole!]++;
      }
      strays += cleanStrayTempFiles(dir).length;
      expect(readdirSync(dir).filter((n) => tempFileOwner(n) !== null)).toEqual([]);
    }
    console.info(
      `kill-during-save: ${TRIALS} trials, target was version A ${seen.A}× and B ${seen.B}×, ${strays} stray temp files cleaned`,
    );
    // The kills landed both before and after renames, and some mid-write (temp files left behind).
    expect(seen.A).toBeGreaterThan(0);
    expect(seen.B).toBeGreaterThan(0);
    expect(strays).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['run.vaelab', 'run.vaelab.bak']);
  }, 300_000);
});
