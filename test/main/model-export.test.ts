import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportModelToFolder } from '../../src/main/model-export';
import { modelExportFiles } from '../../src/engine-host/model-export';
import { makeDataset } from '../../src/engine/datasets';
import { decodeSafetensors } from '../../src/engine/export/safetensors';
import { Trainer } from '../../src/engine/trainer';
import { LECTURE_PRESET, cloneConfig } from '../../src/shared/config';

const dir = mkdtempSync(join(tmpdir(), 'vae-main-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineFiles(target: 'pytorch' | 'onnx') {
  const config = cloneConfig(LECTURE_PRESET);
  config.model.hidden = [8];
  config.dataset.params = { ...config.dataset.params, perClass: 20 };
  const trainer = new Trainer(config, makeDataset(config.dataset));
  trainer.advance(() => false);
  return { trainer, files: modelExportFiles(trainer, target, 'run', '{"session": "text"}') };
}

describe('File ▸ Export model… in main', () => {
  it('writes the engine’s files into the folder picked, atomically, and answers with the folder', async () => {
    const { trainer, files } = engineFiles('pytorch');
    const asked: string[] = [];
    const folder = await exportModelToFolder(
      { pickFolder: async (name) => (asked.push(name), join(dir)) },
      files,
      'my/run',
    );
    expect(folder).toBe(dir);
    expect(asked).toEqual(['my_run']);
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
    expect(readdirSync(dir)).toContain('model.py');
    expect(readFileSync(join(dir, 'session.vaelab'), 'utf8')).toBe('{"session": "text"}');
    const { tensors } = decodeSafetensors(readFileSync(join(dir, 'weights.safetensors')));
    expect(tensors.map((t) => t.name)).toContain('decoder.layers.1.weight');
    expect(Array.from(tensors.find((t) => t.name === 'encoder.layers.0.bias')!.values)).toEqual(
      Array.from(trainer.getState().weights[1]),
    );
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { files } = engineFiles('onnx');
    const writes: string[] = [];
    const folder = await exportModelToFolder(
      { pickFolder: async () => null, write: (p) => (writes.push(p), { warning: null }) as never },
      files,
      'run',
    );
    expect(folder).toBeNull();
    expect(writes).toEqual([]);
  });

  it('refuses a file name with a folder part, or files without bytes, before asking for a folder', async () => {
    let asked = false;
    const deps = { pickFolder: async () => ((asked = true), dir) };
    await expect(exportModelToFolder(deps, [{ name: '../evil.py', bytes: new Uint8Array(1) }], 'x')).rejects.toThrow(
      'file 1: "../evil.py" is not a plain file name',
    );
    await expect(exportModelToFolder(deps, [{ name: 'model.py', bytes: 'text' }], 'x')).rejects.toThrow(
      'file model.py: has no bytes',
    );
    await expect(exportModelToFolder(deps, [], 'x')).rejects.toThrow('a list of 1 to 32 files');
    expect(asked).toBe(false);
  });

  it('says which file could not be written', async () => {
    const { files } = engineFiles('onnx');
    await expect(
      exportModelToFolder({ pickFolder: async () => join(dir, 'missing', 'deeper') }, files, 'x'),
    ).rejects.toThrow(/could not write README\.md into .*missing/);
  });
});
