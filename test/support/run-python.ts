import { spawn } from 'node:child_process';

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the run was stopped at `timeoutMs` (with its whole process group). */
  timedOut: boolean;
}

/**
 * Runs `python args…` in its own process group and collects its output. A run still going
 * after `timeoutMs` is killed with every process it started (torch.distributed.run's ranks
 * too), so a hung launcher can never outlive its test or hide what it printed.
 */
export function runPython(
  python: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { cwd: options.cwd, env: options.env, detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    }, options.timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}
