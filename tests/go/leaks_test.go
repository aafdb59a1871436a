package hashset_test

// Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
// cycles, half the sets closed and half left to their finalizers, with every
// error path taken; resident memory must stay flat and every native object
// must be released. HASHSET_LONG=1 selects the long profile; -short skips the
// test (go_idioms does: the ctest go_leaks runs it).

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"hashset"
)

func rssBytes(t *testing.T) int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm")
	}
	pages, _ := strconv.ParseInt(strings.Fields(string(data))[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

var badBytes = []byte("not a serialized set")

// leakCycle builds sets every way, iterates them fully, partly and past a
// mutation, takes the error paths and drops everything; the sets of odd
// cycles (and a partial iterator in every cycle) are left to finalizers.
func leakCycle(i int) error {
	x := int64(i)
	s := hashset.New(x, x+1, x+2, x+3)
	s.InsertMany([]int64{-x, x % 64, x % 64})
	var sum int64
	if err := s.Iterate(func(v int64) bool { sum += v; return true }); err != nil {
		return err
	}
	c := s.Clone()
	c.Update(s)
	u := s.Union(hashset.New(x + 100))
	d, err := hashset.Deserialize(u.Serialize())
	if err != nil || !d.Equal(u) || !c.Equal(s) || sum == -1 {
		return fmt.Errorf("cycle %d: copies differ (%v)", i, err)
	}
	partial := d.Iterator() // never finished nor closed: its finalizer frees it
	partial.Next()
	stale := c.Iterator()
	stale.Next()
	c.Insert(x + 200)
	if stale.Next() || !errors.Is(stale.Err(), hashset.ErrConcurrentModification) {
		return fmt.Errorf("cycle %d: no ErrConcurrentModification", i)
	}
	if err := stale.Remove(); !errors.Is(err, hashset.ErrConcurrentModification) {
		return fmt.Errorf("cycle %d: Remove after the change: %v", i, err)
	}
	if _, err := hashset.Deserialize(badBytes); !errors.Is(err, hashset.ErrFormat) {
		return fmt.Errorf("cycle %d: bad bytes: %v", i, err)
	}
	empty := hashset.New()
	if _, err := empty.Pop(); !errors.Is(err, hashset.ErrEmpty) {
		return fmt.Errorf("cycle %d: Pop of an empty set: %v", i, err)
	}
	empty.Close()
	if _, err := empty.Pop(); !errors.Is(err, hashset.ErrClosed) {
		return fmt.Errorf("cycle %d: Pop of a closed set: %v", i, err)
	}
	if i%2 == 0 {
		s.Close()
		c.Close()
		u.Close()
		d.Close()
	}
	return nil
}

// settle collects garbage until the finalizers have released every native
// object (a finalizer of an iterator makes its set collectable only in the
// next cycle), or two seconds have passed, then returns the Go heap's free
// pages to the system so that resident memory measures what is still live.
func settle() (sets, iterators int64) {
	deadline := time.Now().Add(2 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		sets, iterators = hashset.LiveNative()
		if (sets == 0 && iterators == 0) || time.Now().After(deadline) {
			debug.FreeOSMemory()
			return sets, iterators
		}
	}
}

func TestLeaksOverTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: run without -short (ctest go_leaks)")
	}
	if os.Getenv("HASHSET_NO_RSS") != "" || raceEnabled {
		t.Skip("memory not measured (HASHSET_NO_RSS or the race detector)")
	}
	// One leaked set per cycle (of six, plus three iterators) would cost about
	// 10 MiB (215 bytes each) even in the short profile. go_leaks runs with
	// MALLOC_ARENA_MAX=1 (cmake/languages/go.cmake): glibc's per-thread arenas
	// would otherwise keep several MB of freed memory resident.
	const bound = 8 << 20
	warmUp, cycles := 10000, 50000
	if long {
		warmUp, cycles = 100000, 1000000
	}
	for i := 0; i < warmUp; i++ {
		if err := leakCycle(i); err != nil {
			t.Fatal(err)
		}
	}
	settle()
	before := rssBytes(t)
	began := time.Now()
	var checkpoints []string
	for i := 0; i < cycles; i++ {
		if err := leakCycle(i); err != nil {
			t.Fatal(err)
		}
		if (i+1)%(cycles/5) == 0 {
			checkpoints = append(checkpoints, fmt.Sprint((rssBytes(t)-before)/1024))
		}
	}
	sets, iterators := settle()
	growth := rssBytes(t) - before
	t.Logf("leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s); live native sets %d, iterators %d",
		cycles, time.Since(began).Seconds(), growth/1024, strings.Join(checkpoints, " "), sets, iterators)
	if sets != 0 || iterators != 0 {
		t.Fatalf("%d native sets and %d iterators never released", sets, iterators)
	}
	if growth > bound {
		t.Fatalf("resident memory grew by %d KiB (bound %d KiB)", growth/1024, bound/1024)
	}
}
