/**
 * File ▸ Export model…: the page hands over the files the engine made (model.py, weights.safetensors,
 * encoder.onnx…); main asks for a folder and writes each file with node-io's atomic writer. The
 * files are checked first: a plain name each (no folder part), bytes, a bounded count and size.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../node-io';
import type { ExportedFile } from '../shared/protocol';

/** More than any export writes (9 files); a bound on what a page can ask main to write. */
export const MAX_EXPORT_FILES = 32;
export const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class ModelExportError extends Error {}

/** The files as sent by the page, checked; an error names the file and the reason. */
export function checkExportFiles(value: unknown): ExportedFile[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_EXPORT_FILES)
    throw new ModelExportError(`an export is a list of 1 to ${MAX_EXPORT_FILES} files`);
  let total = 0;
  const seen = new Set<string>();
  return value.map((f: unknown, i): ExportedFile => {
    const file = (f ?? {}) as { name?: unknown; bytes?: unknown };
    if (typeof file.name !== 'string' || !PLAIN_NAME.test(file.name))
      throw new ModelExportError(`file ${i + 1}: ${JSON.stringify(file.name)} is not a plain file name`);
    if (seen.has(file.name)) throw new ModelExportError(`file ${file.name}: named twice`);
    seen.add(file.name);
    if (!(file.bytes instanceof Uint8Array)) throw new ModelExportError(`file ${file.name}: has no bytes`);
    total += file.bytes.length;
    if (total > MAX_EXPORT_BYTES) throw new ModelExportError('the export is larger than 1 GiB');
    return { name: file.name, bytes: file.bytes };
  });
}

export interface ModelExportDeps {
  /** The system folder dialog; null when cancelled. */
  pickFolder(suggestedName: string): Promise<string | null>;
  write?: typeof writeFileAtomic;
}

/**
 * The IPC handler's work: check, pick a folder, write every file there (files of the same names are
 * replaced). Returns the folder, or null when the user cancelled.
 */
export async function exportModelToFolder(
  deps: ModelExportDeps,
  files: unknown,
  suggestedName: unknown,
): Promise<string | null> {
  const checked = checkExportFiles(files);
  const name = typeof suggestedName === 'string' ? suggestedName.slice(0, 200).replace(/[/\\:\0]/g, '_') : 'model';
  const folder = await deps.pickFolder(name);
  if (folder === null) return null;
  const write = deps.write ?? writeFileAtomic;
  for (const f of checked) {
    try {
      write(join(folder, f.name), f.bytes, { backup: false });
    } catch (e) {
      throw new ModelExportError(`could not write ${f.name} into ${folder}: ${(e as Error).message}`);
    }
  }
  return folder;
}
