(module (memory 65536))
