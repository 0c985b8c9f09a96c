module jsonfmt

go 1.19
