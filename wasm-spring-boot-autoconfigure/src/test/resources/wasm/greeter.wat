;; Test guest for the Spring Boot starter: ints, strings and bytes through an allocator.
;;
;; Allocator convention (the starter's default export names):
;;   allocate(len i32) -> ptr i32          reserves len bytes of linear memory
;;   deallocate(ptr i32, len i32)           gives them back
;; A bump allocator: every block is 8-byte aligned; when the last live block is freed the heap
;; resets to its base, so a call that frees everything it allocated leaves no garbage.
;; String/bytes results come back either as a packed i64 (ptr << 32 | len) or as two i32 results
;; (ptr, len); the host frees them with deallocate after copying.
(module
  (memory (export "memory") 1)
  (global $base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (data (i32.const 16) "Hello, ")
  (data (i32.const 32) "!")

  (func $allocate (export "allocate") (param $len i32) (result i32)
    (local $ptr i32) (local $end i32) (local $need i32)
    (local.set $ptr (global.get $heap))
    ;; end = align8(ptr + len)
    (local.set $end
      (i32.and (i32.add (i32.add (local.get $ptr) (local.get $len)) (i32.const 7))
               (i32.const -8)))
    ;; grow memory when end passes its size
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (local.set $need
          (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                   (memory.size)))
        (if (i32.eq (memory.grow (local.get $need)) (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  (func (export "deallocate") (param $ptr i32) (param $len i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live))
      (then (global.set $heap (global.get $base)))))

  ;; live_allocations() -> i32: blocks not yet freed (lets tests check the host frees everything)
  (func (export "live_allocations") (result i32) (global.get $live))

  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  (func (export "multiply") (param f64 f64) (result f64)
    (f64.mul (local.get 0) (local.get 1)))

  (func (export "is_even") (param i64) (result i32)
    (i64.eqz (i64.rem_u (local.get 0) (i64.const 2))))

  (func (export "divide") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))

  (func $fail (export "fail") unreachable)

  ;; spin(n i64) -> i64: counts down from n; a slow call for timeout tests
  (func (export "spin") (param $n i64) (result i64)
    (block $done
      (loop $next
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $n))

  ;; "Hello, " + name + "!" in a fresh block; returns (ptr, len)
  (func $hello (param $name i32) (param $len i32) (result i32 i32)
    (local $out i32) (local $total i32)
    (local.set $total (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $allocate (local.get $total)))
    (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (i32.store8 (i32.add (local.get $out) (i32.add (local.get $len) (i32.const 7))) (i32.const 33))
    (local.get $out) (local.get $total))

  ;; greet(ptr, len) -> i64 packed as (ptr << 32) | len
  (func (export "greet") (param i32 i32) (result i64)
    (local $ptr i32) (local $len i32)
    (call $hello (local.get 0) (local.get 1))
    (local.set $len)
    (local.set $ptr)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
            (i64.extend_i32_u (local.get $len))))

  ;; greet_pair(ptr, len) -> (ptr, len) as two results (multi-value)
  (func (export "greet_pair") (param i32 i32) (result i32 i32)
    (call $hello (local.get 0) (local.get 1)))

  ;; reverse(ptr, len) -> i64 packed: the bytes in reverse order
  (func (export "reverse") (param $in i32) (param $len i32) (result i64)
    (local $out i32) (local $i i32)
    (local.set $out (call $allocate (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store8
          (i32.add (local.get $out) (local.get $i))
          (i32.load8_u
            (i32.sub (i32.add (local.get $in) (local.get $len))
                     (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
            (i64.extend_i32_u (local.get $len))))

  ;; sum(ptr, len) -> i32: the sum of the unsigned bytes
  (func (export "sum") (param $in i32) (param $len i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $acc
          (i32.add (local.get $acc) (i32.load8_u (i32.add (local.get $in) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; concat(a, alen, b, blen) -> i64 packed: two string parameters
  (func (export "concat") (param $a i32) (param $alen i32) (param $b i32) (param $blen i32) (result i64)
    (local $out i32)
    (local.set $out (call $allocate (i32.add (local.get $alen) (local.get $blen))))
    (memory.copy (local.get $out) (local.get $a) (local.get $alen))
    (memory.copy (i32.add (local.get $out) (local.get $alen)) (local.get $b) (local.get $blen))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
            (i64.extend_i32_u (i32.add (local.get $alen) (local.get $blen))))))
