;; Guest code for the hardening tests (ResourceLimitsTest, InstantiateFuzzTest, LeakTest).
;; Build: wat2wasm limits.wat -o limits.wasm
(module
  (type $v (func))
  (memory (export "memory") 1)
  (table $t (export "table") 2 funcref)
  (global $counter (mut i32) (i32.const 0))
  (elem (i32.const 0) $nop $recurseIndirect)
  ;; An endless loop without calls.
  (func $spin (export "spin") (loop $l (br $l)))
  ;; An endless loop that calls a function each round.
  (func $spinCalls (export "spinCalls") (loop $l (call $nop) (br $l)))
  (func $nop (export "nop"))
  ;; Unbounded recursion: f(n) = f(n + 1) + 1.
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  ;; Unbounded recursion through call_indirect.
  (func $recurseIndirect (export "recurseIndirect")
    (call_indirect (type $v) (i32.const 1)))
  ;; Grows memory by $delta pages until memory.grow fails; returns the pages reached.
  (func $growMemoryForever (export "growMemoryForever") (param $delta i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.eq (memory.grow (local.get $delta)) (i32.const -1)))
        (br $l)))
    (memory.size))
  ;; Grows the table by $delta until table.grow fails; returns the size reached.
  (func $growTableForever (export "growTableForever") (param $delta i32) (result i32)
    (block $done
      (loop $l
        (br_if $done
          (i32.eq (table.grow $t (ref.null func) (local.get $delta)) (i32.const -1)))
        (br $l)))
    (table.size $t))
  ;; One memory.grow / table.grow, returning the old size or -1.
  (func (export "growMemory") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "growTable") (param i32) (result i32)
    (table.grow $t (ref.null func) (local.get 0)))
  ;; Adds $x to a per-instance counter and returns it (instances must not share it).
  (func (export "bump") (param $x i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (local.get $x)))
    (global.get $counter))
  ;; Stores $x at address 0 and then loads it back after $n rounds of a loop summing 0..$n.
  (func (export "work") (param $x i32) (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (i32.store (i32.const 0) (local.get $x))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.add (i32.load (i32.const 0)) (local.get $sum)))
  ;; Loads the byte at $addr (traps out of bounds past the end of memory).
  (func (export "oob") (param $addr i32) (result i32) (i32.load8_u (local.get $addr)))
)
