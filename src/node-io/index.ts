/** Disk I/O shared by Electron main and the CLI: crash-safe saves, temp clean-up, safe names. */
export {
  BACKUP_SUFFIX,
  SaveError,
  saveQueued,
  writeFileAtomic,
  type AtomicWriteOptions,
  type SaveResult,
  type WriterFs,
} from './atomic-write';
export { cleanStrayTempFiles, tempFileName, tempFileOwner } from './temp-files';
export {
  MAX_NAME_BYTES,
  newSessionId,
  resolveInside,
  sessionFileName,
  unsafeNameReason,
  UnsafeNameError,
} from './safe-names';
export { followLink, saveTargetProblem } from './save-target';
