// Package hashset is a set of int64 values kept in C++ (abseil's SwissTable),
// reached through a SWIG-generated cgo binding.
//
//	s := hashset.New(3, 1, 2)
//	s.Insert(-1)
//	fmt.Println(s.Contains(2), s.Len()) // true 4
//
// Memory: a Set owns native memory. Close releases it at once; a Set that is
// never closed is released by a finalizer once it becomes unreachable, so
// Close is optional. After Close, methods that return an error return
// ErrClosed and the others panic with ErrClosed; nothing crashes.
//
// The zero Set is an empty set ready to use. Copies of a Set value share the
// same native set, as copies of an *os.File share the file.
//
// Goroutines: a Set is safe for concurrent use. Every method holds the set's
// mutex for the whole native call (methods of two sets hold both, taken in a
// global order, so a.Update(b) racing b.Update(a) cannot deadlock), so calls
// are atomic and never corrupt the set; Close waits for a running call, and
// calls after Close report ErrClosed. Compound steps (check, then insert)
// still need a lock of your own. An Iterator takes the set's mutex for each
// step and stops with ErrConcurrentModification when another goroutine
// changed the set; one Iterator must not be used by two goroutines at once.
// A zero Set gets its native set on its first use: create a shared Set with
// New (or use it once) before handing it to other goroutines. See
// docs/threads.md.
//
// Iteration order is unspecified and may change after any mutation. An
// iteration notices when the set changes under it (other than through
// Iterator.Remove) and stops with ErrConcurrentModification.
//
// Building: the module is assembled by CMake (option HASHSET_GO, target
// hashset_go) in <build>/go/hashset, beside the SWIG-generated package
// hashset/internal/native and the wrapper library it links.
package hashset

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"hashset/internal/native"
)

var (
	// ErrEmpty is returned by Pop on an empty set.
	ErrEmpty = errors.New("hashset: pop from an empty set")
	// ErrConcurrentModification stops an iteration whose set changed.
	ErrConcurrentModification = errors.New("hashset: set changed during iteration")
	// ErrFormat is wrapped by the errors of Deserialize and UnmarshalBinary
	// for bytes that are not a serialized set.
	ErrFormat = errors.New("hashset: not a serialized set")
	// ErrClosed is returned (or the panic value) when a closed Set is used.
	ErrClosed = errors.New("hashset: use of closed Set")
	// ErrNoCurrent is returned by Iterator.Remove when no element is current:
	// before the first Next, after a Remove, or once Next returned false.
	ErrNoCurrent = errors.New("hashset: Remove needs an element returned by Next")
	// ErrTooLarge is the panic value of Reserve for a count above MaxReserve.
	ErrTooLarge = errors.New("hashset: Reserve count too large")
)

// MaxReserve is the largest count Reserve accepts (2^40 elements, 9 TiB of
// table); larger requests panic with ErrTooLarge instead of reaching the
// allocator. As with make, a reservation the machine cannot hold is fatal.
const MaxReserve = 1 << 40

// Set is a set of int64 values. Create one with New, or use the zero Set.
type Set struct {
	h *handle
}

// handle owns one native set; copies of a Set share it, and the finalizer
// is attached to it, so it is released once no Set refers to it.
type handle struct {
	mu    sync.Mutex             // held for every native call on ptr
	ptr   native.SwigcptrHashSet // 0 once closed
	order uint64                 // two handles are locked lower order first
	// The number of elements, -1 once closed: written with mu held, read by
	// Len without it (no lock, no cgo call).
	count atomic.Int64
	// Bumped with every write of count and by Reserve (a rehash), so that an
	// Iterator handing out a batch notices a change without a cgo call; on a
	// mismatch the native iterator decides (a no-op call is no change).
	modifications atomic.Uint64
}

// setCount and addCount record the count after a change (with mu held).
func (h *handle) setCount(n int64) {
	h.count.Store(n)
	h.modifications.Add(1)
}

func (h *handle) addCount(delta int64) {
	h.count.Add(delta)
	h.modifications.Add(1)
}

// liveSets and liveIterators count the native objects not yet released
// (the tests check that finalizers release them).
var liveSets, liveIterators atomic.Int64

// lockOrders numbers the handles for the lock order of two-set calls.
var lockOrders atomic.Uint64

func newHandle(set native.HashSet) *handle {
	h := &handle{ptr: set.(native.SwigcptrHashSet), order: lockOrders.Add(1)}
	h.setCount(int64(h.ptr.Size()))
	liveSets.Add(1)
	runtime.SetFinalizer(h, (*handle).release)
	return h
}

func (h *handle) release() {
	if h.ptr != 0 {
		native.DeleteHashSet(h.ptr)
		h.ptr = 0
		h.setCount(-1)
		liveSets.Add(-1)
	}
}

// New returns a set holding the given values (duplicates are ignored).
func New(values ...int64) *Set {
	s := &Set{h: newHandle(native.NewHashSet())}
	if len(values) > 0 {
		s.InsertMany(values)
	}
	return s
}

// handle returns the handle of s, giving a zero Set its native set.
func (s *Set) handle() *handle {
	if s == nil {
		panic("hashset: method called on a nil *Set")
	}
	if s.h == nil {
		s.h = newHandle(native.NewHashSet())
	}
	return s.h
}

// open locks the handle of s and returns it, or ErrClosed (not locked) when
// the set is closed. The caller unlocks h.mu.
func (s *Set) open() (*handle, error) {
	h := s.handle()
	h.mu.Lock()
	if h.ptr == 0 {
		h.mu.Unlock()
		return nil, ErrClosed
	}
	return h, nil
}

// live is open for the methods that panic with ErrClosed.
func (s *Set) live() *handle {
	h, err := s.open()
	if err != nil {
		panic(err)
	}
	return h
}

// Close releases the native set, after any call running in another
// goroutine. Closing again, or closing a zero Set, is harmless and returns
// nil.
func (s *Set) Close() error {
	if s == nil {
		return nil
	}
	if s.h == nil {
		s.h = &handle{}
		s.h.setCount(-1)
		return nil
	}
	h := s.h
	h.mu.Lock()
	defer h.mu.Unlock()
	runtime.SetFinalizer(h, nil)
	h.release()
	return nil
}

// Insert adds x and reports whether it was not yet an element.
func (s *Set) Insert(x int64) bool {
	h := s.live()
	defer h.mu.Unlock()
	added := h.ptr.Insert(x)
	runtime.KeepAlive(h)
	if added {
		h.addCount(1)
	}
	return added
}

// Contains reports whether x is an element.
func (s *Set) Contains(x int64) bool {
	h := s.live()
	defer h.mu.Unlock()
	found := h.ptr.Contains(x)
	runtime.KeepAlive(h)
	return found
}

// Erase removes x and reports whether it was an element.
func (s *Set) Erase(x int64) bool {
	h := s.live()
	defer h.mu.Unlock()
	removed := h.ptr.Erase(x)
	runtime.KeepAlive(h)
	if removed {
		h.addCount(-1)
	}
	return removed
}

// Pop removes and returns an arbitrary element; it returns ErrEmpty when
// the set is empty.
func (s *Set) Pop() (int64, error) {
	h, err := s.open()
	if err != nil {
		return 0, err
	}
	defer h.mu.Unlock()
	var x int64
	err = catch(func() { x = h.ptr.Pop() })
	runtime.KeepAlive(h)
	if errors.Is(err, errOutOfRange) {
		return 0, ErrEmpty
	}
	if err == nil {
		h.addCount(-1)
	}
	return x, err
}

// Len returns the number of elements. It reads the count that the set's
// methods keep, without the mutex or a native call.
func (s *Set) Len() int {
	// No call in it, so that it is inlined.
	if s == nil {
		panic("hashset: method called on a nil *Set")
	}
	h := s.h
	if h == nil {
		return 0 // a zero Set not used yet
	}
	n := h.count.Load()
	if n < 0 {
		panic(ErrClosed)
	}
	return int(n)
}

// IsEmpty reports whether the set has no elements.
func (s *Set) IsEmpty() bool {
	h := s.live()
	defer h.mu.Unlock()
	empty := h.ptr.Empty()
	runtime.KeepAlive(h)
	return empty
}

// Clear removes every element.
func (s *Set) Clear() {
	h := s.live()
	defer h.mu.Unlock()
	h.ptr.Clear()
	runtime.KeepAlive(h)
	h.setCount(0)
}

// Reserve makes room for n elements in total, so that inserting up to n
// elements does not rehash. It panics when n is negative, and with
// ErrTooLarge when n exceeds MaxReserve.
func (s *Set) Reserve(n int) {
	if n < 0 {
		panic(fmt.Sprintf("hashset: Reserve(%d): negative count", n))
	}
	if n > MaxReserve {
		panic(fmt.Errorf("%w: %d > MaxReserve", ErrTooLarge, n))
	}
	h := s.live()
	defer h.mu.Unlock()
	err := catch(func() { h.ptr.Reserve(n) })
	runtime.KeepAlive(h)
	h.modifications.Add(1)
	if err != nil {
		panic(err)
	}
}

// Collect returns the elements in unspecified order, as a new slice.
func (s *Set) Collect() []int64 {
	h := s.live()
	defer h.mu.Unlock()
	values := h.ptr.Collect()
	runtime.KeepAlive(h)
	return values
}

// InsertMany adds every value and returns how many were not yet elements.
func (s *Set) InsertMany(values []int64) int {
	h := s.live()
	defer h.mu.Unlock()
	n := h.ptr.InsertMany(values)
	runtime.KeepAlive(h)
	h.addCount(int64(n))
	return n
}

// ContainsMany reports, for each value, whether it is an element.
func (s *Set) ContainsMany(values []int64) []bool {
	found := make([]bool, len(values))
	h := s.live()
	defer h.mu.Unlock()
	native.ContainsInto(h.ptr, values, found)
	runtime.KeepAlive(h)
	return found
}

// EraseMany removes every value and returns how many were elements.
func (s *Set) EraseMany(values []int64) int {
	h := s.live()
	defer h.mu.Unlock()
	n := h.ptr.EraseMany(values)
	runtime.KeepAlive(h)
	h.addCount(-int64(n))
	return n
}

// Clone returns a new set with the same elements.
func (s *Set) Clone() *Set {
	h := s.live()
	defer h.mu.Unlock()
	c := &Set{h: newHandle(native.NewHashSet(h.ptr))}
	runtime.KeepAlive(h)
	return c
}

// both locks the handles of s and other (once when they are the same),
// lower order first, and returns them with the function that unlocks them.
// It panics with ErrClosed, holding no lock, when either set is closed.
func (s *Set) both(other *Set) (*handle, *handle, func()) {
	if other == nil {
		panic("hashset: nil *Set argument")
	}
	a, b := s.handle(), other.handle()
	first, second := a, b
	if second.order < first.order {
		first, second = second, first
	}
	first.mu.Lock()
	if second != first {
		second.mu.Lock()
	}
	unlock := func() {
		if second != first {
			second.mu.Unlock()
		}
		first.mu.Unlock()
	}
	if a.ptr == 0 || b.ptr == 0 {
		unlock()
		panic(ErrClosed)
	}
	return a, b, unlock
}

// compare runs a predicate of two sets.
func (s *Set) compare(other *Set, f func(a, b native.SwigcptrHashSet) bool) bool {
	a, b, unlock := s.both(other)
	defer unlock()
	result := f(a.ptr, b.ptr)
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	return result
}

// Equal reports whether both sets hold the same elements.
func (s *Set) Equal(other *Set) bool {
	return s.compare(other, func(a, b native.SwigcptrHashSet) bool { return a.Equals(b) })
}

// IsSubset reports whether every element of s is in other.
func (s *Set) IsSubset(other *Set) bool {
	return s.compare(other, func(a, b native.SwigcptrHashSet) bool { return a.IsSubset(b) })
}

// IsSuperset reports whether every element of other is in s.
func (s *Set) IsSuperset(other *Set) bool {
	return s.compare(other, func(a, b native.SwigcptrHashSet) bool { return a.IsSuperset(b) })
}

// IsDisjoint reports whether the sets have no element in common.
func (s *Set) IsDisjoint(other *Set) bool {
	return s.compare(other, func(a, b native.SwigcptrHashSet) bool { return a.IsDisjoint(b) })
}

// combine builds a new set from two.
func (s *Set) combine(other *Set, f func(a, b native.SwigcptrHashSet) native.HashSet) *Set {
	a, b, unlock := s.both(other)
	defer unlock()
	result := &Set{h: newHandle(f(a.ptr, b.ptr))}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	return result
}

// Union returns a new set with the elements of both sets.
func (s *Set) Union(other *Set) *Set {
	return s.combine(other, func(a, b native.SwigcptrHashSet) native.HashSet { return a.UnionWith(b) })
}

// Intersection returns a new set with the elements common to both sets.
func (s *Set) Intersection(other *Set) *Set {
	return s.combine(other, func(a, b native.SwigcptrHashSet) native.HashSet { return a.IntersectionWith(b) })
}

// Difference returns a new set with the elements of s that are not in other.
func (s *Set) Difference(other *Set) *Set {
	return s.combine(other, func(a, b native.SwigcptrHashSet) native.HashSet { return a.DifferenceWith(b) })
}

// SymmetricDifference returns a new set with the elements in exactly one set.
func (s *Set) SymmetricDifference(other *Set) *Set {
	return s.combine(other, func(a, b native.SwigcptrHashSet) native.HashSet { return a.SymmetricDifferenceWith(b) })
}

// modify changes s in place using other.
func (s *Set) modify(other *Set, f func(a, b native.SwigcptrHashSet)) {
	a, b, unlock := s.both(other)
	defer unlock()
	f(a.ptr, b.ptr)
	a.setCount(int64(a.ptr.Size()))
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

// Update adds every element of other.
func (s *Set) Update(other *Set) {
	s.modify(other, func(a, b native.SwigcptrHashSet) { a.Update(b) })
}

// IntersectionUpdate keeps only the elements that are also in other.
func (s *Set) IntersectionUpdate(other *Set) {
	s.modify(other, func(a, b native.SwigcptrHashSet) { a.IntersectionUpdate(b) })
}

// DifferenceUpdate removes every element of other.
func (s *Set) DifferenceUpdate(other *Set) {
	s.modify(other, func(a, b native.SwigcptrHashSet) { a.DifferenceUpdate(b) })
}

// SymmetricDifferenceUpdate keeps the elements in exactly one of the sets.
func (s *Set) SymmetricDifferenceUpdate(other *Set) {
	s.modify(other, func(a, b native.SwigcptrHashSet) { a.SymmetricDifferenceUpdate(b) })
}

// Serialize returns the set in the core's portable binary format (the same
// bytes in every language binding): equal sets give identical bytes.
func (s *Set) Serialize() []byte {
	h := s.live()
	defer h.mu.Unlock()
	data := h.ptr.Serialize()
	runtime.KeepAlive(h)
	return data
}

// MarshalBinary implements encoding.BinaryMarshaler with Serialize.
func (s *Set) MarshalBinary() ([]byte, error) {
	h, err := s.open()
	if err != nil {
		return nil, err
	}
	defer h.mu.Unlock()
	data := h.ptr.Serialize()
	runtime.KeepAlive(h)
	return data, nil
}

// UnmarshalBinary implements encoding.BinaryUnmarshaler: it replaces the
// elements with those serialized in data. For bytes that are not a
// serialized set it returns an error wrapping ErrFormat and leaves the set
// unchanged.
func (s *Set) UnmarshalBinary(data []byte) error {
	h, err := s.open()
	if err != nil {
		return err
	}
	defer h.mu.Unlock()
	err = catch(func() { h.ptr.LoadSerialized(data) })
	h.setCount(int64(h.ptr.Size()))
	runtime.KeepAlive(h)
	return err
}

// Deserialize returns the set serialized in data, or an error wrapping
// ErrFormat.
func Deserialize(data []byte) (*Set, error) {
	s := New()
	if err := s.UnmarshalBinary(data); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// String formats the set with its elements in ascending order.
func (s *Set) String() string {
	if s == nil {
		return "hashset.Set(closed)"
	}
	h, err := s.open()
	if err != nil {
		return "hashset.Set(closed)"
	}
	values := h.ptr.Collect()
	runtime.KeepAlive(h)
	h.mu.Unlock()
	sort.Slice(values, func(i, j int) bool { return values[i] < values[j] })
	var b strings.Builder
	b.WriteString("hashset.Set{")
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, v)
	}
	b.WriteString("}")
	return b.String()
}

// Iterate calls yield for each element until yield returns false. It
// returns ErrConcurrentModification when the set changed during the
// iteration (other than by a yield that then returned false), and ErrClosed
// when the set is or gets closed.
func (s *Set) Iterate(yield func(int64) bool) error {
	it, err := s.newIterator()
	if err != nil {
		return err
	}
	defer it.Close()
	for it.Next() {
		if !yield(it.Value()) {
			return nil
		}
	}
	return it.Err()
}
