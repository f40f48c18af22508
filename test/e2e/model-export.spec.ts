/** Export model… in the web build: the engine's PyTorch and ONNX files arrive as a zip download. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { decodeSafetensors } from '../../src/engine/export/safetensors';
import { LabPage, SCREENSHOTS } from './lab-page';

async function exportAs(lab: LabPage, target: 'PyTorch' | 'ONNX'): Promise<Record<string, Uint8Array>> {
  const page = lab.page;
  await page.getByRole('button', { name: 'Export model…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export model' });
  await expect(dialog).toBeVisible();
  if (target === 'PyTorch') await page.screenshot({ path: `${SCREENSHOTS}/export-model-dialog.png` });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: target, exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`-${target.toLowerCase()}\\.zip$`));
  return unzipSync(new Uint8Array(readFileSync(await file.path())));
}

test('Export model… downloads a zip of the PyTorch files, and one of the ONNX files', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const lab = new LabPage(page);
  await lab.open();
  await lab.button('Step').click();
  await expect(lab.epochCounter).toHaveText(/epoch\s+1\s+\//);

  const pt = await exportAs(lab, 'PyTorch');
  for (const name of ['model.py', 'train.py', 'data.py', 'weights.safetensors', 'data.npz', 'session.vaelab'])
    expect(Object.keys(pt)).toContain(name);
  expect(new TextDecoder().decode(pt['model.py'])).toContain('class Vae(nn.Module)');
  // The safetensors header names the tensors as PyTorch does (the lecture model is 2-64-2).
  const { tensors, metadata } = decodeSafetensors(pt['weights.safetensors']);
  expect(tensors.map((t) => `${t.name} [${t.shape.join(', ')}]`)).toEqual([
    'encoder.layers.0.weight [64, 2]',
    'encoder.layers.0.bias [64]',
    'encoder.layers.1.weight [4, 64]',
    'encoder.layers.1.bias [4]',
    'decoder.layers.0.weight [64, 2]',
    'decoder.layers.0.bias [64]',
    'decoder.layers.1.weight [2, 64]',
    'decoder.layers.1.bias [2]',
  ]);
  expect(metadata.epochs).toBe('1');
  await expect(page.getByText(/Exported the model for PyTorch/)).toBeVisible();

  const onnx = await exportAs(lab, 'ONNX');
  expect(Object.keys(onnx).sort()).toEqual([
    'README.md',
    'decoder.onnx',
    'encoder.onnx',
    'session.vaelab',
    'vaelab-export.json',
  ]);
  expect(onnx['encoder.onnx'].length).toBeGreaterThan(1000);
  await page.screenshot({ path: `${SCREENSHOTS}/export-model-done.png` });
  expect(errors).toEqual([]);
});
