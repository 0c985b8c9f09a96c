;; A memory without a maximum, for CapacityFromMaxTest: capacity from max changes nothing for it.
(module $nomax
  (memory (export "memory") 1)
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
