/**
 * Where a save goes, checked before anything is written: a symlinked target is followed to the
 * file it names, the folder must exist and take new files, and neither the file nor its backup
 * name may be a folder or too long. The CLI runs the full check before training, so a bad `--out`
 * is refused at once instead of after the whole run.
 */
import fs from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { REASONS, SaveError, toSaveError } from './save-error';
import { tempFileName } from './temp-files';

export const BACKUP_SUFFIX = '.bak';
/** The longest file name most file systems take, in bytes. */
export const MAX_NAME_BYTES = 255;

/** Links followed before a path is called dangling or looping. */
const MAX_LINKS = 40;

/** The file a save to `target` replaces: `target` itself, or where its symlink (chain) points, existing or not. */
export function followLink(target: string): string {
  let path = resolve(target);
  for (let i = 0; i < MAX_LINKS; i++) {
    let link: string;
    try {
      if (!fs.lstatSync(path).isSymbolicLink()) return path;
      link = fs.readlinkSync(path);
    } catch {
      return path;
    }
    path = isAbsolute(link) ? link : resolve(dirname(path), link);
  }
  return path;
}

export interface TargetProblem {
  code: string;
  reason: string;
}

/** Cheap checks the writer makes before each save: the folder, and that neither the file nor its backup is a folder. */
export function targetFolderProblem(real: string, backup: boolean): TargetProblem | null {
  const dir = dirname(real);
  let folder: fs.Stats;
  try {
    folder = fs.statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    return { code, reason: code === 'ENOENT' ? 'the folder does not exist' : (REASONS[code] ?? (e as Error).message) };
  }
  if (!folder.isDirectory()) return { code: 'ENOTDIR', reason: `${dir} is not a folder` };
  if (isFolder(real)) return { code: 'EISDIR', reason: 'it is a folder' };
  if (backup && isFolder(real + BACKUP_SUFFIX))
    return { code: 'EISDIR', reason: `${real + BACKUP_SUFFIX} is a folder, so the previous version cannot be kept` };
  return null;
}

function isFolder(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether a save to `target` can succeed, short of the disk filling up: the checks above, the
 * backup name's length, and a real file created and removed in the folder (permissions, a
 * read-only disk). Returns the SaveError the save would throw, or null.
 */
export function saveTargetProblem(target: string): SaveError | null {
  const real = followLink(target);
  const problem = targetFolderProblem(real, true);
  if (problem) return new SaveError(target, problem.code, problem.reason);
  const backupName = basename(real) + BACKUP_SUFFIX;
  if (Buffer.byteLength(backupName, 'utf8') > MAX_NAME_BYTES)
    return new SaveError(
      target,
      'ENAMETOOLONG',
      `the name is too long: its backup ${backupName.length > 60 ? backupName.slice(0, 40) + '…' : backupName} would be over ${MAX_NAME_BYTES} bytes`,
    );
  const probe = join(dirname(real), tempFileName(basename(real)));
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
    fs.unlinkSync(probe);
  } catch (e) {
    return toSaveError(target, e);
  }
  return null;
}
