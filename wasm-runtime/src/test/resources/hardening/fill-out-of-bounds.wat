(module (memory 1) (func (export "fill") (memory.fill (i32.const 0) (i32.const 0) (i32.const 0x7FFFFFFF))))
