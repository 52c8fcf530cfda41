;; The readable source of the float32 kernel that wasm-gemm-f32.ts emits byte by byte (the plain
;; variant). test/engine/kernels/wasm-gemm-f32.test.ts assembles this file (wabt) and checks the bytes
;; are the emitter's; the fused variant is this text with every
;;   (f32x4.add (local.get $acc) (f32x4.mul (local.get $av) (local.get $b)))
;; written (f32x4.relaxed_madd (local.get $av) (local.get $b) (local.get $acc)), checked the same way.
;;
;; The loop is wasm-gemm.wat's with floats for doubles: C = A·B, 4×8 outputs per block (32 bytes a row,
;; as there), four f32 lanes per instruction, on strided operands (byte offsets):
;;   row block ip of A starts at aPtr + ip·aPanel; A(4ip+ii, r) is the float at that + r·aStep + ii·aLane
;;   (row-major: aStep 4, aLane the row; column-major: aStep the column, aLane 4; panels [R][4]: 16, 4);
;;   column block jp of B starts at bPtr + jp·bPanel; B(r, 8jp…8jp+7) are the 8 floats at that + r·bStep
;;   (row-major: bPanel 32, bStep the row; panels [R][8]: bPanel 32R, bStep 32).
;;   C is row-major with 8·Np floats per row; block (ip, jp) starts at row 4ip, column 8jp.
(module
  (import "env" "mem" (memory 1))
  (func $gemm_f32 (export "gemm_f32")
    (param $aPtr i32) (param $aPanel i32) (param $aStep i32) (param $aLane i32)
    (param $bPtr i32) (param $bPanel i32) (param $bStep i32)
    (param $cPtr i32) (param $Mp i32) (param $Np i32) (param $R i32) (param $loadC i32)
    (local $ip i32) (local $jp i32) (local $r i32)
    (local $a i32) (local $b i32) (local $c i32)  ;; A(4ip, r), B(r, 8jp) and the C block
    (local $rowBytes i32) (local $lane2 i32) (local $lane3 i32)  ;; bytes of a C row; 2·aLane, 3·aLane
    ;; the 4×8 accumulators: $cIJ holds row I of the block, columns 4J…4J+3
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128)  ;; B[r][0..3] and B[r][4..7]
    (local $av v128)                   ;; A[r][i] in both lanes

    (local.set $rowBytes (i32.shl (local.get $Np) (i32.const 5)))   ;; 8·Np floats of 4 bytes
    (local.set $lane2 (i32.shl (local.get $aLane) (i32.const 1)))
    (local.set $lane3 (i32.add (local.get $lane2) (local.get $aLane)))

    (local.set $ip (i32.const 0))
    (block $rowsDone (loop $nextRowPanel
      (br_if $rowsDone (i32.ge_u (local.get $ip) (local.get $Mp)))
      (local.set $jp (i32.const 0))
      (block $colsDone (loop $nextColPanel
        (br_if $colsDone (i32.ge_u (local.get $jp) (local.get $Np)))
        (local.set $a (i32.add (local.get $aPtr) (i32.mul (local.get $ip) (local.get $aPanel))))
        (local.set $b (i32.add (local.get $bPtr) (i32.mul (local.get $jp) (local.get $bPanel))))
        ;; c = cPtr + ip·4·rowBytes + jp·32
        (local.set $c (i32.add
          (i32.add (local.get $cPtr) (i32.mul (local.get $ip) (i32.shl (local.get $rowBytes) (i32.const 2))))
          (i32.shl (local.get $jp) (i32.const 5))))

        (if (local.get $loadC)
          (then  ;; accumulate onto C
            (local.set $c00 (v128.load (local.get $c)))
            (local.set $c01 (v128.load offset=16 (local.get $c)))
            (local.set $c10 (v128.load (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 1)))))
            (local.set $c11 (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 1)))))
            (local.set $c20 (v128.load (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 2)))))
            (local.set $c21 (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 2)))))
            (local.set $c30 (v128.load (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 3)))))
            (local.set $c31 (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 3))))))
          (else  ;; overwrite C
            (local.set $c00 (v128.const i64x2 0 0))
            (local.set $c01 (v128.const i64x2 0 0))
            (local.set $c10 (v128.const i64x2 0 0))
            (local.set $c11 (v128.const i64x2 0 0))
            (local.set $c20 (v128.const i64x2 0 0))
            (local.set $c21 (v128.const i64x2 0 0))
            (local.set $c30 (v128.const i64x2 0 0))
            (local.set $c31 (v128.const i64x2 0 0))))

        (local.set $r (local.get $R))
        (block $reduced (loop $nextR
          (br_if $reduced (i32.eqz (local.get $r)))
          (local.set $b0 (v128.load (local.get $b)))
          (local.set $b1 (v128.load offset=16 (local.get $b)))
          ;; row i of the block: c_i += A[r][i] · B[r][0..7]
          (local.set $av (v128.load32_splat (local.get $a)))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $aLane))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $lane2))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $lane3))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
          (local.set $a (i32.add (local.get $a) (local.get $aStep)))  ;; next r
          (local.set $b (i32.add (local.get $b) (local.get $bStep)))
          (local.set $r (i32.sub (local.get $r) (i32.const 1)))
          (br $nextR)))

        (v128.store (local.get $c) (local.get $c00))
        (v128.store offset=16 (local.get $c) (local.get $c01))
        (v128.store (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 1))) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 1))) (local.get $c11))
        (v128.store (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 2))) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 2))) (local.get $c21))
        (v128.store (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $c31))
        (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
        (br $nextColPanel)))
      (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
      (br $nextRowPanel)))))
