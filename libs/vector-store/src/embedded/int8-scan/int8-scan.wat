;; Motif's exact Int8 column scan (WebAssembly SIMD-128), hand-written; `int8-scan-wasm.ts` holds its bytes.
;; Rebuild the bytes after editing: node libs/vector-store/scripts/compile-int8-scan.js
;; (int8-scan.spec.ts fails while the shipped bytes differ from this source).
;;
;; Memory is the caller's: Int8 columns (dimension-major, rows padded to a multiple of 16), Int32 accumulators,
;; Float32 row scales and outputs. Nothing is allocated here.
(module
  (import "env" "memory" (memory 1))

  ;; acc[i] += Σ_j weights[j] · column_j[i] for i in [0, n16), where ptrs[j] is the address of column j.
  ;; Sixteen rows per step: one 16-byte load per column, widened to i16 and multiplied into four i32x4 sums.
  ;; |weight| ≤ 2^14 and |cell| ≤ 127 keep every product in i16 × i16 → i32 and the sum of 1024 of them in i32.
  (func (export "accumulate") (param $ptrs i32) (param $weights i32) (param $nd i32) (param $n16 i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $a i32) (local $v v128) (local $lo v128) (local $hi v128) (local $w v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n16)))
        (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $a0 (v128.load offset=0 (local.get $a)))
        (local.set $a1 (v128.load offset=16 (local.get $a)))
        (local.set $a2 (v128.load offset=32 (local.get $a)))
        (local.set $a3 (v128.load offset=48 (local.get $a)))
        (local.set $j (i32.const 0))
        (block $dims_done
          (loop $dims
            (br_if $dims_done (i32.ge_u (local.get $j) (local.get $nd)))
            (local.set $v (v128.load (i32.add (i32.load (i32.add (local.get $ptrs) (i32.shl (local.get $j) (i32.const 2)))) (local.get $i))))
            (local.set $w (i16x8.splat (i32.load (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $lo (i16x8.extend_low_i8x16_s (local.get $v)))
            (local.set $hi (i16x8.extend_high_i8x16_s (local.get $v)))
            (local.set $a0 (i32x4.add (local.get $a0) (i32x4.extmul_low_i16x8_s (local.get $lo) (local.get $w))))
            (local.set $a1 (i32x4.add (local.get $a1) (i32x4.extmul_high_i16x8_s (local.get $lo) (local.get $w))))
            (local.set $a2 (i32x4.add (local.get $a2) (i32x4.extmul_low_i16x8_s (local.get $hi) (local.get $w))))
            (local.set $a3 (i32x4.add (local.get $a3) (i32x4.extmul_high_i16x8_s (local.get $hi) (local.get $w))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $dims)))
        (v128.store offset=0 (local.get $a) (local.get $a0))
        (v128.store offset=16 (local.get $a) (local.get $a1))
        (v128.store offset=32 (local.get $a) (local.get $a2))
        (v128.store offset=48 (local.get $a) (local.get $a3))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows))))

  ;; out[i] = f32(acc[i]) · scales[i] · k for i in [0, n4), n4 a multiple of 4.
  (func (export "finish") (param $acc i32) (param $scales i32) (param $n4 i32) (param $k f32) (param $out i32)
    (local $i i32) (local $kv v128) (local $o i32)
    (local.set $kv (f32x4.splat (local.get $k)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.mul
            (f32x4.mul (f32x4.convert_i32x4_s (v128.load (i32.add (local.get $acc) (local.get $o))))
                       (v128.load (i32.add (local.get $scales) (local.get $o))))
            (local.get $kv)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))

  ;; The same as `finish` over n16 rows, then rows whose mask byte is 0 get -inf and maxima[b] is the largest
  ;; score of rows [16b, 16b + 16): a top-k then visits only blocks whose maximum can still enter it.
  (func (export "finish_masked") (param $acc i32) (param $scales i32) (param $mask i32) (param $n16 i32) (param $k f32) (param $out i32) (param $maxima i32)
    (local $i i32) (local $o i32) (local $kv v128) (local $ninf v128) (local $m v128) (local $mh v128) (local $best v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $kv (f32x4.splat (local.get $k)))
    (local.set $ninf (f32x4.splat (f32.const -inf)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n16)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $m (v128.load (i32.add (local.get $mask) (local.get $i))))
        (local.set $mh (i16x8.extend_high_i8x16_u (local.get $m)))
        (local.set $m (i16x8.extend_low_i8x16_u (local.get $m)))
        (local.set $s0 (v128.bitselect
          (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (v128.load offset=0 (i32.add (local.get $acc) (local.get $o))))
                                (v128.load offset=0 (i32.add (local.get $scales) (local.get $o)))) (local.get $kv))
          (local.get $ninf)
          (i32x4.ne (i32x4.extend_low_i16x8_u (local.get $m)) (v128.const i32x4 0 0 0 0))))
        (local.set $s1 (v128.bitselect
          (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (v128.load offset=16 (i32.add (local.get $acc) (local.get $o))))
                                (v128.load offset=16 (i32.add (local.get $scales) (local.get $o)))) (local.get $kv))
          (local.get $ninf)
          (i32x4.ne (i32x4.extend_high_i16x8_u (local.get $m)) (v128.const i32x4 0 0 0 0))))
        (local.set $s2 (v128.bitselect
          (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (v128.load offset=32 (i32.add (local.get $acc) (local.get $o))))
                                (v128.load offset=32 (i32.add (local.get $scales) (local.get $o)))) (local.get $kv))
          (local.get $ninf)
          (i32x4.ne (i32x4.extend_low_i16x8_u (local.get $mh)) (v128.const i32x4 0 0 0 0))))
        (local.set $s3 (v128.bitselect
          (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (v128.load offset=48 (i32.add (local.get $acc) (local.get $o))))
                                (v128.load offset=48 (i32.add (local.get $scales) (local.get $o)))) (local.get $kv))
          (local.get $ninf)
          (i32x4.ne (i32x4.extend_high_i16x8_u (local.get $mh)) (v128.const i32x4 0 0 0 0))))
        (v128.store offset=0 (i32.add (local.get $out) (local.get $o)) (local.get $s0))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $o)) (local.get $s1))
        (v128.store offset=32 (i32.add (local.get $out) (local.get $o)) (local.get $s2))
        (v128.store offset=48 (i32.add (local.get $out) (local.get $o)) (local.get $s3))
        (local.set $best (f32x4.max (f32x4.max (local.get $s0) (local.get $s1)) (f32x4.max (local.get $s2) (local.get $s3))))
        (f32.store (i32.add (local.get $maxima) (i32.shr_u (local.get $i) (i32.const 2)))
          (f32.max (f32.max (f32x4.extract_lane 0 (local.get $best)) (f32x4.extract_lane 1 (local.get $best)))
                   (f32.max (f32x4.extract_lane 2 (local.get $best)) (f32x4.extract_lane 3 (local.get $best)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows))))

  ;; Row-major kernels (RowIndex): rows of `stride` bytes and sign bits of `sstride` bytes, both multiples of 32.

  ;; dist[i] = popcount(signs_i XOR q) (u16) for rows whose mask byte is set, 65535 for the others, and
  ;; hist[h] += 1 per row kept: the cut-off for the C nearest rows is then one walk over the histogram.
  ;; Scalar i64.popcnt (one instruction) beats i8x16.popcnt, which x64 without AVX-512 emulates with shuffles.
  (func (export "hamming") (param $signs i32) (param $sstride i32) (param $q i32) (param $mask i32) (param $n i32) (param $dist i32) (param $hist i32)
    (local $i i32) (local $j i32) (local $row i32) (local $h i64) (local $at i32)
    (if (i32.eq (local.get $sstride) (i32.const 64))
      (then
        (call $hamming64 (local.get $signs) (local.get $q) (local.get $mask) (local.get $n) (local.get $dist) (local.get $hist))
        (return)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 1))))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $mask) (local.get $i))))
          (then (i32.store16 (local.get $at) (i32.const 65535)))
          (else
            (local.set $row (i32.add (local.get $signs) (i32.mul (local.get $i) (local.get $sstride))))
            (local.set $h (i64.const 0))
            (local.set $j (i32.const 0))
            (block $bytes_done
              (loop $bytes
                (br_if $bytes_done (i32.ge_u (local.get $j) (local.get $sstride)))
                (local.set $h (i64.add (local.get $h) (i64.add
                  (i64.add (i64.popcnt (i64.xor (i64.load offset=0 (i32.add (local.get $row) (local.get $j))) (i64.load offset=0 (i32.add (local.get $q) (local.get $j)))))
                           (i64.popcnt (i64.xor (i64.load offset=8 (i32.add (local.get $row) (local.get $j))) (i64.load offset=8 (i32.add (local.get $q) (local.get $j))))))
                  (i64.add (i64.popcnt (i64.xor (i64.load offset=16 (i32.add (local.get $row) (local.get $j))) (i64.load offset=16 (i32.add (local.get $q) (local.get $j)))))
                           (i64.popcnt (i64.xor (i64.load offset=24 (i32.add (local.get $row) (local.get $j))) (i64.load offset=24 (i32.add (local.get $q) (local.get $j)))))))))
                (local.set $j (i32.add (local.get $j) (i32.const 32)))
                (br $bytes)))
            (i32.store16 (local.get $at) (i32.wrap_i64 (local.get $h)))
            (local.set $at (i32.add (local.get $hist) (i32.shl (i32.wrap_i64 (local.get $h)) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

;; `hamming` for 64-byte sign rows (384- and 512-d vectors, the sentence model's): the query's eight words stay in
  ;; locals and each row is eight loads, XORs and popcounts with no inner loop (~20 % less time at 100k rows here, the same distances).
  (func $hamming64 (param $signs i32) (param $q i32) (param $mask i32) (param $n i32) (param $dist i32) (param $hist i32)
    (local $i i32) (local $row i32) (local $h i32) (local $at i32)
    (local $q0 i64) (local $q1 i64) (local $q2 i64) (local $q3 i64) (local $q4 i64) (local $q5 i64) (local $q6 i64) (local $q7 i64)
    (local.set $q0 (i64.load offset=0 (local.get $q)))
    (local.set $q1 (i64.load offset=8 (local.get $q)))
    (local.set $q2 (i64.load offset=16 (local.get $q)))
    (local.set $q3 (i64.load offset=24 (local.get $q)))
    (local.set $q4 (i64.load offset=32 (local.get $q)))
    (local.set $q5 (i64.load offset=40 (local.get $q)))
    (local.set $q6 (i64.load offset=48 (local.get $q)))
    (local.set $q7 (i64.load offset=56 (local.get $q)))
    (local.set $row (local.get $signs))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 1))))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $mask) (local.get $i))))
          (then (i32.store16 (local.get $at) (i32.const 65535)))
          (else
            (local.set $h (i32.wrap_i64 (i64.add
              (i64.add
                (i64.add (i64.popcnt (i64.xor (i64.load offset=0 (local.get $row)) (local.get $q0)))
                         (i64.popcnt (i64.xor (i64.load offset=8 (local.get $row)) (local.get $q1))))
                (i64.add (i64.popcnt (i64.xor (i64.load offset=16 (local.get $row)) (local.get $q2)))
                         (i64.popcnt (i64.xor (i64.load offset=24 (local.get $row)) (local.get $q3)))))
              (i64.add
                (i64.add (i64.popcnt (i64.xor (i64.load offset=32 (local.get $row)) (local.get $q4)))
                         (i64.popcnt (i64.xor (i64.load offset=40 (local.get $row)) (local.get $q5))))
                (i64.add (i64.popcnt (i64.xor (i64.load offset=48 (local.get $row)) (local.get $q6)))
                         (i64.popcnt (i64.xor (i64.load offset=56 (local.get $row)) (local.get $q7))))))))
            (i32.store16 (local.get $at) (local.get $h))
            (local.set $at (i32.add (local.get $hist) (i32.shl (local.get $h) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))
        (local.set $row (i32.add (local.get $row) (i32.const 64)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

    ;; cand[c++] = i for every row i < n with dist[i] <= t (u16 distances); returns c.
  (func (export "select_within") (param $dist i32) (param $n i32) (param $t i32) (param $cand i32) (result i32)
    (local $i i32) (local $c i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.le_u (i32.load16_u (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 1)))) (local.get $t))
          (then
            (i32.store (i32.add (local.get $cand) (i32.shl (local.get $c) (i32.const 2))) (local.get $i))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $c))

  ;; cand[c++] = i for every row i < n whose mask byte is set; returns c.
  (func (export "select_mask") (param $mask i32) (param $n i32) (param $cand i32) (result i32)
    (local $i i32) (local $c i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.load8_u (i32.add (local.get $mask) (local.get $i)))
          (then
            (i32.store (i32.add (local.get $cand) (i32.shl (local.get $c) (i32.const 2))) (local.get $i))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $c))

  ;; out[c] = f32(Σ_d cell[r][d] · q[d]) · scales[r] · k for r = cand[c], c < nc: the Int8 rows widened to i16
  ;; against the query's i16 weights (`stride` of them, a multiple of 32). Candidates are scattered rows, so the
  ;; time goes to cache misses: four rows are read side by side (four misses in flight), then one at a time.
  (func (export "dot_rows") (param $cells i32) (param $stride i32) (param $scales i32) (param $cand i32) (param $nc i32) (param $q i32) (param $k f32) (param $out i32)
    (local $c i32) (local $j i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $ql v128) (local $qh v128) (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $nc)))
        (local.set $p0 (call $row_at (local.get $cells) (local.get $stride) (local.get $cand) (local.get $c)))
        (local.set $p1 (call $row_at (local.get $cells) (local.get $stride) (local.get $cand) (i32.add (local.get $c) (i32.const 1))))
        (local.set $p2 (call $row_at (local.get $cells) (local.get $stride) (local.get $cand) (i32.add (local.get $c) (i32.const 2))))
        (local.set $p3 (call $row_at (local.get $cells) (local.get $stride) (local.get $cand) (i32.add (local.get $c) (i32.const 3))))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $dims_done
          (loop $dims
            (br_if $dims_done (i32.ge_u (local.get $j) (local.get $stride)))
            (local.set $ql (v128.load offset=0 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))
            (local.set $qh (v128.load offset=16 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))
            (local.set $v (v128.load (i32.add (local.get $p0) (local.get $j))))
            (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $ql)) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $qh)))))
            (local.set $v (v128.load (i32.add (local.get $p1) (local.get $j))))
            (local.set $a1 (i32x4.add (local.get $a1) (i32x4.add (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $ql)) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $qh)))))
            (local.set $v (v128.load (i32.add (local.get $p2) (local.get $j))))
            (local.set $a2 (i32x4.add (local.get $a2) (i32x4.add (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $ql)) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $qh)))))
            (local.set $v (v128.load (i32.add (local.get $p3) (local.get $j))))
            (local.set $a3 (i32x4.add (local.get $a3) (i32x4.add (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $ql)) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $qh)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $dims)))
        (call $store_score (local.get $a0) (local.get $scales) (local.get $cand) (local.get $c) (local.get $k) (local.get $out))
        (call $store_score (local.get $a1) (local.get $scales) (local.get $cand) (i32.add (local.get $c) (i32.const 1)) (local.get $k) (local.get $out))
        (call $store_score (local.get $a2) (local.get $scales) (local.get $cand) (i32.add (local.get $c) (i32.const 2)) (local.get $k) (local.get $out))
        (call $store_score (local.get $a3) (local.get $scales) (local.get $cand) (i32.add (local.get $c) (i32.const 3)) (local.get $k) (local.get $out))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quads)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $c) (local.get $nc)))
        (local.set $p0 (call $row_at (local.get $cells) (local.get $stride) (local.get $cand) (local.get $c)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $dims_done
          (loop $dims
            (br_if $dims_done (i32.ge_u (local.get $j) (local.get $stride)))
            (local.set $v (v128.load (i32.add (local.get $p0) (local.get $j))))
            (local.set $a0 (i32x4.add (local.get $a0)
              (i32x4.add (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load offset=0 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))
                         (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=16 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $dims)))
        (call $store_score (local.get $a0) (local.get $scales) (local.get $cand) (local.get $c) (local.get $k) (local.get $out))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $rest))))

  ;; out[c] = Σ_d q[d] · (254 · cells[r][d] + residuals[c][d]) in doubles for r = rows[c], c < nc: the refinement's
  ;; score before its scale (`stride` dimensions, a multiple of 16; q: f64; residuals: the nc rows copied side by side).
  ;; 254 · cell + residual fits an i16, and each product is exact in a double. Lane l of acc(j) sums the dimensions
  ;; d ≡ 2j + l (mod 8) in order; the total is ((acc0 + acc1) + (acc2 + acc3)), lane 0 + lane 1 (the JS twin's order).
  (func (export "refine_rows") (param $cells i32) (param $stride i32) (param $rows i32) (param $nc i32) (param $res i32) (param $q i32) (param $out i32)
    (local $c i32) (local $j i32) (local $p i32) (local $r i32) (local $qa i32) (local $v v128) (local $w v128) (local $u v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $c) (local.get $nc)))
        (local.set $p (call $row_at (local.get $cells) (local.get $stride) (local.get $rows) (local.get $c)))
        (local.set $r (i32.add (local.get $res) (i32.mul (local.get $c) (local.get $stride))))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $dims_done
          (loop $dims
            (br_if $dims_done (i32.ge_u (local.get $j) (local.get $stride)))
            (local.set $v (v128.load (i32.add (local.get $p) (local.get $j))))
            (local.set $w (v128.load (i32.add (local.get $r) (local.get $j))))
            (local.set $qa (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 3))))
            ;; dimensions j .. j + 7
            (local.set $u (i16x8.add (i16x8.mul (i16x8.extend_low_i8x16_s (local.get $v)) (v128.const i16x8 254 254 254 254 254 254 254 254))
                                     (i16x8.extend_low_i8x16_s (local.get $w))))
            (call $acc8 (local.get $u) (local.get $qa) (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3))
            (local.set $a3) (local.set $a2) (local.set $a1) (local.set $a0)
            ;; dimensions j + 8 .. j + 15
            (local.set $u (i16x8.add (i16x8.mul (i16x8.extend_high_i8x16_s (local.get $v)) (v128.const i16x8 254 254 254 254 254 254 254 254))
                                     (i16x8.extend_high_i8x16_s (local.get $w))))
            (call $acc8 (local.get $u) (i32.add (local.get $qa) (i32.const 64)) (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3))
            (local.set $a3) (local.set $a2) (local.set $a1) (local.set $a0)
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $dims)))
        (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $each))))

  ;; acc(j) += q[2j .. 2j + 1] · u[2j .. 2j + 1] for j < 4 (u: eight i16 values; q: eight doubles at $q).
  (func $acc8 (param $u v128) (param $q i32) (param $a0 v128) (param $a1 v128) (param $a2 v128) (param $a3 v128) (result v128 v128 v128 v128)
    (local $lo v128) (local $hi v128)
    (local.set $lo (i32x4.extend_low_i16x8_s (local.get $u)))
    (local.set $hi (i32x4.extend_high_i16x8_s (local.get $u)))
    (f64x2.add (local.get $a0) (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $lo)) (v128.load offset=0 (local.get $q))))
    (f64x2.add (local.get $a1) (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))) (v128.load offset=16 (local.get $q))))
    (f64x2.add (local.get $a2) (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $hi)) (v128.load offset=32 (local.get $q))))
    (f64x2.add (local.get $a3) (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi) (local.get $hi))) (v128.load offset=48 (local.get $q)))))

  ;; The address of candidate c's row.
  (func $row_at (param $cells i32) (param $stride i32) (param $cand i32) (param $c i32) (result i32)
    (i32.add (local.get $cells) (i32.mul (i32.load (i32.add (local.get $cand) (i32.shl (local.get $c) (i32.const 2)))) (local.get $stride))))

  ;; out[c] = f32(sum of acc's lanes) · scales[cand[c]] · k.
  (func $store_score (param $acc v128) (param $scales i32) (param $cand i32) (param $c i32) (param $k f32) (param $out i32)
    (f32.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2)))
      (f32.mul
        (f32.mul
          (f32.convert_i32_s (i32.add (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
                                      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
          (f32.load (i32.add (local.get $scales) (i32.shl (i32.load (i32.add (local.get $cand) (i32.shl (local.get $c) (i32.const 2)))) (i32.const 2)))))
        (local.get $k))))
)
