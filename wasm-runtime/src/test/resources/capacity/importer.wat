;; Imports the memory of capacity.wat (module "capacity"), for CapacityFromMaxTest: code of a module
;; importing a memory checks against the size too.
(module $importer
  (import "capacity" "memory" (memory 1 4))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
