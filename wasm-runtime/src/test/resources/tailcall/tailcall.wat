;; Tail calls (CoreFeature.TAIL_CALL) for TailCallTest: every kind of return_call, deep enough that
;; a call per step would exhaust the JVM's stack.
(module
  (import "host" "twice" (func $twice (param i64) (result i64)))
  (type $unary (func (param i64) (result i64)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $count_indirect $twice)

  ;; count(n, acc): n steps of acc + 1, by calling itself: the compiler makes this a loop.
  (func $count (export "count") (param $n i64) (param $acc i64) (result i64)
    (local $scratch i64)
    ;; a local that must start at zero on every step
    (local.set $scratch (i64.add (local.get $scratch) (i64.const 1)))
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else
        ;; values below the arguments are dropped by the tail call
        (i64.const 99)
        (drop)
        (return_call $count
          (i64.sub (local.get $n) (i64.const 1))
          (i64.add (local.get $acc) (local.get $scratch))))))

  ;; even/odd: mutual recursion in tail position.
  (func $even (export "even") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get $n) (i64.const 1))))))
  (func $odd (export "odd") (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))

  ;; through the table: element 0 is this function; at zero, a tail call to the host (element 1).
  (func $count_indirect (export "countIndirect") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (return_call_indirect $t (type $unary) (i64.const 21) (i32.const 1)))
      (else
        (return_call_indirect $t (type $unary)
          (i64.sub (local.get $n) (i64.const 1)) (i32.const 0)))))

  ;; a tail call to an import: its results are the caller's.
  (func (export "viaImport") (param i64) (result i64)
    (return_call $twice (local.get 0)))

  ;; never returns: for timeouts.
  (func $spin (export "spin") (param i64) (result i64)
    (return_call $spin (i64.add (local.get 0) (i64.const 1))))
)
