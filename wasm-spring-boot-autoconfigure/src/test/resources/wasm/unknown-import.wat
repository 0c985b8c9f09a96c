;; A module importing a function nobody provides: startup must fail naming the import.
(module
  (import "env" "missing" (func (param i32)))
  (func (export "run") (call 0 (i32.const 1))))
