(module $hello
  (import "env" "log" (func $log (param $offset i32) (param $length i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello from wasm!")
  (func (export "run") (call $log (i32.const 0) (i32.const 16)))
)
