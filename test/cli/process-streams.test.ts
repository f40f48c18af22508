/**
 * The CLI as a real process with pipes: a reader that goes away early (`| head -1`) and a CSV
 * file that can be read only once (`--data path=/dev/stdin`). In-process runs cannot show these.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSession } from '../../src/shared/session-codec';

const dir = mkdtempSync(join(tmpdir(), 'vae-cli-streams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const SMALL = ['--data', 'classes=5,perClass=100', '--no-progress'];

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `vae-lab ARGS` from source (`raw`: ARGS is the whole command). `closeStdout`: 'at-once' closes
 * the reading end before the command writes anything, 'after-first-chunk' as `head -1` does.
 */
function cli(args: string[], opts: { closeStdout?: 'at-once' | 'after-first-chunk'; raw?: boolean } = {}) {
  const [command, ...rest] = opts.raw ? args : ['npx', 'tsx', 'src/cli/index.ts', ...args];
  // Its own process group, so a command that hangs (waiting on a pipe) is ended with npx's children.
  const child = spawn(command, rest, { stdio: 'pipe', detached: true });
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
  child.on('close', () => clearTimeout(timer));
  return new Promise<Finished>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.closeStdout === 'at-once') child.stdout.destroy();
    else
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (opts.closeStdout === 'after-first-chunk') child.stdout.destroy();
      });
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const load = (file: string) => decodeSession(readFileSync(file, 'utf8'), file).session;

describe('a closed stdout ends the command quietly', () => {
  it('eval: exit 0, nothing on stderr', async () => {
    const saved = await cli(['train', ...SMALL, '--epochs', '2', '--out', at('s.vaelab')]);
    expect(saved.code).toBe(0);
    for (const closeStdout of ['at-once', 'after-first-chunk'] as const) {
      const r = await cli(['eval', at('s.vaelab')], { closeStdout });
      expect(r.stderr, closeStdout).toBe('');
      expect(r.code, closeStdout).toBe(0);
    }
  }, 60_000);

  it('train: the run goes on to its last epoch and saves --out; no EPIPE stack trace', async () => {
    const r = await cli(['train', ...SMALL, '--epochs', '60', '--print-every', '1', '--out', at('t.vaelab')], {
      closeStdout: 'after-first-chunk',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error| {4}at /);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Starting VAE training...');
    expect(load(at('t.vaelab')).status.epoch).toBe(60);
  }, 60_000);
});

describe('a CSV from a pipe is read once', () => {
  const rows = ['x,y,kind', ...Array.from({ length: 80 }, (_, i) => `${Math.cos(i)},${Math.sin(i)},${i % 2}`)];
  const csv = `${rows.join('\n')}\n`;
  const trainArgs = (path: string, out: string) =>
    `train --dataset csv --data path=${path},label=kind --epochs 2 --batch-size 16 --log jsonl --out ${out}`.split(' ');

  async function expectTrained(r: Finished, out: string): Promise<void> {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'summary', status: 'done' });
    expect(load(out).data.embedded).toMatchObject({ n: 80, dim: 2, columns: ['x', 'y'], classes: 2 });
  }

  it('`cat points.csv | vae-lab train --data path=/dev/stdin`', async () => {
    writeFileSync(at('points.csv'), csv);
    // A shell pipe, as a user's: a pipe Node spawns itself is a socket, which /dev/stdin cannot open.
    const r = await cli(
      [
        'sh',
        '-c',
        `cat "$0" | npx tsx src/cli/index.ts "$@"`,
        at('points.csv'),
        ...trainArgs('/dev/stdin', at('stdin.vaelab')),
      ],
      {
        raw: true,
      },
    );
    await expectTrained(r, at('stdin.vaelab'));
  }, 60_000);

  it('a named pipe (process substitution, mkfifo)', async () => {
    const fifo = at('points.fifo');
    execFileSync('mkfifo', [fifo]);
    const running = cli(trainArgs(fifo, at('fifo.vaelab')));
    // Opening a FIFO waits for its reader; a second read by the CLI would wait for ever (killed below).
    await writeFile(fifo, csv);
    await expectTrained(await running, at('fifo.vaelab'));
  }, 60_000);
});
