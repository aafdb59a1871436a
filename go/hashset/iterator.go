package hashset

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"hashset/internal/native"
)

// Iterator walks the elements of a Set, in the style of bufio.Scanner:
//
//	it := s.Iterator()
//	for it.Next() {
//		use(it.Value())
//	}
//	if err := it.Err(); err != nil { ... }
//
// It is fail-fast: once the set changes other than through Remove, Next
// returns false and Err returns ErrConcurrentModification; once the set is
// closed, Err returns ErrClosed. The native iterator is released when Next
// returns false, by Close, or by a finalizer.
//
// Each step holds the set's mutex, so iterating while other goroutines use
// the set is safe: a change they make stops the iteration with
// ErrConcurrentModification. One Iterator must not be used by two goroutines
// at once.
type Iterator struct {
	set     *handle // the iterated set; keeps it alive during the iteration
	ptr     native.SwigcptrHashSetIterator
	left    int // elements not yet returned, as the iterator last reported
	value   int64
	current bool // value was returned by Next and not removed
	err     error
}

// Iterator returns an iterator over the elements of s.
// It panics with ErrClosed when s is closed.
func (s *Set) Iterator() *Iterator {
	it, err := s.newIterator()
	if err != nil {
		panic(err)
	}
	return it
}

// newIterator is Iterator that returns ErrClosed instead of panicking.
func (s *Set) newIterator() (*Iterator, error) {
	h, err := s.open()
	if err != nil {
		return nil, err
	}
	defer h.mu.Unlock()
	it := &Iterator{set: h}
	it.ptr = native.NewHashSetIterator(h.ptr).(native.SwigcptrHashSetIterator)
	runtime.KeepAlive(h)
	liveIterators.Add(1)
	it.left = it.ptr.Remaining()
	runtime.SetFinalizer(it, (*Iterator).release)
	return it, nil
}

func (it *Iterator) release() {
	if it.ptr != 0 {
		native.DeleteHashSetIterator(it.ptr)
		it.ptr = 0
		liveIterators.Add(-1)
	}
	it.current = false
}

// stop ends the iteration with err (nil when it is simply finished).
func (it *Iterator) stop(err error) bool {
	it.err = err
	runtime.SetFinalizer(it, nil)
	it.release()
	return false
}

// Next advances to the next element and reports whether there is one.
func (it *Iterator) Next() bool {
	if it.ptr == 0 {
		return false
	}
	h := it.set
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr == 0 {
		return it.stop(ErrClosed)
	}
	// The core counts the elements left, so the end needs no exception; a
	// stale iterator reports more elements so that next() reports the change.
	if it.left == 0 && !it.ptr.HasNext() {
		runtime.KeepAlive(it)
		return it.stop(nil)
	}
	var v int64
	err := catch(func() { v = it.ptr.Next() })
	runtime.KeepAlive(it)
	if err != nil {
		if errors.Is(err, errOutOfRange) {
			err = nil // finished
		}
		return it.stop(err)
	}
	it.left--
	it.value = v
	it.current = true
	return true
}

// Value returns the element found by the last successful Next.
func (it *Iterator) Value() int64 {
	return it.value
}

// Err returns the error that ended the iteration, or nil when it finished
// (or has not finished yet).
func (it *Iterator) Err() error {
	return it.err
}

// Remove removes the current element (the one last returned by Next) from
// the set, without disturbing the iteration.
func (it *Iterator) Remove() error {
	if it.err != nil {
		return it.err
	}
	if !it.current || it.ptr == 0 {
		return ErrNoCurrent
	}
	h := it.set
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr == 0 {
		it.stop(ErrClosed)
		return ErrClosed
	}
	err := catch(func() { it.ptr.Remove() })
	runtime.KeepAlive(it)
	if err != nil {
		it.stop(err)
		return err
	}
	h.count.Add(-1)
	it.current = false
	return nil
}

// Close releases the iterator early; Next then returns false. It is safe to
// call more than once.
func (it *Iterator) Close() {
	if it.ptr != 0 {
		it.stop(it.err)
	}
}

// errOutOfRange is the core's std::out_of_range: Pop on an empty set, or
// next() past the end.
var errOutOfRange = errors.New("hashset: out of range")

// catch runs f and returns the error that the native layer raised as a
// panic "hashset:<kind>:<message>" (swig/go/hashset_typemaps.i); any other
// panic goes on.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = nativeError(r)
		}
	}()
	f()
	return nil
}

func nativeError(r interface{}) error {
	text, ok := r.(string)
	if !ok || !strings.HasPrefix(text, "hashset:") {
		panic(r)
	}
	kind, message, _ := strings.Cut(strings.TrimPrefix(text, "hashset:"), ":")
	switch kind {
	case "concurrent":
		return ErrConcurrentModification
	case "format":
		return fmt.Errorf("%w: %s", ErrFormat, message)
	case "range":
		return fmt.Errorf("%w: %s", errOutOfRange, message)
	case "logic":
		return ErrNoCurrent
	default:
		return fmt.Errorf("hashset: %s", message)
	}
}
