// The README's Go example as a program in a module of its own, run by the
// go_module_package test: its go.mod points at the built module with
//
//	go mod edit -require=hashset@v0.0.0 -replace=hashset=<build>/go/hashset
package main

import (
	"fmt"
	"sort"

	"hashset"
)

func main() {
	s := hashset.New(3, 1, 2)
	defer s.Close()
	s.Insert(-9223372036854775808)
	fmt.Println(s.Contains(2), s.Len()) // true 4
	var all []int64
	err := s.Iterate(func(v int64) bool { all = append(all, v); return true })
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	fmt.Println(all, err)
}
