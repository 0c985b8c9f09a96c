(module $memory4
  (memory (export "memory") 4)
)
