package hashsetbench

// go test -bench . (with the hashset module required through a replace
// directive; scripts/bench-languages.sh sets that up in build/langbench).
//
// Benchmark names are Sets/n=<n>/<operation>/<variant>, variant hashset,
// native (map[int64]struct{}) or floor. One op is a pass over n elements, so
// ns/op divided by n is the time per element. HASHSET_BENCH_ROUND rotates the
// order of the variants, so that repeated runs alternate them.

import (
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"hashset"
)

// sink receives results, so that the compiler cannot drop the timed work.
var sink int64

// data holds distinct random keys; hits are the keys shuffled, misses are
// other random keys.
type data struct {
	keys, hits, misses []int64
}

func newData(n int) data {
	random := rand.New(rand.NewSource(int64(20241124 + n)))
	seen := make(map[int64]struct{}, 2*n)
	distinct := make([]int64, 0, 2*n)
	for len(distinct) < 2*n {
		key := int64(random.Uint64())
		if _, dup := seen[key]; !dup {
			seen[key] = struct{}{}
			distinct = append(distinct, key)
		}
	}
	d := data{keys: distinct[:n], misses: distinct[n:]}
	d.hits = append([]int64(nil), d.keys...)
	random.Shuffle(len(d.hits), func(i, j int) { d.hits[i], d.hits[j] = d.hits[j], d.hits[i] })
	return d
}

type variant struct {
	name string
	pass func(b *testing.B)
}

type operation struct {
	name     string
	variants []variant
}

func compare(name string, hashsetPass, nativePass func(b *testing.B)) operation {
	return operation{name, []variant{{"hashset", hashsetPass}, {"native", nativePass}}}
}

func compareContains(name string, ours *hashset.Set, theirs map[int64]struct{}, queries []int64) operation {
	return compare(name,
		func(b *testing.B) {
			found := 0
			for _, q := range queries {
				if ours.Contains(q) {
					found++
				}
			}
			sink += int64(found)
		},
		func(b *testing.B) {
			found := 0
			for _, q := range queries {
				if _, ok := theirs[q]; ok {
					found++
				}
			}
			sink += int64(found)
		})
}

func operations(d data, ours *hashset.Set, theirs map[int64]struct{}) []operation {
	n := len(d.keys)
	return []operation{
		compare("insert",
			func(b *testing.B) {
				s := hashset.New()
				for _, key := range d.keys {
					s.Insert(key)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			},
			func(b *testing.B) {
				m := make(map[int64]struct{})
				for _, key := range d.keys {
					m[key] = struct{}{}
				}
				sink += int64(len(m))
			}),
		compareContains("contains_hit", ours, theirs, d.hits),
		compareContains("contains_miss", ours, theirs, d.misses),
		compare("size",
			func(b *testing.B) {
				total := 0
				for i := 0; i < n; i++ {
					total += ours.Len()
				}
				sink += int64(total)
			},
			func(b *testing.B) {
				total := 0
				for i := 0; i < n; i++ {
					total += len(theirs)
				}
				sink += int64(total)
			}),
		compare("iterate",
			func(b *testing.B) {
				var total int64
				if err := ours.Iterate(func(v int64) bool { total += v; return true }); err != nil {
					b.Fatal(err)
				}
				sink += total
			},
			func(b *testing.B) {
				var total int64
				for v := range theirs {
					total += v
				}
				sink += total
			}),
		compare("collect",
			func(b *testing.B) { sink += int64(len(ours.Collect())) },
			func(b *testing.B) {
				values := make([]int64, 0, len(theirs))
				for v := range theirs {
					values = append(values, v)
				}
				sink += int64(len(values))
			}),
		compare("insert_many",
			func(b *testing.B) {
				s := hashset.New()
				sink += int64(s.InsertMany(d.keys))
				b.StopTimer()
				s.Close()
				b.StartTimer()
			},
			// Go has no bulk insert into a map: a loop into a map sized
			// for the keys, its best case.
			func(b *testing.B) {
				m := make(map[int64]struct{}, n)
				for _, key := range d.keys {
					m[key] = struct{}{}
				}
				sink += int64(len(m))
			}),
		compare("contains_many",
			func(b *testing.B) { sink += int64(len(ours.ContainsMany(d.hits))) },
			func(b *testing.B) {
				found := make([]bool, n)
				for i, q := range d.hits {
					_, found[i] = theirs[q]
				}
				sink += int64(len(found))
			}),
		{"empty_call", []variant{{"floor", func(b *testing.B) {
			found := 0
			for _, key := range d.keys {
				if emptyCall(uintptr(n), key) {
					found++
				}
			}
			sink += int64(found)
		}}}},
		{"guarded_empty_call", []variant{{"floor", func(b *testing.B) {
			g := &guarded{pointer: uintptr(n)}
			found := 0
			for _, key := range d.keys {
				if g.emptyCall(key) {
					found++
				}
			}
			sink += int64(found)
		}}}},
	}
}

func sizes(b *testing.B) []int {
	list := os.Getenv("HASHSET_BENCH_SIZES")
	if list == "" {
		return []int{100_000, 1_000_000}
	}
	var result []int
	for _, field := range strings.Split(list, ",") {
		n, err := strconv.Atoi(field)
		if err != nil {
			b.Fatalf("HASHSET_BENCH_SIZES: %v", err)
		}
		result = append(result, n)
	}
	return result
}

func BenchmarkSets(b *testing.B) {
	round, _ := strconv.Atoi(os.Getenv("HASHSET_BENCH_ROUND"))
	for _, n := range sizes(b) {
		d := newData(n)
		ours := hashset.New(d.keys...)
		theirs := make(map[int64]struct{}, n)
		for _, key := range d.keys {
			theirs[key] = struct{}{}
		}
		for _, op := range operations(d, ours, theirs) {
			count := len(op.variants)
			for k := 0; k < count; k++ {
				v := op.variants[(k+round)%count]
				b.Run("n="+strconv.Itoa(n)+"/"+op.name+"/"+v.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						v.pass(b)
					}
				})
			}
		}
		ours.Close()
	}
}
