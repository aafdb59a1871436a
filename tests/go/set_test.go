package hashset_test

// Idiom tests beyond the spec, with map[int64]struct{} as the oracle.

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"

	"hashset"
)

type oracle map[int64]struct{}

func (o oracle) sorted() []int64 {
	values := make([]int64, 0, len(o))
	for v := range o {
		values = append(values, v)
	}
	return sortedInts(values)
}

func oracleOf(values []int64) oracle {
	o := oracle{}
	for _, v := range values {
		o[v] = struct{}{}
	}
	return o
}

var edges = []int64{math.MinInt64, math.MaxInt64, -1, 0, 1, 1<<53 - 1, 1 << 53, 1<<53 + 1, -(1<<53 + 1)}

// sameElements fails unless s holds exactly the elements of o, seen through
// Len, Collect, Iterate and Contains.
func sameElements(t *testing.T, s *hashset.Set, o oracle) {
	t.Helper()
	if s.Len() != len(o) || s.IsEmpty() != (len(o) == 0) {
		t.Fatalf("Len %d, IsEmpty %v; oracle has %d", s.Len(), s.IsEmpty(), len(o))
	}
	want := fmt.Sprint(o.sorted())
	if got := fmt.Sprint(sortedInts(s.Collect())); got != want {
		t.Fatalf("Collect %s, want %s", got, want)
	}
	var iterated []int64
	if err := s.Iterate(func(v int64) bool { iterated = append(iterated, v); return true }); err != nil {
		t.Fatalf("Iterate: %v", err)
	}
	if got := fmt.Sprint(sortedInts(iterated)); got != want {
		t.Fatalf("Iterate %s, want %s", got, want)
	}
	for v := range o {
		if !s.Contains(v) {
			t.Fatalf("Contains(%d) = false", v)
		}
	}
}

// mustPanic returns the value f panics with, failing when it does not.
func mustPanic(t *testing.T, f func()) (value interface{}) {
	t.Helper()
	defer func() { value = recover() }()
	f()
	t.Fatalf("no panic")
	return nil
}

func TestRandomOperationsAgainstMap(t *testing.T) {
	random := rand.New(rand.NewSource(20261124))
	value := func() int64 {
		if random.Intn(10) == 0 {
			return edges[random.Intn(len(edges))]
		}
		return int64(random.Intn(200) - 100)
	}
	s, o := hashset.New(), oracle{}
	defer s.Close()
	for step := 0; step < 20000; step++ {
		v := value()
		_, had := o[v]
		switch op := random.Intn(9); op {
		case 0, 1:
			if got := s.Insert(v); got == had {
				t.Fatalf("step %d: Insert(%d) = %v with oracle %v", step, v, got, had)
			}
			o[v] = struct{}{}
		case 2:
			if got := s.Contains(v); got != had {
				t.Fatalf("step %d: Contains(%d) = %v", step, v, got)
			}
		case 3:
			batch := make([]int64, random.Intn(8))
			for i := range batch {
				batch[i] = value()
			}
			found := s.ContainsMany(batch)
			if len(found) != len(batch) {
				t.Fatalf("step %d: ContainsMany(%v) = %v", step, batch, found)
			}
			for i, b := range batch {
				if _, ok := o[b]; found[i] != ok {
					t.Fatalf("step %d: ContainsMany(%v) = %v", step, batch, found)
				}
			}
		case 4:
			if got := s.Erase(v); got != had {
				t.Fatalf("step %d: Erase(%d) = %v", step, v, got)
			}
			delete(o, v)
		case 5:
			popped, err := s.Pop()
			if len(o) == 0 {
				if !errors.Is(err, hashset.ErrEmpty) {
					t.Fatalf("step %d: Pop on empty: %v, %v", step, popped, err)
				}
				break
			}
			if _, ok := o[popped]; err != nil || !ok {
				t.Fatalf("step %d: Pop = %d, %v", step, popped, err)
			}
			delete(o, popped)
		case 6, 7:
			batch := make([]int64, random.Intn(8))
			for i := range batch {
				batch[i] = value()
			}
			want := 0
			if op == 6 {
				for _, b := range batch {
					if _, ok := o[b]; !ok {
						o[b] = struct{}{}
						want++
					}
				}
				if got := s.InsertMany(batch); got != want {
					t.Fatalf("step %d: InsertMany(%v) = %d, want %d", step, batch, got, want)
				}
			} else {
				for _, b := range batch {
					if _, ok := o[b]; ok {
						delete(o, b)
						want++
					}
				}
				if got := s.EraseMany(batch); got != want {
					t.Fatalf("step %d: EraseMany(%v) = %d, want %d", step, batch, got, want)
				}
			}
		case 8:
			if random.Intn(50) == 0 {
				s.Clear()
				o = oracle{}
			}
		}
		if step%500 == 0 {
			sameElements(t, s, o)
		}
	}
	sameElements(t, s, o)
}

func TestExactIntegers(t *testing.T) {
	s := hashset.New(edges...)
	defer s.Close()
	sameElements(t, s, oracleOf(edges))
	if s.Contains(1<<53 + 2) {
		t.Fatal("2^53+2 found: values were rounded")
	}
	restored, err := hashset.Deserialize(s.Serialize())
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	sameElements(t, restored, oracleOf(edges))
	o := oracleOf(edges)
	for !s.IsEmpty() {
		v, err := s.Pop()
		if _, ok := o[v]; err != nil || !ok {
			t.Fatalf("Pop = %d, %v", v, err)
		}
		delete(o, v)
	}
	if len(o) != 0 {
		t.Fatalf("not popped: %v", o)
	}
}

func TestSetAlgebraAgainstMap(t *testing.T) {
	random := rand.New(rand.NewSource(7))
	for round := 0; round < 50; round++ {
		randomValues := func() []int64 {
			values := make([]int64, random.Intn(40))
			for i := range values {
				values[i] = int64(random.Intn(60) - 30)
			}
			return values
		}
		av, bv := randomValues(), randomValues()
		a, b := hashset.New(av...), hashset.New(bv...)
		oa, ob := oracleOf(av), oracleOf(bv)
		union, inter, diff, sym := oracle{}, oracle{}, oracle{}, oracle{}
		for v := range oa {
			union[v] = struct{}{}
			if _, ok := ob[v]; ok {
				inter[v] = struct{}{}
			} else {
				diff[v] = struct{}{}
				sym[v] = struct{}{}
			}
		}
		for v := range ob {
			union[v] = struct{}{}
			if _, ok := oa[v]; !ok {
				sym[v] = struct{}{}
			}
		}
		sameElements(t, a.Union(b), union)
		sameElements(t, a.Intersection(b), inter)
		sameElements(t, a.Difference(b), diff)
		sameElements(t, a.SymmetricDifference(b), sym)
		sameElements(t, a, oa) // operands unchanged
		sameElements(t, b, ob)
		if a.Equal(b) != (fmt.Sprint(oa.sorted()) == fmt.Sprint(ob.sorted())) {
			t.Fatalf("Equal(%v, %v) = %v", oa.sorted(), ob.sorted(), a.Equal(b))
		}
		if a.IsSubset(b) != (len(diff) == 0) || b.IsSuperset(a) != (len(diff) == 0) {
			t.Fatalf("IsSubset/IsSuperset wrong for %v, %v", oa.sorted(), ob.sorted())
		}
		if a.IsDisjoint(b) != (len(inter) == 0) {
			t.Fatalf("IsDisjoint wrong for %v, %v", oa.sorted(), ob.sorted())
		}
		for _, c := range []struct {
			update func(x, y *hashset.Set)
			want   oracle
		}{
			{(*hashset.Set).Update, union},
			{(*hashset.Set).IntersectionUpdate, inter},
			{(*hashset.Set).DifferenceUpdate, diff},
			{(*hashset.Set).SymmetricDifferenceUpdate, sym},
		} {
			x := a.Clone()
			c.update(x, b)
			sameElements(t, x, c.want)
			x.Close()
		}
		a.Close()
		b.Close()
	}
}

func TestIterationWithMutation(t *testing.T) {
	values := []int64{1, 2, 3, 4, 5, 6, 7, 8}
	mutations := map[string]func(s *hashset.Set){
		"Insert":                    func(s *hashset.Set) { s.Insert(100) },
		"Erase":                     func(s *hashset.Set) { s.Erase(1) },
		"Clear":                     func(s *hashset.Set) { s.Clear() },
		"InsertMany":                func(s *hashset.Set) { s.InsertMany([]int64{100, 1}) },
		"EraseMany":                 func(s *hashset.Set) { s.EraseMany([]int64{8, 100}) },
		"Pop":                       func(s *hashset.Set) { s.Pop() },
		"Reserve (rehash)":          func(s *hashset.Set) { s.Reserve(10000) },
		"Update":                    func(s *hashset.Set) { s.Update(hashset.New(100)) },
		"IntersectionUpdate":        func(s *hashset.Set) { s.IntersectionUpdate(hashset.New(1)) },
		"UnmarshalBinary":           func(s *hashset.Set) { s.UnmarshalBinary(hashset.New(9).Serialize()) },
		"SymmetricDifferenceUpdate": func(s *hashset.Set) { s.SymmetricDifferenceUpdate(hashset.New(2)) },
	}
	for name, mutate := range mutations {
		s := hashset.New(values...)
		seen := 0
		err := s.Iterate(func(v int64) bool {
			seen++
			if seen == 2 {
				mutate(s)
			}
			return true
		})
		if !errors.Is(err, hashset.ErrConcurrentModification) || seen != 2 {
			t.Errorf("%s during Iterate: err %v after %d elements, want ErrConcurrentModification after 2", name, err, seen)
		}
		s.Close()
	}

	// Calls that change nothing do not end the iteration.
	s := hashset.New(values...)
	defer s.Close()
	seen := oracle{}
	err := s.Iterate(func(v int64) bool {
		seen[v] = struct{}{}
		s.Insert(1)   // already there
		s.Erase(1000) // not there
		s.Contains(v)
		return true
	})
	if err != nil || len(seen) != len(values) {
		t.Fatalf("no-op mutations: %v, saw %d of %d", err, len(seen), len(values))
	}

	// The mutation is noticed even after the last element.
	it := s.Iterator()
	for it.Next() {
	}
	if it.Err() != nil {
		t.Fatal(it.Err())
	}
	it = s.Iterator()
	for n := 0; n < len(values); n++ {
		if !it.Next() {
			t.Fatalf("iterator ended after %d elements", n)
		}
	}
	s.Insert(99)
	if it.Next() || !errors.Is(it.Err(), hashset.ErrConcurrentModification) {
		t.Fatalf("insert after the last element: Next then Err %v", it.Err())
	}
	if it.Next() || !errors.Is(it.Err(), hashset.ErrConcurrentModification) {
		t.Fatal("a failed iterator must stay failed")
	}
}

func TestIteratorRemove(t *testing.T) {
	random := rand.New(rand.NewSource(3))
	values := make([]int64, 500)
	for i := range values {
		values[i] = random.Int63() - random.Int63()
	}
	s, o := hashset.New(values...), oracleOf(values)
	defer s.Close()
	it := s.Iterator()
	if err := it.Remove(); !errors.Is(err, hashset.ErrNoCurrent) {
		t.Fatalf("Remove before Next: %v", err)
	}
	for it.Next() {
		v := it.Value()
		if v%2 == 0 {
			if err := it.Remove(); err != nil {
				t.Fatalf("Remove(%d): %v", v, err)
			}
			if err := it.Remove(); !errors.Is(err, hashset.ErrNoCurrent) {
				t.Fatalf("second Remove: %v", err)
			}
			delete(o, v)
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	if err := it.Remove(); !errors.Is(err, hashset.ErrNoCurrent) {
		t.Fatalf("Remove after the end: %v", err)
	}
	sameElements(t, s, o)
}

func TestClose(t *testing.T) {
	s := hashset.New(1, 2, 3)
	other := hashset.New(4)
	defer other.Close()
	alias := *s // copies share the native set
	it := s.Iterator()
	if !it.Next() {
		t.Fatal("empty iterator")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if it.Next() || !errors.Is(it.Err(), hashset.ErrClosed) {
		t.Fatalf("iterator of a closed set: %v", it.Err())
	}
	panics := map[string]func(){
		"Insert":       func() { s.Insert(1) },
		"Contains":     func() { s.Contains(1) },
		"Len":          func() { s.Len() },
		"Collect":      func() { s.Collect() },
		"InsertMany":   func() { s.InsertMany([]int64{1}) },
		"ContainsMany": func() { s.ContainsMany([]int64{1}) },
		"Clone":        func() { s.Clone() },
		"Union":        func() { s.Union(other) },
		"Union(other)": func() { other.Union(s) },
		"Update":       func() { other.Update(s) },
		"Serialize":    func() { s.Serialize() },
		"Iterator":     func() { s.Iterator() },
		"alias.Len":    func() { alias.Len() },
	}
	for name, f := range panics {
		value := mustPanic(t, f)
		if err, ok := value.(error); !ok || !errors.Is(err, hashset.ErrClosed) {
			t.Errorf("%s on a closed set panicked with %v, want ErrClosed", name, value)
		}
	}
	if _, err := s.Pop(); !errors.Is(err, hashset.ErrClosed) {
		t.Errorf("Pop: %v", err)
	}
	if err := s.Iterate(func(int64) bool { return true }); !errors.Is(err, hashset.ErrClosed) {
		t.Errorf("Iterate: %v", err)
	}
	if _, err := s.MarshalBinary(); !errors.Is(err, hashset.ErrClosed) {
		t.Errorf("MarshalBinary: %v", err)
	}
	if err := s.UnmarshalBinary(other.Serialize()); !errors.Is(err, hashset.ErrClosed) {
		t.Errorf("UnmarshalBinary: %v", err)
	}
	if got := s.String(); got != "hashset.Set(closed)" {
		t.Errorf("String: %q", got)
	}
	if !other.Contains(4) || other.Len() != 1 {
		t.Error("the other set was disturbed")
	}

	// Closing during Iterate ends it with ErrClosed.
	c := hashset.New(1, 2, 3)
	err := c.Iterate(func(int64) bool { c.Close(); return true })
	if !errors.Is(err, hashset.ErrClosed) {
		t.Errorf("Close inside Iterate: %v", err)
	}
}

func TestZeroSetAndNil(t *testing.T) {
	var s hashset.Set
	if !s.IsEmpty() || s.Len() != 0 || s.Contains(0) {
		t.Fatal("the zero Set is not empty")
	}
	s.Insert(5)
	sameElements(t, &s, oracleOf([]int64{5}))
	s.Close()
	var never hashset.Set
	if err := never.Close(); err != nil {
		t.Fatal(err)
	}
	if value := mustPanic(t, func() { never.Insert(1) }); !errors.Is(value.(error), hashset.ErrClosed) {
		t.Fatalf("closed zero Set: %v", value)
	}
	if value := mustPanic(t, func() { hashset.New().Union(nil) }); !strings.Contains(fmt.Sprint(value), "nil *Set") {
		t.Fatalf("nil argument: %v", value)
	}
	var nilSet *hashset.Set
	if err := nilSet.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestBadInput(t *testing.T) {
	s := hashset.New(1, 2)
	defer s.Close()
	if v, err := hashset.New().Pop(); !errors.Is(err, hashset.ErrEmpty) || v != 0 {
		t.Fatalf("Pop on empty: %d, %v", v, err)
	}
	good := s.Serialize()
	bad := [][]byte{nil, {}, good[:4], good[:len(good)-1], append(append([]byte{}, good...), 0)}
	for i := range good {
		flipped := append([]byte{}, good...)
		flipped[i] ^= 0x10
		bad = append(bad, flipped)
	}
	for _, data := range bad {
		if _, err := hashset.Deserialize(data); !errors.Is(err, hashset.ErrFormat) {
			t.Fatalf("Deserialize(%x): %v", data, err)
		}
		if err := s.UnmarshalBinary(data); !errors.Is(err, hashset.ErrFormat) {
			t.Fatalf("UnmarshalBinary(%x): %v", data, err)
		}
		sameElements(t, s, oracleOf([]int64{1, 2}))
	}
	if value := mustPanic(t, func() { s.Reserve(-1) }); !strings.Contains(fmt.Sprint(value), "negative") {
		t.Fatalf("Reserve(-1) panicked with %v", value)
	}
	for _, n := range []int{hashset.MaxReserve + 1, math.MaxInt} {
		n := n
		if value := mustPanic(t, func() { s.Reserve(n) }); !errors.Is(value.(error), hashset.ErrTooLarge) {
			t.Fatalf("Reserve(%d) panicked with %v", n, value)
		}
	}
	sameElements(t, s, oracleOf([]int64{1, 2}))
	s.InsertMany(nil)
	s.EraseMany([]int64{})
	if found := s.ContainsMany(nil); len(found) != 0 {
		t.Fatalf("ContainsMany(nil) = %v", found)
	}
	sameElements(t, s, oracleOf([]int64{1, 2}))
}

func TestSerializationAndGob(t *testing.T) {
	values := []int64{math.MinInt64, -7, 0, 42, math.MaxInt64}
	s := hashset.New(values...)
	defer s.Close()
	data, err := s.MarshalBinary()
	if err != nil || !bytes.Equal(data, s.Serialize()) {
		t.Fatalf("MarshalBinary: %x, %v", data, err)
	}
	reversed := hashset.New()
	for i := len(values) - 1; i >= 0; i-- {
		reversed.Insert(values[i])
	}
	if !bytes.Equal(reversed.Serialize(), data) {
		t.Fatal("equal sets gave different bytes")
	}

	type document struct {
		Name string
		Set  *hashset.Set
	}
	var buffer bytes.Buffer
	if err := gob.NewEncoder(&buffer).Encode(document{"d", s}); err != nil {
		t.Fatal(err)
	}
	var decoded document
	if err := gob.NewDecoder(&buffer).Decode(&decoded); err != nil {
		t.Fatal(err)
	}
	sameElements(t, decoded.Set, oracleOf(values))
	decoded.Set.Close()
}

func TestCollectIsGoOwned(t *testing.T) {
	s := hashset.New(3, 1, 2)
	values := s.Collect()
	values[0] = 1000
	if s.Contains(1000) || s.Len() != 3 {
		t.Fatal("Collect shares memory with the set")
	}
	s.Close()
	runtime.GC()
	if len(values) != 3 || values[0] != 1000 {
		t.Fatal("Collect's slice changed after Close")
	}
	if got := hashset.New().Collect(); got == nil || len(got) != 0 {
		t.Fatalf("Collect of an empty set: %#v", got)
	}
	big := make([]int64, 100000)
	for i := range big {
		big[i] = int64(i) * 7919
	}
	b := hashset.New(big...)
	defer b.Close()
	sameElements(t, b, oracleOf(big))
}

func TestFinalizersReleaseNativeMemory(t *testing.T) {
	settle := func(done func() bool) bool {
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			runtime.GC()
			if done() {
				return true
			}
			time.Sleep(10 * time.Millisecond)
		}
		return false
	}
	for i := 0; i < 5; i++ { // let the garbage of earlier tests go first
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	baseSets, baseIterators := hashset.LiveNative()
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // no collection while counting
	func() {
		for i := 0; i < 200; i++ {
			s := hashset.New(int64(i), int64(i+1))
			s.Union(s)
			it := s.Iterator() // abandoned mid-way
			it.Next()
		}
	}()
	if sets, iterators := hashset.LiveNative(); sets < baseSets+400 || iterators < baseIterators+200 {
		t.Fatalf("counting is broken: %d sets, %d iterators", sets, iterators)
	}
	debug.SetGCPercent(100)
	if !settle(func() bool {
		sets, iterators := hashset.LiveNative()
		return sets <= baseSets && iterators <= baseIterators
	}) {
		sets, iterators := hashset.LiveNative()
		t.Fatalf("finalizers left %d sets and %d iterators (baseline %d, %d)", sets, iterators, baseSets, baseIterators)
	}
}

// Both ways to iterate take one element, then the Set is dropped and
// collected; more than one batch of elements is left, so the rest comes
// from the native iterator after that.
func TestDroppingTheSetMidIterationFinishesTheIteration(t *testing.T) {
	values := make([]int64, 1000)
	for i := range values {
		values[i] = int64(i)*7919 - 3000
	}
	s := hashset.New(values...)
	it := s.Iterator()
	restOfIterator := oracleOf(values)
	if !it.Next() {
		t.Fatal("no first element")
	}
	delete(restOfIterator, it.Value())
	restOfIterate := oracleOf(values)
	var iterated []int64
	taken := false
	err := s.Iterate(func(v int64) bool {
		if !taken {
			taken = true
			delete(restOfIterate, v)
			s = nil // the callback's own reference: nothing but the iterations is left
			runtime.GC()
			runtime.GC()
			return true
		}
		iterated = append(iterated, v)
		return true
	})
	if err != nil || fmt.Sprint(sortedInts(iterated)) != fmt.Sprint(restOfIterate.sorted()) {
		t.Fatalf("Iterate after the drop: %d elements, %v", len(iterated), err)
	}
	runtime.GC()
	runtime.GC()
	var rest []int64
	for it.Next() {
		rest = append(rest, it.Value())
	}
	if it.Err() != nil || fmt.Sprint(sortedInts(rest)) != fmt.Sprint(restOfIterator.sorted()) {
		t.Fatalf("Iterator after the drop: %d elements, %v", len(rest), it.Err())
	}
}

// The child of TestProcessExitWithLiveSetsIsClean (the test binary run again
// with exitChildVariable set): it leaves live sets, iterators mid-way, a
// closed set and a cycle, and exits as every Go program does, by os.Exit.
const exitChildVariable = "HASHSET_GO_EXIT_CHILD"

var liveAtExit []interface{}

func TestProcessExitWithLiveSetsIsClean(t *testing.T) {
	if os.Getenv(exitChildVariable) == "1" {
		for i := 0; i < 50; i++ {
			values := make([]int64, i*100)
			for j := range values {
				values[j] = int64(j)
			}
			s := hashset.New(values...)
			it := s.Iterator()
			it.Next()
			liveAtExit = append(liveAtExit, s, it)
		}
		large := make([]int64, 1000000)
		for j := range large {
			large[j] = int64(j)
		}
		liveAtExit = append(liveAtExit, hashset.New(large...).Iterator())
		closed := hashset.New(1, 2, 3)
		liveAtExit = append(liveAtExit, closed.Iterator())
		closed.Close()
		type node struct {
			set  *hashset.Set
			next *node
		}
		cycle := &node{set: hashset.New(7)}
		cycle.next = cycle
		fmt.Println("live sets left at exit")
		os.Exit(0)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestProcessExitWithLiveSetsIsClean$")
	child.Env = append(os.Environ(), exitChildVariable+"=1")
	var stdout, stderr bytes.Buffer
	child.Stdout, child.Stderr = &stdout, &stderr
	err := child.Run()
	if err != nil || stdout.String() != "live sets left at exit\n" || stderr.Len() != 0 {
		t.Fatalf("child: %v, stdout %q, stderr %q", err, stdout.String(), stderr.String())
	}
}

func TestString(t *testing.T) {
	s := hashset.New(3, -1, 2)
	defer s.Close()
	if got := s.String(); got != "hashset.Set{-1, 2, 3}" {
		t.Fatalf("String = %q", got)
	}
	if got := fmt.Sprint(hashset.New()); got != "hashset.Set{}" {
		t.Fatalf("empty: %q", got)
	}
}

func ExampleSet() {
	s := hashset.New(3, 1, 2)
	defer s.Close()
	fmt.Println(s.Insert(2), s.Insert(-9223372036854775808), s.Len())
	values := s.Collect()
	sort.Slice(values, func(i, j int) bool { return values[i] < values[j] })
	fmt.Println(values)
	// Output:
	// false true 4
	// [-9223372036854775808 1 2 3]
}

func ExampleSet_Iterate() {
	s := hashset.New(1, 2, 3)
	err := s.Iterate(func(v int64) bool {
		s.Insert(v * 10) // changing the set ends the iteration
		return true
	})
	fmt.Println(err)
	// Output: hashset: set changed during iteration
}
