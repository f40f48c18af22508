;; Single-precision matrix product kernels, WebAssembly SIMD (128-bit f32x4).
;;
;; The memory is imported: either the driver's own (gemm-wasm.ts copies A and B into it) or
;; an arena's, where the engine's buffers already live (no copies). For each cache block the
;; driver calls pack_b, pack_a and block. Everything here works on
;; byte addresses and byte strides, so one packing routine serves transposed and plain
;; operands:  op(X)[row, col] = f32 at  src + row·rs + col·cs.
;;
;; Packed layouts (the GotoBLAS / BLIS scheme):
;;   A block [mc × kc] → ceil(mc/4) panels; panel q holds, for p = 0..kc-1,
;;                        the 4 floats op(A)[4q..4q+3, p]   (rows past mc are 0).
;;   B block [kc × nc] → ceil(nc/8) panels; panel q holds, for p = 0..kc-1,
;;                        the 8 floats op(B)[p, 8q..8q+7]   (columns past nc are 0).
;; The micro-kernel keeps a 4 × 8 tile of C in eight f32x4 accumulators; each step
;; reads 8 floats of B and broadcasts 4 floats of A: 8 multiplies + 8 adds per 6 loads.
;; build/wasm-to-ts.ts also assembles a relaxed-SIMD variant of this file, where each
;; f32x4.add of an f32x4.mul becomes one f32x4.relaxed_madd (fused where the CPU has FMA),
;; and variants importing a shared memory (threads).
;;
;; Each calling thread owns a scratch region (its address is the last argument of gemm):
;; bytes 0..255 a tile for partial tiles at the edges of C, then the A and B packing
;; buffers (sizes below, matching MC, KC and NC). The sparse kernel's list is separate.
(module
  (import "env" "memory" (memory 1))
  ;; set by $list_nonzeros: whether every value it listed is 1
  (global $ones (mut i32) (i32.const 1))

  ;; The first q (0 … 4) floats at addr in a vector, the other lanes 0; reads no byte past them.
  (func $load_part (param $addr i32) (param $q i32) (result v128)
    (if (result v128) (i32.ge_s (local.get $q) (i32.const 4))
      (then (v128.load (local.get $addr)))
      (else (if (result v128) (i32.eq (local.get $q) (i32.const 3))
        (then (v128.load32_lane offset=8 2 (local.get $addr) (v128.load64_zero (local.get $addr))))
        (else (if (result v128) (i32.eq (local.get $q) (i32.const 2))
          (then (v128.load64_zero (local.get $addr)))
          (else (if (result v128) (i32.eq (local.get $q) (i32.const 1))
            (then (v128.load32_zero (local.get $addr)))
            (else (v128.const i32x4 0 0 0 0))))))))))

  ;; Pack op(A) block [mc × kc] into 4-row panels at dst.
  (func $pack_a
    (param $src i32) (param $rs i32) (param $cs i32)
    (param $mc i32) (param $kc i32) (param $dst i32)
    (local $i0 i32) (local $p i32) (local $r i32) (local $row i32) (local $col i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $i0 (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (local.get $i0) (local.get $mc)))
        (if (i32.and
              (i32.le_s (i32.add (local.get $i0) (i32.const 4)) (local.get $mc))
              (i32.eq (local.get $rs) (i32.const 4)))
          (then
            ;; op(A) = Aᵀ of a stored [k × m]: the 4 rows are 4 adjacent floats.
            (local.set $col (i32.add (local.get $src) (i32.shl (local.get $i0) (i32.const 2))))
            (local.set $p (local.get $kc))
            (loop $copy4
              (v128.store (local.get $dst) (v128.load (local.get $col)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $col (i32.add (local.get $col) (local.get $cs)))
              (br_if $copy4 (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else (if (i32.eq (local.get $rs) (i32.const 4))
          (then
            ;; the last 1 … 3 rows of a transposed op(A): adjacent floats, the rest of the panel 0
            (local.set $col (i32.add (local.get $src) (i32.shl (local.get $i0) (i32.const 2))))
            (local.set $r (i32.sub (local.get $mc) (local.get $i0)))
            (local.set $p (local.get $kc))
            (loop $copy_part
              (v128.store (local.get $dst) (call $load_part (local.get $col) (local.get $r)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $col (i32.add (local.get $col) (local.get $cs)))
              (br_if $copy_part (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else (if (i32.and
                (i32.le_s (i32.add (local.get $i0) (i32.const 4)) (local.get $mc))
                (i32.eq (local.get $cs) (i32.const 4)))
          (then
            ;; op(A) = A row-major: 4 depths of each of the 4 rows loaded as 4 vectors and
            ;; transposed in registers (two rounds of shuffles), then the last kc mod 4 one by one.
            (local.set $col (i32.add (local.get $src) (i32.mul (local.get $i0) (local.get $rs))))
            (local.set $p (i32.const 0))
            (block $t4_done
              (loop $t4
                (br_if $t4_done (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                (local.set $r0 (v128.load (local.get $col)))
                (local.set $r1 (v128.load (i32.add (local.get $col) (local.get $rs))))
                (local.set $r2 (v128.load (i32.add (local.get $col) (i32.shl (local.get $rs) (i32.const 1)))))
                (local.set $r3 (v128.load (i32.add (local.get $col) (i32.mul (local.get $rs) (i32.const 3)))))
                ;; t0 = r0.0 r1.0 r0.1 r1.1, t1 = r0.2 r1.2 r0.3 r1.3 (likewise t2, t3 of rows 2 and 3)
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                (v128.store offset=0 (local.get $dst)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (v128.store offset=16 (local.get $dst)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (v128.store offset=32 (local.get $dst)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (v128.store offset=48 (local.get $dst)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                (local.set $col (i32.add (local.get $col) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $t4)))
            (block $t1_done
              (loop $t1
                (br_if $t1_done (i32.ge_s (local.get $p) (local.get $kc)))
                (f32.store offset=0 (local.get $dst) (f32.load (local.get $col)))
                (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $col) (local.get $rs))))
                (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $col) (i32.shl (local.get $rs) (i32.const 1)))))
                (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $col) (i32.mul (local.get $rs) (i32.const 3)))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $col (i32.add (local.get $col) (i32.const 4)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $t1))))
          (else
            (local.set $p (i32.const 0))
            (loop $cols
              (local.set $col (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $cs))))
              (local.set $r (i32.const 0))
              (loop $rows
                (local.set $row (i32.add (local.get $i0) (local.get $r)))
                (f32.store (local.get $dst)
                  (if (result f32) (i32.lt_s (local.get $row) (local.get $mc))
                    (then (f32.load (i32.add (local.get $col) (i32.mul (local.get $row) (local.get $rs)))))
                    (else (f32.const 0))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (br_if $rows (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4))))
              (br_if $cols (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $kc))))))))))
        (local.set $i0 (i32.add (local.get $i0) (i32.const 4)))
        (br $panels))))

  ;; Pack op(B) block [kc × nc] into 8-column panels at dst.
  (func $pack_b
    (param $src i32) (param $rs i32) (param $cs i32)
    (param $kc i32) (param $nc i32) (param $dst i32)
    (local $j0 i32) (local $p i32) (local $j i32) (local $col i32) (local $rowp i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $j0 (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (local.get $j0) (local.get $nc)))
        (if (i32.and
              (i32.le_s (i32.add (local.get $j0) (i32.const 8)) (local.get $nc))
              (i32.eq (local.get $cs) (i32.const 4)))
          (then
            ;; plain row-major B: the 8 columns are 8 adjacent floats.
            (local.set $rowp (i32.add (local.get $src) (i32.shl (local.get $j0) (i32.const 2))))
            (local.set $p (local.get $kc))
            (loop $copy8
              (v128.store (local.get $dst) (v128.load (local.get $rowp)))
              (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $rowp)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (local.set $rowp (i32.add (local.get $rowp) (local.get $rs)))
              (br_if $copy8 (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else (if (i32.and
                (i32.le_s (i32.add (local.get $j0) (i32.const 8)) (local.get $nc))
                (i32.eq (local.get $rs) (i32.const 4)))
          (then
            ;; op(B) = Bᵀ of a stored [n × k]: 4 depths of each of the 8 columns loaded as 8 vectors,
            ;; each group of 4 transposed in registers, then the last kc mod 4 depths one by one.
            (local.set $rowp (i32.add (local.get $src) (i32.mul (local.get $j0) (local.get $cs))))
            (local.set $p (i32.const 0))
            (block $t4_done
              (loop $t4
                (br_if $t4_done (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                (local.set $col (local.get $rowp))
                (local.set $j (i32.const 0))
                (loop $halves
                  (local.set $r0 (v128.load (local.get $col)))
                  (local.set $r1 (v128.load (i32.add (local.get $col) (local.get $cs))))
                  (local.set $r2 (v128.load (i32.add (local.get $col) (i32.shl (local.get $cs) (i32.const 1)))))
                  (local.set $r3 (v128.load (i32.add (local.get $col) (i32.mul (local.get $cs) (i32.const 3)))))
                  (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                  (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                  (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                  (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                  ;; depth p + d of these 4 columns goes to dst + 32·d (+ 16 for the second half)
                  (v128.store offset=0 (local.get $dst)
                    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                  (v128.store offset=32 (local.get $dst)
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                  (v128.store offset=64 (local.get $dst)
                    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                  (v128.store offset=96 (local.get $dst)
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                  (local.set $col (i32.add (local.get $col) (i32.shl (local.get $cs) (i32.const 2))))
                  (br_if $halves (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 2))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 96)))
                (local.set $rowp (i32.add (local.get $rowp) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $t4)))
            (block $t1_done
              (loop $t1
                (br_if $t1_done (i32.ge_s (local.get $p) (local.get $kc)))
                (local.set $col (local.get $rowp))
                (local.set $j (i32.const 0))
                (loop $cols8
                  (f32.store (local.get $dst) (f32.load (local.get $col)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                  (local.set $col (i32.add (local.get $col) (local.get $cs)))
                  (br_if $cols8 (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 8))))
                (local.set $rowp (i32.add (local.get $rowp) (i32.const 4)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $t1))))
          (else (if (i32.eq (local.get $cs) (i32.const 4))
          (then
            ;; the last 1 … 7 columns of a plain B: adjacent floats, the rest of the panel 0
            (local.set $rowp (i32.add (local.get $src) (i32.shl (local.get $j0) (i32.const 2))))
            (local.set $j (i32.sub (local.get $nc) (local.get $j0)))
            (local.set $p (local.get $kc))
            (loop $copy_part
              (v128.store (local.get $dst) (call $load_part (local.get $rowp) (local.get $j)))
              (v128.store offset=16 (local.get $dst)
                (call $load_part (i32.add (local.get $rowp) (i32.const 16)) (i32.sub (local.get $j) (i32.const 4))))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (local.set $rowp (i32.add (local.get $rowp) (local.get $rs)))
              (br_if $copy_part (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else
            (local.set $p (i32.const 0))
            (loop $rows
              (local.set $rowp (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $rs))))
              (local.set $j (i32.const 0))
              (loop $cols
                (local.set $col (i32.add (local.get $j0) (local.get $j)))
                (f32.store (local.get $dst)
                  (if (result f32) (i32.lt_s (local.get $col) (local.get $nc))
                    (then (f32.load (i32.add (local.get $rowp) (i32.mul (local.get $col) (local.get $cs)))))
                    (else (f32.const 0))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (br_if $cols (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 8))))
              (br_if $rows (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $kc))))))))))
        (local.set $j0 (i32.add (local.get $j0) (i32.const 8)))
        (br $panels))))

  ;; Write the tile at $tile (4 rows × 8 floats) into C for a partial
  ;; tile of mr rows × nr columns at c (row stride ldc bytes): C = T, or C += T when add.
  (func $store_edge
    (param $c i32) (param $mr i32) (param $nr i32) (param $ldc i32) (param $add i32) (param $tile i32)
    (local $r i32) (local $j i32) (local $dst i32) (local $v f32)
    (local.set $r (i32.const 0))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $dst (i32.add
          (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc)))
          (i32.shl (local.get $j) (i32.const 2))))
        (local.set $v (f32.load (i32.add (local.get $tile)
          (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j)) (i32.const 2)))))
        (if (local.get $add)
          (then (local.set $v (f32.add (f32.load (local.get $dst)) (local.get $v)))))
        (f32.store (local.get $dst) (local.get $v))
        (br_if $cols (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nr))))
      (br_if $rows (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $mr)))))

  ;; C block [mc × nc] (row stride ldc bytes) = or += packed A block · packed B block.
  ;; kc ≥ 1. Loop order: B micro-panel (kc × 8) stays in L1 while A panels stream past.
  (func $block
    (param $ap i32) (param $bp i32) (param $c i32)
    (param $mc i32) (param $nc i32) (param $kc i32) (param $ldc i32) (param $add i32) (param $tile i32)
    (local $jr i32) (local $ir i32) (local $a i32) (local $b i32) (local $p i32) (local $cp i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local.set $jr (i32.const 0))
    (loop $jloop
      (local.set $ir (i32.const 0))
      (loop $iloop
        (local.set $a (i32.add (local.get $ap) (i32.mul (i32.shl (local.get $ir) (i32.const 2)) (local.get $kc))))
        (local.set $b (i32.add (local.get $bp) (i32.mul (i32.shl (local.get $jr) (i32.const 2)) (local.get $kc))))
        (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
        (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
        (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
        (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
        (local.set $p (local.get $kc))
        (if (i32.le_s (i32.sub (local.get $nc) (local.get $jr)) (i32.const 4))
          (then
            ;; at most 4 columns left (narrow products such as the lecture's 64 → 2 layers):
            ;; only the first half of the B panel, the same sums in the same order
            (loop $kloop4
              (local.set $b0 (v128.load (local.get $b)))
              (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (v128.load32_splat (local.get $a)) (local.get $b0))))
              (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (v128.load32_splat offset=4 (local.get $a)) (local.get $b0))))
              (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (v128.load32_splat offset=8 (local.get $a)) (local.get $b0))))
              (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (v128.load32_splat offset=12 (local.get $a)) (local.get $b0))))
              (local.set $a (i32.add (local.get $a) (i32.const 16)))
              (local.set $b (i32.add (local.get $b) (i32.const 32)))
              (br_if $kloop4 (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else
        (loop $kloop
          (local.set $b0 (v128.load (local.get $b)))
          (local.set $b1 (v128.load offset=16 (local.get $b)))
          (local.set $av (v128.load32_splat (local.get $a)))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat offset=4 (local.get $a)))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat offset=8 (local.get $a)))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat offset=12 (local.get $a)))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $a (i32.add (local.get $a) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 32)))
          (br_if $kloop (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))
        (local.set $cp (i32.add
          (i32.add (local.get $c) (i32.mul (local.get $ir) (local.get $ldc)))
          (i32.shl (local.get $jr) (i32.const 2))))
        (if (i32.and
              (i32.le_s (i32.add (local.get $ir) (i32.const 4)) (local.get $mc))
              (i32.le_s (i32.add (local.get $jr) (i32.const 8)) (local.get $nc)))
          (then
            (if (local.get $add)
              (then
                (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $cp))))
                (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $cp))))
                (local.set $c10 (f32x4.add (local.get $c10) (v128.load (i32.add (local.get $cp) (local.get $ldc)))))
                (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $cp) (local.get $ldc)))))
                (local.set $c20 (f32x4.add (local.get $c20) (v128.load (i32.add (local.get $cp) (i32.shl (local.get $ldc) (i32.const 1))))))
                (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $cp) (i32.shl (local.get $ldc) (i32.const 1))))))
                (local.set $c30 (f32x4.add (local.get $c30) (v128.load (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3))))))
                (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3))))))))
            (v128.store (local.get $cp) (local.get $c00))
            (v128.store offset=16 (local.get $cp) (local.get $c01))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
            (v128.store (local.get $cp) (local.get $c10))
            (v128.store offset=16 (local.get $cp) (local.get $c11))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
            (v128.store (local.get $cp) (local.get $c20))
            (v128.store offset=16 (local.get $cp) (local.get $c21))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
            (v128.store (local.get $cp) (local.get $c30))
            (v128.store offset=16 (local.get $cp) (local.get $c31)))
          (else
            (v128.store offset=0 (local.get $tile) (local.get $c00))
            (v128.store offset=16 (local.get $tile) (local.get $c01))
            (v128.store offset=32 (local.get $tile) (local.get $c10))
            (v128.store offset=48 (local.get $tile) (local.get $c11))
            (v128.store offset=64 (local.get $tile) (local.get $c20))
            (v128.store offset=80 (local.get $tile) (local.get $c21))
            (v128.store offset=96 (local.get $tile) (local.get $c30))
            (v128.store offset=112 (local.get $tile) (local.get $c31))
            (call $store_edge (local.get $cp)
              (select (i32.sub (local.get $mc) (local.get $ir)) (i32.const 4)
                (i32.lt_s (i32.sub (local.get $mc) (local.get $ir)) (i32.const 4)))
              (select (i32.sub (local.get $nc) (local.get $jr)) (i32.const 8)
                (i32.lt_s (i32.sub (local.get $nc) (local.get $jr)) (i32.const 8)))
              (local.get $ldc) (local.get $add) (local.get $tile))))
        (br_if $iloop (i32.lt_s (local.tee $ir (i32.add (local.get $ir) (i32.const 4))) (local.get $mc))))
      (br_if $jloop (i32.lt_s (local.tee $jr (i32.add (local.get $jr) (i32.const 8))) (local.get $nc)))))

  ;; C [m × n] (row stride ldc bytes) = or += op(A) · op(B), the blocked product (GotoBLAS
  ;; loop order: column blocks of NC, depth blocks of KC, row blocks of MC), packing into
  ;; this thread's scratch region. op(A)[i, p] = f32 at a + i·rsa + p·csa; op(B)[p, j] at
  ;; b + p·rsb + j·csb. m, n, k ≥ 1. Each element of C sees the same sums in the same order
  ;; whatever block of rows or columns of C a call covers, so a product split by rows or
  ;; columns across threads gives the same bits as one call.
  (func (export "gemm")
    (param $a i32) (param $rsa i32) (param $csa i32) (param $b i32) (param $rsb i32) (param $csb i32)
    (param $c i32) (param $ldc i32) (param $m i32) (param $n i32) (param $k i32) (param $add i32)
    (param $scratch i32)
    (local $jc i32) (local $pc i32) (local $ic i32) (local $nc i32) (local $kc i32) (local $mc i32)
    (local $ap i32) (local $bp i32)
    ;; MC = 128, KC = 256, NC = 1024: A buffer (MC + 3)·KC floats = 134144 bytes after the tile
    (local.set $ap (i32.add (local.get $scratch) (i32.const 256)))
    (local.set $bp (i32.add (local.get $ap) (i32.const 134144)))
    (local.set $jc (i32.const 0))
    (loop $columns
      (local.set $nc (select (i32.sub (local.get $n) (local.get $jc)) (i32.const 1024)
        (i32.lt_s (i32.sub (local.get $n) (local.get $jc)) (i32.const 1024))))
      (local.set $pc (i32.const 0))
      (loop $depth
        (local.set $kc (select (i32.sub (local.get $k) (local.get $pc)) (i32.const 256)
          (i32.lt_s (i32.sub (local.get $k) (local.get $pc)) (i32.const 256))))
        (call $pack_b
          (i32.add (i32.add (local.get $b) (i32.mul (local.get $pc) (local.get $rsb))) (i32.mul (local.get $jc) (local.get $csb)))
          (local.get $rsb) (local.get $csb) (local.get $kc) (local.get $nc) (local.get $bp))
        (local.set $ic (i32.const 0))
        (loop $rows
          (local.set $mc (select (i32.sub (local.get $m) (local.get $ic)) (i32.const 128)
            (i32.lt_s (i32.sub (local.get $m) (local.get $ic)) (i32.const 128))))
          (call $pack_a
            (i32.add (i32.add (local.get $a) (i32.mul (local.get $ic) (local.get $rsa))) (i32.mul (local.get $pc) (local.get $csa)))
            (local.get $rsa) (local.get $csa) (local.get $mc) (local.get $kc) (local.get $ap))
          (call $block (local.get $ap) (local.get $bp)
            (i32.add (i32.add (local.get $c) (i32.mul (local.get $ic) (local.get $ldc))) (i32.shl (local.get $jc) (i32.const 2)))
            (local.get $mc) (local.get $nc) (local.get $kc) (local.get $ldc)
            (i32.or (local.get $add) (i32.gt_s (local.get $pc) (i32.const 0))) (local.get $scratch))
          (br_if $rows (i32.lt_s (local.tee $ic (i32.add (local.get $ic) (i32.const 128))) (local.get $m))))
        (br_if $depth (i32.lt_s (local.tee $pc (i32.add (local.get $pc) (i32.const 256))) (local.get $k))))
      (br_if $columns (i32.lt_s (local.tee $jc (i32.add (local.get $jc) (i32.const 1024))) (local.get $n)))))

  ;; Small products with op(B) = B row-major [k × n] (row stride ldb bytes), k ≤ 256 and n a multiple
  ;; of 32, without packing: C[i, :] (=|+=) op(A)[i, :] · B, swept in strips of 32 columns held in eight
  ;; accumulators. Each element's sum starts at 0 and runs over p in order, then C is added to it, as in
  ;; $block over one depth block: the same bits as gemm (fused or not).
  (func (export "dense_rows")
    (param $a i32) (param $rs i32) (param $cs i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $m i32) (param $n i32) (param $k i32) (param $add i32)
    (local $i i32) (local $j i32) (local $p i32) (local $ap i32) (local $bq i32) (local $cp i32) (local $av v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local.set $i (i32.const 0))
    (loop $rows
      (local.set $cp (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
      (local.set $j (i32.const 0))
      (loop $strips
          (local.set $s0 (v128.const i32x4 0 0 0 0))
          (local.set $s1 (v128.const i32x4 0 0 0 0))
          (local.set $s2 (v128.const i32x4 0 0 0 0))
          (local.set $s3 (v128.const i32x4 0 0 0 0))
          (local.set $s4 (v128.const i32x4 0 0 0 0))
          (local.set $s5 (v128.const i32x4 0 0 0 0))
          (local.set $s6 (v128.const i32x4 0 0 0 0))
          (local.set $s7 (v128.const i32x4 0 0 0 0))
        (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs))))
        (local.set $bq (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (local.get $k))
        (loop $depth
          (local.set $av (v128.load32_splat (local.get $ap)))
            (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $av) (v128.load offset=0 (local.get $bq)))))
            (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $bq)))))
            (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $av) (v128.load offset=32 (local.get $bq)))))
            (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $av) (v128.load offset=48 (local.get $bq)))))
            (local.set $s4 (f32x4.add (local.get $s4) (f32x4.mul (local.get $av) (v128.load offset=64 (local.get $bq)))))
            (local.set $s5 (f32x4.add (local.get $s5) (f32x4.mul (local.get $av) (v128.load offset=80 (local.get $bq)))))
            (local.set $s6 (f32x4.add (local.get $s6) (f32x4.mul (local.get $av) (v128.load offset=96 (local.get $bq)))))
            (local.set $s7 (f32x4.add (local.get $s7) (f32x4.mul (local.get $av) (v128.load offset=112 (local.get $bq)))))
          (local.set $ap (i32.add (local.get $ap) (local.get $cs)))
          (local.set $bq (i32.add (local.get $bq) (local.get $ldb)))
          (br_if $depth (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (if (local.get $add)
          (then
              (local.set $s0 (f32x4.add (local.get $s0) (v128.load offset=0 (local.get $cp))))
              (local.set $s1 (f32x4.add (local.get $s1) (v128.load offset=16 (local.get $cp))))
              (local.set $s2 (f32x4.add (local.get $s2) (v128.load offset=32 (local.get $cp))))
              (local.set $s3 (f32x4.add (local.get $s3) (v128.load offset=48 (local.get $cp))))
              (local.set $s4 (f32x4.add (local.get $s4) (v128.load offset=64 (local.get $cp))))
              (local.set $s5 (f32x4.add (local.get $s5) (v128.load offset=80 (local.get $cp))))
              (local.set $s6 (f32x4.add (local.get $s6) (v128.load offset=96 (local.get $cp))))
              (local.set $s7 (f32x4.add (local.get $s7) (v128.load offset=112 (local.get $cp))))))
          (v128.store offset=0 (local.get $cp) (local.get $s0))
          (v128.store offset=16 (local.get $cp) (local.get $s1))
          (v128.store offset=32 (local.get $cp) (local.get $s2))
          (v128.store offset=48 (local.get $cp) (local.get $s3))
          (v128.store offset=64 (local.get $cp) (local.get $s4))
          (v128.store offset=80 (local.get $cp) (local.get $s5))
          (v128.store offset=96 (local.get $cp) (local.get $s6))
          (v128.store offset=112 (local.get $cp) (local.get $s7))
        (local.set $cp (i32.add (local.get $cp) (i32.const 128)))
        (br_if $strips (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 32))) (local.get $n))))
      (br_if $rows (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m)))))

  ;; One row of a narrow C (2 or 4 columns) at c: acc, or C + acc where add, stored in its n lanes.
  (func $store_narrow (param $c i32) (param $acc v128) (param $n i32) (param $add i32)
    (if (i32.eq (local.get $n) (i32.const 4))
      (then
        (if (local.get $add) (then (local.set $acc (f32x4.add (local.get $acc) (v128.load (local.get $c))))))
        (v128.store (local.get $c) (local.get $acc)))
      (else
        (if (local.get $add) (then (local.set $acc (f32x4.add (local.get $acc) (v128.load64_zero (local.get $c))))))
        (v128.store64_lane 0 (local.get $c) (local.get $acc)))))

  ;; Small products with op(B) = B row-major [k × n], n = 2 or 4 (the lecture's narrow layers), k ≤ 256,
  ;; without packing: 8 rows of C at a time, one accumulator each (B's row in one vector, its lanes past
  ;; n zero), then the last rows one by one. Each element's sum starts at 0 and runs over p in order,
  ;; then C is added to it: the same bits as gemm (fused or not).
  (func (export "narrow_rows")
    (param $a i32) (param $rs i32) (param $cs i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $m i32) (param $n i32) (param $k i32) (param $add i32)
    (local $i i32) (local $p i32) (local $bq i32) (local $cp i32) (local $bv v128) (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32) (local $a6 i32) (local $a7 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local.set $i (i32.const 0))
    (block $eights_done
      (loop $eights
        (br_if $eights_done (i32.gt_s (i32.add (local.get $i) (i32.const 8)) (local.get $m)))
          (local.set $s0 (v128.const i32x4 0 0 0 0))
          (local.set $s1 (v128.const i32x4 0 0 0 0))
          (local.set $s2 (v128.const i32x4 0 0 0 0))
          (local.set $s3 (v128.const i32x4 0 0 0 0))
          (local.set $s4 (v128.const i32x4 0 0 0 0))
          (local.set $s5 (v128.const i32x4 0 0 0 0))
          (local.set $s6 (v128.const i32x4 0 0 0 0))
          (local.set $s7 (v128.const i32x4 0 0 0 0))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs))))
          (local.set $a1 (i32.add (local.get $a0) (local.get $rs)))
          (local.set $a2 (i32.add (local.get $a1) (local.get $rs)))
          (local.set $a3 (i32.add (local.get $a2) (local.get $rs)))
          (local.set $a4 (i32.add (local.get $a3) (local.get $rs)))
          (local.set $a5 (i32.add (local.get $a4) (local.get $rs)))
          (local.set $a6 (i32.add (local.get $a5) (local.get $rs)))
          (local.set $a7 (i32.add (local.get $a6) (local.get $rs)))
        (local.set $bq (local.get $b))
        (local.set $p (local.get $k))
        (loop $depth
          (local.set $bv (if (result v128) (i32.eq (local.get $n) (i32.const 4))
            (then (v128.load (local.get $bq))) (else (v128.load64_zero (local.get $bq)))))
            (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (v128.load32_splat (local.get $a0)) (local.get $bv))))
            (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (v128.load32_splat (local.get $a1)) (local.get $bv))))
            (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (v128.load32_splat (local.get $a2)) (local.get $bv))))
            (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (v128.load32_splat (local.get $a3)) (local.get $bv))))
            (local.set $s4 (f32x4.add (local.get $s4) (f32x4.mul (v128.load32_splat (local.get $a4)) (local.get $bv))))
            (local.set $s5 (f32x4.add (local.get $s5) (f32x4.mul (v128.load32_splat (local.get $a5)) (local.get $bv))))
            (local.set $s6 (f32x4.add (local.get $s6) (f32x4.mul (v128.load32_splat (local.get $a6)) (local.get $bv))))
            (local.set $s7 (f32x4.add (local.get $s7) (f32x4.mul (v128.load32_splat (local.get $a7)) (local.get $bv))))
            (local.set $a0 (i32.add (local.get $a0) (local.get $cs)))
            (local.set $a1 (i32.add (local.get $a1) (local.get $cs)))
            (local.set $a2 (i32.add (local.get $a2) (local.get $cs)))
            (local.set $a3 (i32.add (local.get $a3) (local.get $cs)))
            (local.set $a4 (i32.add (local.get $a4) (local.get $cs)))
            (local.set $a5 (i32.add (local.get $a5) (local.get $cs)))
            (local.set $a6 (i32.add (local.get $a6) (local.get $cs)))
            (local.set $a7 (i32.add (local.get $a7) (local.get $cs)))
          (local.set $bq (i32.add (local.get $bq) (local.get $ldb)))
          (br_if $depth (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (local.set $cp (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 0) (local.get $ldc))) (local.get $s0) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 1) (local.get $ldc))) (local.get $s1) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 2) (local.get $ldc))) (local.get $s2) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 3) (local.get $ldc))) (local.get $s3) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 4) (local.get $ldc))) (local.get $s4) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 5) (local.get $ldc))) (local.get $s5) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 6) (local.get $ldc))) (local.get $s6) (local.get $n) (local.get $add))
          (call $store_narrow (i32.add (local.get $cp) (i32.mul (i32.const 7) (local.get $ldc))) (local.get $s7) (local.get $n) (local.get $add))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $eights)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $m)))
        (local.set $s0 (v128.const i32x4 0 0 0 0))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs))))
        (local.set $bq (local.get $b))
        (local.set $p (local.get $k))
        (loop $depth1
          (local.set $bv (if (result v128) (i32.eq (local.get $n) (i32.const 4))
            (then (v128.load (local.get $bq))) (else (v128.load64_zero (local.get $bq)))))
          (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (v128.load32_splat (local.get $a0)) (local.get $bv))))
          (local.set $a0 (i32.add (local.get $a0) (local.get $cs)))
          (local.set $bq (i32.add (local.get $bq) (local.get $ldb)))
          (br_if $depth1 (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (call $store_narrow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))) (local.get $s0) (local.get $n) (local.get $add))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Lists the non-zeros of the k values at src (byte stride cs) at end as (byte offset p·ldb, value)
  ;; pairs and returns the list's end; sets $ones to whether every value listed is 1. Where the values
  ;; are contiguous, 4 at a time: 4 zeros (a digit's border) are skipped at once, else each of the 4 is
  ;; written at the list's end, which moves on only past a non-zero (no branch on values whose zeros
  ;; fall at random: it would be mispredicted often). A strided column (its zeros come in long runs)
  ;; and the last values one by one, with a branch.
  (func $list_nonzeros (param $src i32) (param $cs i32) (param $k i32) (param $ldb i32) (param $end i32) (result i32)
    (local $p i32) (local $v f32) (local $nz i32) (local $q i32) (local $ones i32)
    (local.set $ones (i32.const 1))
    (if (i32.eq (local.get $cs) (i32.const 4))
      (then
        (block $fours_done
          (loop $fours
            (br_if $fours_done (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $k)))
            (if (v128.any_true (f32x4.ne (v128.load (local.get $src)) (v128.const i32x4 0 0 0 0)))
              (then
                (local.set $q (i32.const 4))
                (loop $four
                  (local.set $v (f32.load (local.get $src)))
                  (local.set $nz (f32.ne (local.get $v) (f32.const 0)))
                  (local.set $ones (i32.and (local.get $ones) (i32.or (i32.eqz (local.get $nz)) (f32.eq (local.get $v) (f32.const 1)))))
                  (i32.store (local.get $end) (i32.mul (local.get $p) (local.get $ldb)))
                  (f32.store offset=4 (local.get $end) (local.get $v))
                  (local.set $end (i32.add (local.get $end) (i32.shl (local.get $nz) (i32.const 3))))
                  (local.set $src (i32.add (local.get $src) (i32.const 4)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br_if $four (local.tee $q (i32.sub (local.get $q) (i32.const 1))))))
              (else
                (local.set $src (i32.add (local.get $src) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))))
            (br $fours)))))
    (block $scan_done
      (br_if $scan_done (i32.ge_s (local.get $p) (local.get $k)))
      (loop $scan
        (local.set $v (f32.load (local.get $src)))
        (if (f32.ne (local.get $v) (f32.const 0))
          (then
            (local.set $ones (i32.and (local.get $ones) (f32.eq (local.get $v) (f32.const 1))))
            (i32.store (local.get $end) (i32.mul (local.get $p) (local.get $ldb)))
            (f32.store offset=4 (local.get $end) (local.get $v))
            (local.set $end (i32.add (local.get $end) (i32.const 8)))))
        (local.set $src (i32.add (local.get $src) (local.get $cs)))
        (br_if $scan (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $k)))))
    (global.set $ones (local.get $ones))
    (local.get $end))

  ;; Sparse-A product for op(B) = B row-major [k × n] (row stride ldb bytes):
  ;; C[i, :] (=|+=) Σ over non-zero op(A)[i, p] of op(A)[i, p] · B[p, :].
  ;; For each row i the non-zeros are first listed at $list as (byte offset p·ldb, value)
  ;; pairs; then C[i, :] is swept in strips of 32 columns held in eight accumulators,
  ;; then 4 columns at a time, then one. Zeros of A are skipped (0 · NaN gives 0, not NaN).
  (func (export "sparse_rows")
    (param $a i32) (param $rs i32) (param $cs i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $m i32) (param $n i32) (param $k i32)
    (param $add i32) (param $list i32)
    (local $i i32) (local $p i32) (local $src i32) (local $end i32) (local $e i32)
    (local $j i32) (local $cp i32) (local $bq i32) (local $v f32) (local $av v128) (local $t f32) (local $ones i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local.set $i (i32.const 0))
    (loop $rows
      ;; list the non-zeros of op(A)[i, :]
      (local.set $src (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs))))
      (if (i32.eq (local.get $cs) (i32.const 4))
        (then
          (local.set $end (call $list_nonzeros (local.get $src) (local.get $cs) (local.get $k) (local.get $ldb) (local.get $list)))
          (local.set $ones (global.get $ones)))
        (else
          (local.set $end (local.get $list))
          (local.set $p (i32.const 0))
          (local.set $ones (i32.const 1))
          (loop $scan
            (local.set $v (f32.load (local.get $src)))
            (if (f32.ne (local.get $v) (f32.const 0))
              (then
                (local.set $ones (i32.and (local.get $ones) (f32.eq (local.get $v) (f32.const 1))))
                (i32.store (local.get $end) (i32.mul (local.get $p) (local.get $ldb)))
                (f32.store offset=4 (local.get $end) (local.get $v))
                (local.set $end (i32.add (local.get $end) (i32.const 8)))))
            (local.set $src (i32.add (local.get $src) (local.get $cs)))
            (br_if $scan (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $k))))))
      (local.set $cp (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
      (local.set $j (i32.const 0))
      ;; strips of 32 columns
      (block $wide_done
        (loop $wide
          (br_if $wide_done (i32.gt_s (i32.add (local.get $j) (i32.const 32)) (local.get $n)))
              (local.set $s0 (if (result v128) (local.get $add) (then (v128.load offset=0 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s1 (if (result v128) (local.get $add) (then (v128.load offset=16 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s2 (if (result v128) (local.get $add) (then (v128.load offset=32 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s3 (if (result v128) (local.get $add) (then (v128.load offset=48 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s4 (if (result v128) (local.get $add) (then (v128.load offset=64 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s5 (if (result v128) (local.get $add) (then (v128.load offset=80 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s6 (if (result v128) (local.get $add) (then (v128.load offset=96 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
              (local.set $s7 (if (result v128) (local.get $add) (then (v128.load offset=112 (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
          (local.set $e (local.get $list))
          ;; a row of ones and zeros (binarised pixels): 1·B is B exactly, so its rows of B are added
          ;; without the multiply (the same bits, fused or not)
          (if (local.get $ones)
            (then
              (block $ones_done
                (loop $ones_entries
                  (br_if $ones_done (i32.ge_u (local.get $e) (local.get $end)))
                  (local.set $bq (i32.add (i32.add (local.get $b) (i32.load (local.get $e))) (i32.shl (local.get $j) (i32.const 2))))
                  (local.set $s0 (f32x4.add (local.get $s0) (v128.load offset=0 (local.get $bq))))
                  (local.set $s1 (f32x4.add (local.get $s1) (v128.load offset=16 (local.get $bq))))
                  (local.set $s2 (f32x4.add (local.get $s2) (v128.load offset=32 (local.get $bq))))
                  (local.set $s3 (f32x4.add (local.get $s3) (v128.load offset=48 (local.get $bq))))
                  (local.set $s4 (f32x4.add (local.get $s4) (v128.load offset=64 (local.get $bq))))
                  (local.set $s5 (f32x4.add (local.get $s5) (v128.load offset=80 (local.get $bq))))
                  (local.set $s6 (f32x4.add (local.get $s6) (v128.load offset=96 (local.get $bq))))
                  (local.set $s7 (f32x4.add (local.get $s7) (v128.load offset=112 (local.get $bq))))
                  (local.set $e (i32.add (local.get $e) (i32.const 8)))
                  (br $ones_entries)))))
          (block $list_done
            (loop $entries
              (br_if $list_done (i32.ge_u (local.get $e) (local.get $end)))
              (local.set $av (v128.load32_splat offset=4 (local.get $e)))
              (local.set $bq (i32.add (i32.add (local.get $b) (i32.load (local.get $e))) (i32.shl (local.get $j) (i32.const 2))))
                  (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $av) (v128.load offset=0 (local.get $bq)))))
                  (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $bq)))))
                  (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $av) (v128.load offset=32 (local.get $bq)))))
                  (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $av) (v128.load offset=48 (local.get $bq)))))
                  (local.set $s4 (f32x4.add (local.get $s4) (f32x4.mul (local.get $av) (v128.load offset=64 (local.get $bq)))))
                  (local.set $s5 (f32x4.add (local.get $s5) (f32x4.mul (local.get $av) (v128.load offset=80 (local.get $bq)))))
                  (local.set $s6 (f32x4.add (local.get $s6) (f32x4.mul (local.get $av) (v128.load offset=96 (local.get $bq)))))
                  (local.set $s7 (f32x4.add (local.get $s7) (f32x4.mul (local.get $av) (v128.load offset=112 (local.get $bq)))))
              (local.set $e (i32.add (local.get $e) (i32.const 8)))
              (br $entries)))
              (v128.store offset=0 (local.get $cp) (local.get $s0))
              (v128.store offset=16 (local.get $cp) (local.get $s1))
              (v128.store offset=32 (local.get $cp) (local.get $s2))
              (v128.store offset=48 (local.get $cp) (local.get $s3))
              (v128.store offset=64 (local.get $cp) (local.get $s4))
              (v128.store offset=80 (local.get $cp) (local.get $s5))
              (v128.store offset=96 (local.get $cp) (local.get $s6))
              (v128.store offset=112 (local.get $cp) (local.get $s7))
          (local.set $cp (i32.add (local.get $cp) (i32.const 128)))
          (local.set $j (i32.add (local.get $j) (i32.const 32)))
          (br $wide)))
      ;; strips of 4 columns
      (block $narrow_done
        (loop $narrow
          (br_if $narrow_done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
          (local.set $s0 (if (result v128) (local.get $add) (then (v128.load (local.get $cp))) (else (v128.const i32x4 0 0 0 0))))
          (local.set $e (local.get $list))
          (block $list_done
            (loop $entries
              (br_if $list_done (i32.ge_u (local.get $e) (local.get $end)))
              (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul
                (v128.load32_splat offset=4 (local.get $e))
                (v128.load (i32.add (i32.add (local.get $b) (i32.load (local.get $e))) (i32.shl (local.get $j) (i32.const 2)))))))
              (local.set $e (i32.add (local.get $e) (i32.const 8)))
              (br $entries)))
          (v128.store (local.get $cp) (local.get $s0))
          (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $narrow)))
      ;; last columns one by one
      (block $tail_done
        (loop $tail
          (br_if $tail_done (i32.ge_s (local.get $j) (local.get $n)))
          (local.set $t (if (result f32) (local.get $add) (then (f32.load (local.get $cp))) (else (f32.const 0))))
          (local.set $e (local.get $list))
          (block $list_done
            (loop $entries
              (br_if $list_done (i32.ge_u (local.get $e) (local.get $end)))
              (local.set $t (f32.add (local.get $t) (f32.mul
                (f32.load offset=4 (local.get $e))
                (f32.load (i32.add (i32.add (local.get $b) (i32.load (local.get $e))) (i32.shl (local.get $j) (i32.const 2)))))))
              (local.set $e (i32.add (local.get $e) (i32.const 8)))
              (br $entries)))
          (f32.store (local.get $cp) (local.get $t))
          (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $tail)))
      (br_if $rows (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m)))))
)
