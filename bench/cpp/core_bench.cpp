// The C++ core against std::unordered_set<int64_t>, Google Benchmark.
// Random 64-bit keys (fixed seed); N = 10^3 ... --max-n (default 10^7).
// Every benchmark's time is per iteration over N keys: divide by N for ns/op
// (bench/python/report.py does, from the JSON output).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <benchmark/benchmark.h>

#include <hashset/hash_set.hpp>

namespace {

struct Data {
  std::vector<std::int64_t> keys;     // distinct, random
  std::vector<std::int64_t> hits;     // the keys, shuffled
  std::vector<std::int64_t> misses;   // random, none of them a key
};

const Data& data_for(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Data>> cache;
  auto& slot = cache[n];
  if (!slot) {
    slot = std::make_unique<Data>();
    std::mt19937_64 random(12345 + n);
    std::unordered_set<std::int64_t> seen;
    seen.reserve(2 * n);
    while (slot->keys.size() < n) {
      const auto v = static_cast<std::int64_t>(random());
      if (seen.insert(v).second) slot->keys.push_back(v);
    }
    while (slot->misses.size() < n) {
      const auto v = static_cast<std::int64_t>(random());
      if (seen.insert(v).second) slot->misses.push_back(v);
    }
    slot->hits = slot->keys;
    std::shuffle(slot->hits.begin(), slot->hits.end(), random);
  }
  return *slot;
}

// A uniform face over both containers.
struct Ours {
  hashset::HashSet s;
  bool insert(std::int64_t v) { return s.insert(v); }
  bool contains(std::int64_t v) const { return s.contains(v); }
  bool erase(std::int64_t v) { return s.erase(v); }
  // The bulk calls (prefetching ahead on large tables).
  void insert_all(const std::vector<std::int64_t>& v) { s.insert_many(v.data(), v.size()); }
  std::size_t count_all(const std::vector<std::int64_t>& v, std::vector<std::uint8_t>& found) const {
    s.contains_many(v.data(), v.size(), found.data());
    std::size_t n = 0;
    for (std::uint8_t f : found) n += f;
    return n;
  }
  template <class F> void each(F f) const {
    hashset::HashSetIterator it(s);
    while (it.has_next()) f(it.next());
  }
};
struct Std {
  std::unordered_set<std::int64_t> s;
  bool insert(std::int64_t v) { return s.insert(v).second; }
  bool contains(std::int64_t v) const { return s.count(v) != 0; }
  bool erase(std::int64_t v) { return s.erase(v) != 0; }
  // std::unordered_set has no bulk call: the same loop as above.
  void insert_all(const std::vector<std::int64_t>& v) {
    for (std::int64_t x : v) s.insert(x);
  }
  std::size_t count_all(const std::vector<std::int64_t>& v, std::vector<std::uint8_t>& found) const {
    for (std::size_t i = 0; i < v.size(); ++i) found[i] = s.count(v[i]) != 0;
    std::size_t n = 0;
    for (std::uint8_t f : found) n += f;
    return n;
  }
  template <class F> void each(F f) const {
    for (std::int64_t v : s) f(v);
  }
};

template <class Set>
std::shared_ptr<Set> built(std::size_t n) {
  static std::map<std::size_t, std::shared_ptr<Set>> cache;
  auto& slot = cache[n];
  if (!slot) {
    slot = std::make_shared<Set>();
    for (std::int64_t v : data_for(n).keys) slot->insert(v);
  }
  return slot;
}

// Inserts every key into a fresh set, one insert() at a time or in one bulk call.
template <class Set, bool kBulk>
void BM_insert(benchmark::State& state) {
  const auto& keys = data_for(state.range(0)).keys;
  for (auto _ : state) {
    state.PauseTiming();
    auto set = std::make_unique<Set>();
    state.ResumeTiming();
    if constexpr (kBulk) {
      set->insert_all(keys);
    } else {
      for (std::int64_t v : keys) benchmark::DoNotOptimize(set->insert(v));
    }
    state.PauseTiming();
    set.reset();
    state.ResumeTiming();
  }
}

// Looks up every one of `Data::*kQueries` (the keys shuffled, or misses).
template <class Set, std::vector<std::int64_t> Data::*kQueries>
void BM_lookup(benchmark::State& state) {
  const auto& queries = data_for(state.range(0)).*kQueries;
  auto set = built<Set>(state.range(0));
  for (auto _ : state) {
    std::size_t found = 0;
    for (std::int64_t v : queries) found += set->contains(v);
    benchmark::DoNotOptimize(found);
  }
}

template <class Set>
void BM_bulk_lookup_hit(benchmark::State& state) {
  const auto& hits = data_for(state.range(0)).hits;
  auto set = built<Set>(state.range(0));
  std::vector<std::uint8_t> found(hits.size());
  for (auto _ : state) benchmark::DoNotOptimize(set->count_all(hits, found));
}

template <class Set>
void BM_erase(benchmark::State& state) {
  const auto& hits = data_for(state.range(0)).hits;
  for (auto _ : state) {
    state.PauseTiming();
    auto set = std::make_unique<Set>(*built<Set>(state.range(0)));
    state.ResumeTiming();
    for (std::int64_t v : hits) benchmark::DoNotOptimize(set->erase(v));
    state.PauseTiming();
    set.reset();
    state.ResumeTiming();
  }
}

template <class Set>
void BM_iterate(benchmark::State& state) {
  auto set = built<Set>(state.range(0));
  for (auto _ : state) {
    std::int64_t sum = 0;
    set->each([&](std::int64_t v) { sum += v; });
    benchmark::DoNotOptimize(sum);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t max_n = 10'000'000;
  int repetitions = 3;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--max-n=", 8) == 0) {
      max_n = std::strtoull(argv[i] + 8, nullptr, 10);
    } else if (std::strncmp(argv[i], "--reps=", 7) == 0) {
      repetitions = std::atoi(argv[i] + 7);
    } else {
      args.push_back(argv[i]);
    }
  }
  using Fn = void (*)(benchmark::State&);
  const std::pair<const char*, std::pair<Fn, Fn>> ops[] = {
      {"insert", {BM_insert<Ours, false>, BM_insert<Std, false>}},
      {"lookup_hit", {BM_lookup<Ours, &Data::hits>, BM_lookup<Std, &Data::hits>}},
      {"lookup_miss", {BM_lookup<Ours, &Data::misses>, BM_lookup<Std, &Data::misses>}},
      {"erase", {BM_erase<Ours>, BM_erase<Std>}},
      {"iterate", {BM_iterate<Ours>, BM_iterate<Std>}},
      {"bulk_insert", {BM_insert<Ours, true>, BM_insert<Std, true>}},
      {"bulk_lookup_hit", {BM_bulk_lookup_hit<Ours>, BM_bulk_lookup_hit<Std>}},
  };
  // Ours and std alternate, N by N, op by op.
  for (std::size_t n = 1000; n <= max_n; n *= 10) {
    // About 2*10^6 operations per repetition, at least one pass.
    const auto iterations = static_cast<benchmark::IterationCount>(std::max<std::size_t>(1, 2'000'000 / n));
    for (const auto& [name, fns] : ops) {
      for (int which = 0; which < 2; ++which) {
        const std::string label = std::string(which == 0 ? "HashSet/" : "unordered_set/") + name;
        benchmark::RegisterBenchmark(label.c_str(), which == 0 ? fns.first : fns.second)
            ->Arg(static_cast<std::int64_t>(n))
            ->Iterations(iterations)
            ->Repetitions(repetitions)
            ->ReportAggregatesOnly(false)
            ->Unit(benchmark::kMicrosecond);
      }
    }
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
