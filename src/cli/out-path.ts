import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error';

/** The path a file has, or would have once written, with links and `..` resolved. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // Not there yet: its folder may still be reached through a link.
    try {
      return join(realpathSync(dirname(resolve(file))), basename(file));
    } catch {
      return resolve(file);
    }
  }
}

/** Saving the session over the CSV it was trained on would destroy the data: refused before training. */
export function refuseOutOntoInput(out: string | undefined, csvPath: string | undefined): void {
  if (out === undefined || csvPath === undefined || realPath(out) !== realPath(csvPath)) return;
  throw new UsageError(`--out is the input CSV file ${csvPath}; saving the session there would overwrite the data`);
}
