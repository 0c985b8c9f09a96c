;; A tight integer loop with locals: dispatch-heavy. Returns a checksum of n iterations of an LCG
;; mixed with shifts, so no engine can fold it away.
(module $loop
  (func (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $x i32) (local $y i32)
    (local.set $x (i32.const 12345))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
        (local.set $y (i32.xor (local.get $y) (i32.shr_u (local.get $x) (i32.const 16))))
        (local.set $y (i32.add (local.get $y) (i32.and (local.get $i) (i32.const 7))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor (local.get $x) (local.get $y))))
