/** The error of a failed save, with a reason for people. */
/** A save that failed; the previous file is intact. `reason` is for people ("the disk is full"). */
export class SaveError extends Error {
  override name = 'SaveError';
  constructor(
    readonly path: string,
    readonly code: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot save ${path}: ${reason}`, options);
  }
}

export const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use',
  ESHORT: 'not every byte reached the disk',
};

export function toSaveError(path: string, e: unknown): SaveError {
  if (e instanceof SaveError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  return new SaveError(path, code, REASONS[code] ?? (e as Error).message, { cause: e });
}
