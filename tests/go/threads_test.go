package hashset_test

// The goroutine contract (docs/threads.md): every method call on a Set is
// atomic, iterators stop with ErrConcurrentModification, Close racing with
// calls never crashes. HASHSET_LONG=1 selects the long profile; -short skips
// these tests (go_idioms does: the ctest go_threads runs them under the race
// detector).

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hashset"
)

var long = os.Getenv("HASHSET_LONG") == "1"

const (
	goroutines = 8
	keyRange   = int64(1) << 40 // goroutine g owns keys [g*keyRange, g*keyRange+4096)
)

// inGoroutines runs body in n goroutines started together and fails the test
// when they do not all finish within timeout (a deadlock).
func inGoroutines(t *testing.T, n int, timeout time.Duration, body func(g int) error) {
	t.Helper()
	start := make(chan struct{})
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			<-start
			errs <- body(g)
		}(g)
	}
	close(start)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(timeout):
		t.Fatalf("deadlock: goroutines still running after %v", timeout)
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// skipShort skips a slow test under -short.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: run without -short (ctest go_threads, go_leaks)")
	}
}

func TestThreadsMixedOperations(t *testing.T) {
	skipShort(t)
	ops := 2000
	if long {
		ops = 100000
	}
	shared := hashset.New()
	defer shared.Close()
	models := make([]oracle, goroutines)
	var completed, interrupted atomic.Int64
	began := time.Now()
	inGoroutines(t, goroutines, 20*time.Minute, func(g int) error {
		random := rand.New(rand.NewSource(int64(1000 + g)))
		model := oracle{}
		models[g] = model
		base := int64(g) * keyRange
		for i := 0; i < ops; i++ {
			key := base + random.Int63n(4096)
			switch random.Intn(12) {
			case 0, 1, 2:
				_, had := model[key]
				model[key] = struct{}{}
				if shared.Insert(key) == had {
					return fmt.Errorf("Insert(%d) disagrees with the model", key)
				}
			case 3, 4:
				_, had := model[key]
				delete(model, key)
				if shared.Erase(key) != had {
					return fmt.Errorf("Erase(%d) disagrees with the model", key)
				}
			case 5:
				_, had := model[key]
				if shared.Contains(key) != had {
					return fmt.Errorf("Contains(%d) disagrees with the model", key)
				}
			case 6, 7:
				keys := make([]int64, 1+random.Intn(16))
				for k := range keys {
					keys[k] = base + random.Int63n(4096)
				}
				changed := 0
				for _, k := range keys {
					_, had := model[k]
					if (had && i%2 == 1) || (!had && i%2 == 0) {
						changed++
					}
					if i%2 == 0 {
						model[k] = struct{}{}
					} else {
						delete(model, k)
					}
				}
				var n int
				if i%2 == 0 {
					n = shared.InsertMany(keys)
				} else {
					n = shared.EraseMany(keys)
				}
				if n != changed {
					return fmt.Errorf("bulk call changed %d, model %d", n, changed)
				}
			case 8: // two-set calls with a private set, both directions
				mine := hashset.New(key, key+1)
				shared.Update(mine)
				model[key] = struct{}{}
				model[key+1] = struct{}{}
				if !mine.IsSubset(shared) || !shared.IsSuperset(mine) {
					return errors.New("a goroutine's own keys went missing")
				}
				mine.Close()
			case 9: // shared reads
				shared.Contains(random.Int63n(goroutines)*keyRange + random.Int63n(4096))
				if shared.Len() < len(model) {
					return errors.New("Len below this goroutine's own count")
				}
			case 10: // a snapshot holds every key this goroutine owns
				if random.Intn(8) == 0 {
					snapshot := oracleOf(shared.Collect())
					for k := range model {
						if _, ok := snapshot[k]; !ok {
							return fmt.Errorf("Collect misses %d", k)
						}
					}
				}
			default: // iteration: completes, or stops with ErrConcurrentModification
				if random.Intn(8) != 0 {
					break
				}
				err := shared.Iterate(func(int64) bool { return true })
				switch {
				case err == nil:
					completed.Add(1)
				case errors.Is(err, hashset.ErrConcurrentModification):
					interrupted.Add(1)
				default:
					return err
				}
			}
		}
		return nil
	})
	expected := oracle{}
	for _, model := range models {
		for k := range model {
			expected[k] = struct{}{}
		}
	}
	if got, want := sortedInts(shared.Collect()), expected.sorted(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("final contents: %d elements, want %d", len(got), len(want))
	}
	t.Logf("threads: %d x %d ops in %.1f s; iterations completed %d, interrupted by ErrConcurrentModification %d",
		goroutines, ops, time.Since(began).Seconds(), completed.Load(), interrupted.Load())
}

func TestThreadsIterationWhileMutating(t *testing.T) {
	skipShort(t)
	s := hashset.New(1, 2, 3)
	defer s.Close()
	it := s.Iterator()
	if !it.Next() {
		t.Fatal("no first element")
	}
	done := make(chan struct{})
	go func() { s.Insert(4); close(done) }()
	<-done
	if it.Next() || !errors.Is(it.Err(), hashset.ErrConcurrentModification) {
		t.Fatalf("Next after another goroutine's Insert: err %v", it.Err())
	}

	busy := hashset.New()
	defer busy.Close()
	for i := int64(0); i < 1000; i++ {
		busy.Insert(i)
	}
	var stop atomic.Bool
	writer := make(chan struct{})
	go func() {
		defer close(writer)
		for i := int64(1000); !stop.Load(); i++ {
			busy.Insert(i)
			busy.Erase(i - 1000)
		}
	}()
	failures := 0
	for round := 0; round < 200 && failures < 5; round++ {
		err := busy.Iterate(func(int64) bool { return true })
		if errors.Is(err, hashset.ErrConcurrentModification) {
			failures++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	<-writer
	if failures == 0 {
		t.Fatal("no iteration under a busy writer stopped with ErrConcurrentModification")
	}
}

func TestThreadsCrossedTwoSetCalls(t *testing.T) {
	skipShort(t)
	a, b := hashset.New(1, 2), hashset.New(3, 4)
	defer a.Close()
	defer b.Close()
	n := 5000
	if long {
		n = 100000
	}
	inGoroutines(t, 4, time.Minute, func(g int) error {
		for i := 0; i < n; i++ {
			if g%2 == 0 {
				a.Update(b)
				a.Equal(b)
			} else {
				b.IsSubset(a)
				b.DifferenceUpdate(a)
				c := hashset.New(3, 4)
				b.Update(c)
				c.Close()
			}
		}
		return nil
	})
}

// closedPanic runs f and tolerates only a panic with ErrClosed.
func closedPanic(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && errors.Is(e, hashset.ErrClosed) {
				return
			}
			err = fmt.Errorf("unexpected panic %v", r)
		}
	}()
	f()
	return nil
}

func TestThreadsCloseRacingWithCalls(t *testing.T) {
	skipShort(t)
	rounds := 100
	if long {
		rounds = 2000
	}
	for round := 0; round < rounds; round++ {
		s := hashset.New(1, 2, 3, 4, 5)
		other := hashset.New(9)
		inGoroutines(t, 4, time.Minute, func(g int) error {
			random := rand.New(rand.NewSource(int64(g)))
			if g == 0 {
				time.Sleep(time.Duration(random.Intn(100)) * time.Microsecond)
				s.Close()
				return s.Close()
			}
			for i := 0; i < 200; i++ {
				var err error
				switch random.Intn(6) {
				case 0:
					err = closedPanic(func() { s.Insert(int64(i)) })
				case 1:
					err = closedPanic(func() { s.Contains(int64(i)) })
				case 2:
					err = closedPanic(func() { s.Collect() })
				case 3:
					err = closedPanic(func() { s.Update(other) })
				case 4:
					err = closedPanic(func() { other.Update(s) })
				default:
					iterErr := s.Iterate(func(int64) bool { return true })
					if iterErr != nil && !errors.Is(iterErr, hashset.ErrClosed) &&
						!errors.Is(iterErr, hashset.ErrConcurrentModification) {
						err = iterErr
					}
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if _, err := s.Pop(); !errors.Is(err, hashset.ErrClosed) {
			t.Fatalf("Pop after Close: %v", err)
		}
		other.Close()
	}
}
