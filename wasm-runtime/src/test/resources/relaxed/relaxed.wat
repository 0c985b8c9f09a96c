;; Relaxed SIMD (CoreFeature.RELAXED_SIMD) for RelaxedSimdTest: each instruction on splatted
;; scalars, lane 0 returned, so the test sees the result zerowasm chooses where the proposal
;; allows several. (wabt spells the dot products without "relaxed_".)
(module
  (func (export "madd") (param f32 f32 f32) (result f32)
    (f32x4.extract_lane 0
      (f32x4.relaxed_madd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))
        (f32x4.splat (local.get 2)))))
  (func (export "nmadd64") (param f64 f64 f64) (result f64)
    (f64x2.extract_lane 1
      (f64x2.relaxed_nmadd (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1))
        (f64x2.splat (local.get 2)))))
  (func (export "dot") (param i32 i32) (result i32)
    (i16x8.extract_lane_s 3
      (i16x8.dot_i8x16_i7x16_s (i8x16.splat (local.get 0)) (i8x16.splat (local.get 1)))))
  (func (export "dotAdd") (param i32 i32 i32) (result i32)
    (i32x4.extract_lane 2
      (i32x4.dot_i8x16_i7x16_add_s (i8x16.splat (local.get 0)) (i8x16.splat (local.get 1))
        (i32x4.splat (local.get 2)))))
  (func (export "truncNaN") (result i32)
    (i32x4.extract_lane 0 (i32x4.relaxed_trunc_f32x4_s (f32x4.splat (f32.const nan)))))
  (func (export "swizzleOutOfRange") (result i32)
    (i8x16.extract_lane_u 0
      (i8x16.relaxed_swizzle (i8x16.splat (i32.const 7)) (i8x16.splat (i32.const 200)))))
  (func (export "laneselect") (param i64 i64 i64) (result i64)
    (i64x2.extract_lane 0
      (i64x2.relaxed_laneselect (i64x2.splat (local.get 0)) (i64x2.splat (local.get 1))
        (i64x2.splat (local.get 2)))))
  (func (export "minZeros") (result f32)
    (f32x4.extract_lane 0
      (f32x4.relaxed_min (f32x4.splat (f32.const 0)) (f32x4.splat (f32.const -0)))))
)
