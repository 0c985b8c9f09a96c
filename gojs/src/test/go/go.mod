module zerowasm.dev/gojs-fixtures

go 1.19
