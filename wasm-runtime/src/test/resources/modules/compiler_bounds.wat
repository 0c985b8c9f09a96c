(module
  (memory (export "memory") 1)
  (func (export "load1") (param i32) (result i32) (i32.load offset=1 (local.get 0)))
  (func (export "load8big") (param i32) (result i32) (i32.load8_u offset=0x7fffffff (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load offset=0 (local.get 0)))
  (func (export "store64at4") (param i32) (i64.store offset=4 (local.get 0) (i64.const -1)))
  (func (export "store8") (param i32) (i32.store8 offset=65535 (local.get 0) (i32.const 7))))
