(module (table 4294967295 4294967295 funcref))
