;; A WASI reactor (no _start) for the starter's WASI tests: writes to stdout and reports how many
;; arguments and environment variables it sees.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get"
    (func $environ_sizes_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "hello from wasi\n")
  ;; hello() -> errno of fd_write(stdout, [iovec{100, 16}])
  (func (export "hello") (result i32)
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 16))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "argc") (result i32)
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (i32.load (i32.const 16)))
  (func (export "envc") (result i32)
    (drop (call $environ_sizes_get (i32.const 16) (i32.const 20)))
    (i32.load (i32.const 16))))
