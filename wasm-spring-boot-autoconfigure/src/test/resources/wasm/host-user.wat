;; A guest that imports host functions from "env" (provided by @WasmHostModule beans in tests).
(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hi from wasm")
  ;; shout() logs "hi from wasm" through the host
  (func (export "shout") (call $log (i32.const 0) (i32.const 12)))
  ;; sum(a, b) asks the host to add
  (func (export "sum") (param i32 i32) (result i32)
    (call $add (local.get 0) (local.get 1))))
