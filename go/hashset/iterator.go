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
// It fetches elements a batch at a time, holding the set's mutex for each
// fetch, and notices any change between two elements, so iterating while
// other goroutines use the set is safe: a change they make stops the
// iteration with ErrConcurrentModification. One Iterator must not be used by
// two goroutines at once.
type Iterator struct {
	set     *handle // the iterated set; keeps it alive during the iteration
	ptr     native.SwigcptrHashSetIterator
	batch   []int64 // room for the elements of one native call
	fetched []int64 // the part of batch the last native call filled
	next    int     // the index in fetched of the element Next returns next
	// set.modifications when the native iterator last vouched for the set:
	// while it is unchanged, Next hands out fetched elements without a lock.
	seen    uint64
	value   int64
	current bool // value was returned by Next and not removed
	err     error
}

// batchSize is how many elements one cgo call fetches: enough to make the
// call's cost per element small, little memory for an iterator.
const batchSize = 256

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
	size := batchSize
	if n := int(h.count.Load()); n < size {
		size = n + 1 // all of a small set, and never 0: a call with no room only checks
	}
	it.batch = make([]int64, size)
	runtime.SetFinalizer(it, (*Iterator).release)
	return it, nil
}

func (it *Iterator) release() {
	if it.ptr != 0 {
		native.DeleteHashSetIterator(it.ptr)
		it.ptr = 0
		liveIterators.Add(-1)
	}
	it.fetched = nil
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
	if it.next < len(it.fetched) && it.set.modifications.Load() == it.seen {
		it.value = it.fetched[it.next]
		it.next++
		it.current = true
		return true
	}
	if it.ptr == 0 {
		return false
	}
	return it.nextFromNative()
}

// nextFromNative is Next when the batch is used up or the set may have
// changed: under the mutex, the native iterator fetches the next batch or,
// with elements still fetched, only checks that the set did not change.
func (it *Iterator) nextFromNative() bool {
	h := it.set
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr == 0 {
		return it.stop(ErrClosed)
	}
	refill := it.next == len(it.fetched)
	room := it.batch[:0]
	if refill {
		room = it.batch
	}
	var n int
	err := catch(func() { n = native.NextBatchInto(it.ptr, room) })
	runtime.KeepAlive(it)
	if err != nil {
		return it.stop(err)
	}
	it.seen = h.modifications.Load()
	if refill {
		if n == 0 {
			return it.stop(nil)
		}
		it.fetched, it.next = it.batch[:n], 0
	}
	it.value = it.fetched[it.next]
	it.next++
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
	err := catch(func() { native.RemoveReturned(it.ptr, it.value) })
	runtime.KeepAlive(it)
	if err != nil {
		it.stop(err)
		return err
	}
	h.addCount(-1)
	it.seen = h.modifications.Load() // its own change
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

// errOutOfRange is the core's std::out_of_range: Pop on an empty set.
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
