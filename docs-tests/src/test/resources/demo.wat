(module $demo
  (import "env" "add2" (func $add2 (param $a i32) (param $b i32) (result i32)))
  (func $_start (export "_start") (drop (call $compute)))
  (func $compute (export "compute") (result i32) (call $add2 (i32.const 5) (i32.const 6)))
)
