// Package hashsetbench compares the hashset module with map[int64]struct{}
// (bench_test.go); this file holds the per-call floor.
package hashsetbench

// #include <stdint.h>
// static _Bool empty_call(uintptr_t pointer, long long value) { (void)pointer; (void)value; return 0; }
import "C"

import "sync"

// emptyCall is an empty cgo call with the arguments the SWIG wrapper passes
// to HashSet::insert (the native pointer, the value).
func emptyCall(pointer uintptr, value int64) bool {
	return bool(C.empty_call(C.uintptr_t(pointer), C.longlong(value)))
}

// guarded is the floor with the binding's guard: the empty call under a
// mutex, locked and unlocked (deferred) as Set.Insert does.
type guarded struct {
	mu      sync.Mutex
	pointer uintptr
}

func (g *guarded) emptyCall(value int64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return emptyCall(g.pointer, value)
}
