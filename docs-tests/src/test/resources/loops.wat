(module $loops
  (memory (export "memory") 1)
  (func $spin (export "spin") (loop $forever (br $forever)))
  (func $nop (export "nop"))
  (func $grow (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))
)
