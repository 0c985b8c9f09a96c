;; Invalid: a tail call to a function with other results than the caller's.
(module
  (func $f (result i64) (i64.const 1))
  (func (export "g") (result i32) (return_call $f)))
