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
        (br $rows)))))
