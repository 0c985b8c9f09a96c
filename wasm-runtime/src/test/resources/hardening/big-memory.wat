(module (memory 32767))
