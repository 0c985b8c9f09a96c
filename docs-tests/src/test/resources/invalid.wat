;; Invalid on purpose (an i64 where the function returns an i32): build with wat2wasm --no-check.
(module $invalid
  (func $answer (export "answer") (result i32)
    (i64.const 42))
)
