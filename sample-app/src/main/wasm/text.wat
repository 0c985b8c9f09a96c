;; A small module for the sample application: a string function and a host callback.
;; Rebuild with ../build-wasm.sh (needs Debian's wabt).
;;
;; String convention of the zerowasm Spring Boot starter (see docs/spring-boot.md):
;;   allocate(len i32) -> ptr i32   reserves len bytes; the host copies String arguments there
;;   deallocate(ptr i32, len i32)   releases them; the host frees arguments and results after a call
;; A String result is returned as one i64 packed as ptr << 32 | len.
(module $text
  ;; env.log(ptr, len): the host reads the UTF-8 text at ptr (a @WasmHostModule("env") bean).
  (import "env" "log" (func $log (param i32 i32)))

  (memory (export "memory") 1)
  ;; A bump allocator: blocks are 8-byte aligned; when the last live block is freed the heap
  ;; resets to its base, so each call leaves no garbage behind.
  (global $base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (func $allocate (export "allocate") (param $len i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (global.get $heap))
    ;; end = align8(ptr + len)
    (local.set $end
      (i32.and (i32.add (i32.add (local.get $ptr) (local.get $len)) (i32.const 7))
               (i32.const -8)))
    ;; grow memory when end passes its size (trap if it cannot grow)
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                         (memory.size)))
              (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  (func (export "deallocate") (param $ptr i32) (param $len i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live))
      (then (global.set $heap (global.get $base)))))

  ;; upper(ptr, len) -> ptr << 32 | len: the text with ASCII letters a-z in upper case (other
  ;; bytes, including UTF-8 sequences, unchanged). Logs its input through env.log first.
  (func (export "upper") (param $ptr i32) (param $len i32) (result i64)
    (local $out i32) (local $i i32) (local $c i32)
    (call $log (local.get $ptr) (local.get $len))
    (local.set $out (call $allocate (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $c (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
        ;; 'a'..'z' is 97..122; c - 97 < 26 (unsigned) selects exactly those
        (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))
          (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
            (i64.extend_i32_u (local.get $len))))
)
