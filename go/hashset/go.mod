module hashset

go 1.19
