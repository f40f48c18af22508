/** Where a command writes: injectable so tests run commands in-process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** A transient status line (progress bar) on a terminal; absent when not a terminal. */
  status?(text: string): void;
}

/** Set once the reader of stdout has gone (`vae-lab eval s.vaelab | head -1`). */
let stdoutClosed = false;

/**
 * A reader that goes away is no failure: its lines are dropped from then on, and the command goes
 * on (a training run still saves its --out file) and ends with its own exit code, with no EPIPE
 * stack trace. Installed by the process entry only, so tests running commands in-process leave
 * their own stdout alone.
 */
export function dropLinesWhenStdoutCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    stdoutClosed = true;
  });
}

export const PROCESS_IO: CliIo = {
  out: (line) => {
    // The stream is destroyed at the failed write itself; its error event only comes after the command.
    if (!stdoutClosed && !process.stdout.destroyed) process.stdout.write(`${line}\n`);
  },
  err: (line) => process.stderr.write(`${line}\n`),
  status: process.stderr.isTTY ? (text) => process.stderr.write(`\r${text}\x1b[K`) : undefined,
};

/** `[##########..........]  312/800` */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}`;
}
