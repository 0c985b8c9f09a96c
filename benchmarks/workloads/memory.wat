;; Memory traffic: bulk memory.copy / memory.fill over 1 MiB, and many small loads and stores.
(module $memory
  (memory (export "memory") 32)

  ;; Fills 1 MiB, copies it back and forth `rounds` times (overlapping and not), returns a sample.
  (func (export "bulk") (param $rounds i32) (result i32)
    (local $r i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $r) (local.get $rounds)))
        (memory.fill (i32.const 0) (i32.and (local.get $r) (i32.const 255)) (i32.const 1048576))
        (memory.copy (i32.const 1048576) (i32.const 0) (i32.const 1048576))
        (memory.copy (i32.const 1000) (i32.const 1048576) (i32.const 1000000))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (i32.add (i32.load (i32.const 1000)) (i32.load8_u (i32.const 2000000))))

  ;; Walks 1 MiB of i32s `rounds` times: load, mix, store; returns a checksum.
  (func (export "small") (param $rounds i32) (result i32)
    (local $r i32) (local $p i32) (local $acc i32)
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $r) (local.get $rounds)))
        (local.set $p (i32.const 0))
        (block $end
          (loop $word
            (br_if $end (i32.ge_u (local.get $p) (i32.const 1048576)))
            (local.set $acc
              (i32.add (i32.rotl (local.get $acc) (i32.const 5)) (i32.load (local.get $p))))
            (i32.store (local.get $p) (i32.add (local.get $acc) (local.get $r)))
            (i32.store8 offset=3 (local.get $p) (local.get $acc))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $word)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $round)))
    (local.get $acc)))
