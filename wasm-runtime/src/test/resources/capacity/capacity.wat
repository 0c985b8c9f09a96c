;; Memory accesses of every kind, for CapacityFromMaxTest (RuntimeConfig.withMemoryCapacityFromMax).
;; The memory has 1 page and a maximum of 4: with capacity from max its array has 4 pages at once.
(module $capacity
  (memory (export "memory") 1 4)
  (data (i32.const 0) "\2a")
  (data $passive "\01\02\03\04\05\06\07\08")

  (func $size (export "size") (result i32) (memory.size))
  (func $grow (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))

  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load16") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "loadF64") (param i32) (result f64) (f64.load (local.get 0)))
  ;; a static offset of one page: traps at address size - 64 KiB - 3 and above
  (func (export "load32Offset") (param i32) (result i32)
    (i32.load offset=65536 (local.get 0)))
  ;; the largest static offset: traps for any address with a 1-page memory
  (func (export "load8MaxOffset") (param i32) (result i32)
    (i32.load8_u offset=4294967295 (local.get 0)))

  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "storeF32") (param i32 f32) (f32.store (local.get 0) (local.get 1)))

  (func (export "fill") (param i32 i32 i32)
    (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32)
    (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32)
    (memory.init $passive (local.get 0) (local.get 1) (local.get 2)))

  ;; SIMD: the lane 3 of a v128.load, a v128.store of a splat, lane accesses
  (func (export "v128Load") (param i32) (result i32)
    (i32x4.extract_lane 3 (v128.load (local.get 0))))
  (func (export "v128Store") (param i32 i32)
    (v128.store (local.get 0) (i32x4.splat (local.get 1))))
  (func (export "v128Load64Lane") (param i32) (result i64)
    (i64x2.extract_lane 1 (v128.load64_lane 1 (local.get 0) (v128.const i64x2 0 0))))
  (func (export "v128Store32Lane") (param i32 i32)
    (v128.store32_lane 0 (local.get 0) (i32x4.splat (local.get 1))))
  (func (export "v128Load8Splat") (param i32) (result i32)
    (i8x16.extract_lane_u 15 (v128.load8_splat (local.get 0))))

  ;; grows by a call (so the code must reload what it caches of the memory), then stores and
  ;; loads at the address: returns the value read back
  (func (export "growThenStore") (param i32 i32) (result i32)
    (drop (call $grow (i32.const 1)))
    (i32.store (local.get 0) (local.get 1))
    (i32.load (local.get 0)))

  ;; sums the bytes [0, n) in a loop: a hot loop of checked loads
  (func (export "sum") (param i32) (result i32) (local i32 i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
        (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 1))))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br $next)))
    (local.get 2))
)
