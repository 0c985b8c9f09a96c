;; A guest that passes v128 values to and from a host function: env.swap(v128, i32) -> (v128, i32)
;; swaps the two 64-bit halves and adds one to the i32.
(module $simd
  (import "env" "swap" (func $swap (param v128 i32) (result v128 i32)))
  (func (export "run") (param $v v128) (param $n i32) (result v128 i32)
    (call $swap (local.get $v) (local.get $n))))
