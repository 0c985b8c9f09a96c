(module $signext
  (func $extend (export "extend") (param $x i32) (result i32)
    (i32.extend8_s (local.get $x)))
)
