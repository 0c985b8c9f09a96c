;; The guest of docs/host-functions.md (HostFunctionsDocTest). Rebuild with ./build.sh.
(module $example
  (import "env" "log" (func $log (param $offset i32) (param $length i32)))
  (import "env" "add" (func $add (param $a i32) (param $b i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello, host")
  (func (export "greet") (call $log (i32.const 0) (i32.const 11)))
  (func (export "sum") (param $a i32) (param $b i32) (result i32)
    (call $add (local.get $a) (local.get $b)))
  (func (export "double") (param $x i32) (result i32) (i32.mul (local.get $x) (i32.const 2)))
)
