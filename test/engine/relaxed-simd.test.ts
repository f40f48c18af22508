import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/engine/kernels/arena';
import { wasmApi } from '../../src/engine/kernels/wasm-api';
import { decodeBase64 } from '../../src/engine/kernels/base64';
import { GEMM_WASM_BASE64 } from '../../src/engine/kernels/gemm-wasm.generated';

const CHILD = resolve(__dirname, '../support/relaxed-gemm-child.ts');

describe('relaxed SIMD (fused multiply-add) kernels', () => {
  it('an arena picks the exact module where the host does not validate relaxed SIMD', () => {
    const relaxedValid = wasmApi()!.validate(decodeBase64(GEMM_WASM_BASE64.relaxed));
    expect(Arena.create(1 << 16)!.kernels.gemm).toBe(relaxedValid ? 'relaxed' : 'exact');
  });

  it('where it validates (Node with the flag) the arena uses it, and its product is right and repeatable', () => {
    const out = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', CHILD], {
      encoding: 'utf8',
    });
    const result = JSON.parse(out) as { arenaGemm: string; maxError: number; repeatable: boolean; denseSame: boolean };
    expect(result.arenaGemm).toBe('relaxed');
    // 300-term sums of values in [-1, 1]: float32 rounding, fused or not, stays far below 1e-3
    expect(result.maxError).toBeLessThan(1e-3);
    expect(result.repeatable).toBe(true);
    // small products in an arena (dense_rows, narrow_rows: no packing) fuse as the blocked kernel does
    expect(result.denseSame).toBe(true);
  }, 120_000);
});
