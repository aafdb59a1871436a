package hashset_test

import (
	"strings"
	"testing"

	"hashset/internal/native"
)

// The generated package panics, never crashes, on a nil native object (the
// public package never passes one; this checks the guard of
// swig/go/hashset_typemaps.i behind it).
func TestNativeNilObjectsPanic(t *testing.T) {
	live := native.NewHashSet()
	defer native.DeleteHashSet(live)
	calls := map[string]func(){
		"method on nil":   func() { native.SwigcptrHashSet(0).Insert(1) },
		"nil argument":    func() { live.Equals(native.SwigcptrHashSet(0)) },
		"copy of nil":     func() { native.NewHashSet(native.SwigcptrHashSet(0)) },
		"iterator of nil": func() { native.NewHashSetIterator(native.SwigcptrHashSet(0)) },
		"negative count":  func() { live.Reserve(-1) },
	}
	for name, call := range calls {
		value := mustPanic(t, call)
		if text, ok := value.(string); !ok || !strings.HasPrefix(text, "hashset:") {
			t.Errorf("%s panicked with %v", name, value)
		}
	}
	if !live.Insert(7) || live.Size() != 1 {
		t.Fatal("the live set was disturbed")
	}
}
