/** The sizes and operands shared by every product: op(A) [m × k], op(B) [k × n], C [m × n]. */
type Operands = [
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  accumulate: boolean,
];

/**
 * The contract every matrix product here keeps (gemm.ts states it in full):
 * C = op(A)·op(B), or C += op(A)·op(B) with accumulate.
 */
export type Gemm = (transA: boolean, transB: boolean, ...operands: Operands) => void;

/** A product whose op(B) is B itself, skipping the zeros of op(A) (gemm-sparse.ts). */
export type SparseGemm = (transA: boolean, ...operands: Operands) => void;

/** gemm-js's product: a Gemm that can also skip the zeros of A (NN and TN only). */
export type GemmSkippingZeros = (...args: [...Parameters<Gemm>, skipZeros?: boolean]) => void;
