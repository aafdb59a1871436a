// Loops over abseil's flat_hash_set that its public API cannot express: a
// lookup that does not branch on its answer (for bulk contains) and walks of
// the full slots by masks of 16 control bytes (for collect() and batches of
// iterators).
//
// abseil's contains() returns from inside its probe loop, so a hit and a miss
// take different branches; on queries that mix them at random the CPU
// mispredicts every other one. At 10^6 elements (table in cache) a query
// took 8.5 ns when half were hits in random order, 4.2 when all were hits and
// 3.5 when none were: about 9 ns per misprediction.
//
// first_group_lookup() decides most queries from the first group of 16
// control bytes alone, with arithmetic instead of branches: the first slot
// whose control byte matches the hash's 7 tag bits (abseil's H2) holds the
// value, or the value is absent when no other slot matches and the group has
// an empty slot (abseil stops probing there). Anything else (a second tag
// match, or a full group that the probe would leave) is left to abseil's
// own lookup. With it, the half-hits queries take about 6 ns.
//
// abseil's iterator tests each control byte in turn, a branch that a table
// about half full cannot predict: for_each_full() and copy_from() find the
// full slots of 16 control bytes at once. Walking 10^6 elements: 4.2 -> 1.5
// ns per element.
//
// abseil's insert() of a new value probes twice: its lookup, then, in an
// out-of-line call, a second walk from the same start for the first free
// slot. insert_in_first_group() does both from one load of the first group
// when that group decides: the value is in one of its slots, or the group has
// an empty slot (the lookup stops there) and the value goes into its first
// free one, as abseil would put it. Bulk insert of 10^6 new values into a
// presized set: 8.7-8.8 -> 7.0-7.5 ns per value in C++ (10^4: 4.8 -> 3.7),
// 7.3-7.8 -> 5.9-6.1 from numpy in Python (alternating runs).
//
// first_group_lookup_x8() is the same lookup for eight values at once, with
// AVX-512 (gathers of the groups and slots, byte compares into masks): on a
// random half-and-half mix at 10^6 elements it took 4.2-4.9 ns per value
// against 6.2-6.7 for eight first_group_lookup() calls (alternating runs of
// one binary, table evicted from the caches). It is compiled for AVX-512
// whatever the build's target, and used only where the CPU has it (see
// bulk_lookup_instructions() in hash_set.hpp).
//
// All of them read abseil's private table fields through HashtableDebugAccess,
// the hook abseil befriends for its own debugging tools, and rely on the table
// layout of the abseil release it was written against (control bytes: empty
// = -128, full = the 7 tag bits; slots at the same index). Any other release,
// or a CPU without SSE2, uses abseil's lookup and iterator.
#pragma once

#include <absl/base/config.h>

#if ABSL_LTS_RELEASE_VERSION == 20220623 && defined(__SSE2__)
#define HASHSET_ABSEIL_INTERNALS 1

#include <emmintrin.h>

#if defined(__x86_64__) && defined(__GNUC__)  // GCC and clang: per-function targets
#define HASHSET_AVX512_LOOKUP 1
#define HASHSET_AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512dq,avx512cd,avx512vl")))
// GCC 12's AVX-512 intrinsics warn that their own placeholder operand "may
// be used uninitialized" (GCC bug 105593); the warning belongs to the header.
#ifndef __clang__
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#ifndef __clang__
#pragma GCC diagnostic pop
#endif
#endif

#include <cstdint>

#include <absl/container/internal/hashtable_debug_hooks.h>
#include <absl/container/internal/raw_hash_set.h>

namespace hashset::detail {
struct TableInternalsTag;
}  // namespace hashset::detail

namespace absl {
ABSL_NAMESPACE_BEGIN
namespace container_internal {
namespace hashtable_debug_internal {

template <>
struct HashtableDebugAccess<hashset::detail::TableInternalsTag, void> {
  // What a lookup of one value decided from its first group.
  enum Outcome : std::uint8_t { kAbsent = 0, kPresent = 1, kUndecided = 2 };

  template <class Table>
  static std::size_t hash(const Table& table, std::int64_t value) {
    return table.hash_ref()(value);
  }

  // The lines of the first group that the probe for a value of this hash
  // reads: its 16 control bytes, which cross into a second line one time in
  // four, and its first 8 slots (64 bytes, one or two lines), where most
  // elements sit. abseil's prefetch() asks for the first line of each only.
  // At 10^7 elements, against it (C++, alternating runs): contains_many of a
  // half-hits mix 11.6-15.8 -> 8.0-8.2 ns per value, insert_many of new values
  // 13.3-18.5 -> 9.2-9.3, erase_many 18.7-25.3 -> 17.4-17.7; at 10^6 about
  // 10 % faster. One-at-a-time hits at 10^7, prefetched just before the
  // lookup: 45-52 -> 30-33 ns in one process, variants alternating (the
  // second slot line makes the gain); about 9 % in Google Benchmark.
  //
  // Always inlined: GCC otherwise finds the function "pure" (it only reads)
  // and deletes calls whose result goes unused, prefetches and all.
  template <class Table>
  [[gnu::always_inline]] static void prefetch(const Table& table, std::size_t hash) {
    const std::size_t offset = probe(table.ctrl_, hash, table.capacity_).offset();
    __builtin_prefetch(table.ctrl_ + offset);
    __builtin_prefetch(table.ctrl_ + offset + 15);
    __builtin_prefetch(table.slots_ + offset);
    __builtin_prefetch(table.slots_ + offset + 7);
  }

  // The full slots among the 16 from `base` on, as a bit mask.
  template <class Table>
  static std::uint32_t full_slots(const Table& table, std::size_t base) {
    const __m128i group = _mm_loadu_si128(reinterpret_cast<const __m128i*>(table.ctrl_ + base));
    // Full control bytes are the ones with the high bit clear. Past the last
    // slot come the sentinel and copies of the first control bytes: masked.
    const std::size_t in_table = table.capacity_ - base;
    const std::uint32_t in_table_mask = in_table < 16 ? (1u << in_table) - 1 : 0xFFFFu;
    return ~static_cast<std::uint32_t>(_mm_movemask_epi8(group)) & in_table_mask;
  }

  // Calls visit(value) for every element, in slot order.
  template <class Table, class Visit>
  static void for_each_full(const Table& table, Visit&& visit) {
    for (std::size_t base = 0; base < table.capacity_; base += 16) {
      for (std::uint32_t full = full_slots(table, base); full != 0; full &= full - 1) {
        visit(table.slots_[base + __builtin_ctz(full)]);
      }
    }
  }

  // Copies up to `capacity` elements into `out`, in slot order from the one
  // under `position` (a valid iterator of `table`), and moves `position` past
  // them (to end() after the last element). Returns how many it copied.
  template <class Table>
  static std::size_t copy_from(Table& table, typename Table::iterator& position, std::int64_t* out,
                               std::size_t capacity) {
    if (capacity == 0 || position == table.end()) return 0;
    std::size_t count = 0;
    std::size_t last = static_cast<std::size_t>(&*position - table.slots_);
    for (std::size_t base = last; base < table.capacity_ && count < capacity; base += 16) {
      for (std::uint32_t full = full_slots(table, base); full != 0 && count < capacity; full &= full - 1) {
        last = base + __builtin_ctz(full);
        out[count++] = table.slots_[last];
      }
    }
    position = table.iterator_at(last);
    ++position;  // abseil's step: on to the next full slot, or end()
    return count;
  }

  enum class Insertion : std::uint8_t { kAdded, kAlreadyPresent, kUndecided };

  // Inserts `value` if its first group decides where (see above); when
  // undecided (no slots yet, a full first group, or a table due to grow),
  // changes nothing.
  template <class Table>
  static Insertion insert_in_first_group(Table& table, std::int64_t value) {
    if (table.capacity_ == 0) return Insertion::kUndecided;
    const std::size_t hash = table.hash_ref()(value);
    const auto seq = probe(table.ctrl_, hash, table.capacity_);
    const Group group{table.ctrl_ + seq.offset()};
    for (std::uint32_t i : group.Match(H2(hash))) {
      if (table.slots_[seq.offset(i)] == value) return Insertion::kAlreadyPresent;
    }
    if (!group.MaskEmpty()) return Insertion::kUndecided;
    // abseil's prepare_insert(), from here on: a deleted slot before the
    // empty one is reused, and any other target uses up growth. A table of
    // fewer than 15 slots reads control bytes past its clones that stand for
    // no slot and stay empty: when it is full, the first of them maps to the
    // sentinel, and only the growth check (full means none left) stops it.
    const std::size_t target = seq.offset(group.MaskEmptyOrDeleted().LowestBitSet());
    const bool reuses_deleted = IsDeleted(table.ctrl_[target]);
    if (!reuses_deleted && table.growth_left() == 0) return Insertion::kUndecided;
    ++table.size_;
    table.growth_left() -= !reuses_deleted;
    SetCtrl(target, H2(hash), table.capacity_, table.ctrl_, table.slots_, sizeof(*table.slots_));
    table.infoz().RecordInsert(hash, 0);
    table.emplace_at(target, value);
    return Insertion::kAdded;
  }

  // Precondition: the table has slots (capacity() != 0).
  template <class Table>
  static Outcome first_group_lookup(const Table& table, std::size_t hash, std::int64_t value) {
    const std::size_t offset = probe(table.ctrl_, hash, table.capacity_).offset();
    const __m128i group = _mm_loadu_si128(reinterpret_cast<const __m128i*>(table.ctrl_ + offset));
    const auto mask_of = [&](std::int8_t byte) {
      return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(group, _mm_set1_epi8(byte))));
    };
    const std::uint32_t tag_matches = mask_of(static_cast<std::int8_t>(H2(hash)));
    const std::uint32_t empties = mask_of(static_cast<std::int8_t>(ctrl_t::kEmpty));
    // The slot of the first match; without a match, the value itself (then
    // ignored), chosen with a mask: a branch here would be the mispredicted
    // one this lookup exists to avoid, and an empty slot must not be read.
    const int first = __builtin_ctz(tag_matches | 0x10000u);
    const auto slot_address = reinterpret_cast<std::uintptr_t>(table.slots_ + ((offset + first) & table.capacity_));
    const auto value_address = reinterpret_cast<std::uintptr_t>(&value);
    const std::uintptr_t use_slot = std::uintptr_t{0} - std::uintptr_t{tag_matches != 0};
    const auto* candidate =
        reinterpret_cast<const std::int64_t*>((slot_address & use_slot) | (value_address & ~use_slot));
    const bool present = (tag_matches != 0) & (*candidate == value);
    const bool other_matches = (tag_matches & (tag_matches - 1)) != 0;
    const bool decided = present | (!other_matches & (empties != 0));
    // present implies decided: the sum is 0, 1 or 2 (kUndecided).
    return static_cast<Outcome>(std::uint8_t{present} + 2 * std::uint8_t{!decided});
  }

#ifdef HASHSET_AVX512_LOOKUP
  // first_group_lookup() of values[0..8), whose hashes are hashes[0..8):
  // writes found[0..8) (1 when present) and returns, one bit per value, the
  // present ones and the undecided ones (their found byte is then 0).
  // Precondition: the table has slots; the CPU has the target's extensions.
  struct Outcomes {
    std::uint8_t present;
    std::uint8_t undecided;
  };
  template <class Table>
  HASHSET_AVX512_TARGET static Outcomes first_group_lookup_x8(const Table& table, const std::size_t* hashes,
                                                              const std::int64_t* values, std::uint8_t* found) {
    const __m512i hash = _mm512_loadu_si512(hashes);
    const __m512i value = _mm512_loadu_si512(values);
    const __m512i capacity = _mm512_set1_epi64(static_cast<long long>(table.capacity_));
    // abseil's H1 (salted with the table's address) and H2, per lane.
    const __m512i salt = _mm512_set1_epi64(static_cast<long long>(reinterpret_cast<std::uintptr_t>(table.ctrl_) >> 12));
    const __m512i offset = _mm512_and_si512(_mm512_xor_si512(_mm512_srli_epi64(hash, 7), salt), capacity);
    const __m512i tag = _mm512_and_si512(hash, _mm512_set1_epi64(0x7f));
    const __m512i tag_bytes = _mm512_mullo_epi64(tag, _mm512_set1_epi64(0x0101010101010101));
    // Each lane's group of 16 control bytes, in two halves.
    const auto* ctrl = reinterpret_cast<const char*>(table.ctrl_);
    const __m512i low = _mm512_i64gather_epi64(offset, ctrl, 1);
    const __m512i high = _mm512_i64gather_epi64(offset, ctrl + 8, 1);
    const __m512i tag_matches =
        lane_masks(_mm512_cmpeq_epi8_mask(low, tag_bytes), _mm512_cmpeq_epi8_mask(high, tag_bytes));
    const __m512i empty = _mm512_set1_epi8(static_cast<char>(ctrl_t::kEmpty));
    const __m512i empties = lane_masks(_mm512_cmpeq_epi8_mask(low, empty), _mm512_cmpeq_epi8_mask(high, empty));
    // The slot of each lane's first match, read only in lanes with a match:
    // their slot is full (empty slots are poisoned under ASan).
    const __mmask8 matched = _mm512_test_epi64_mask(tag_matches, tag_matches);
    const __m512i lowest_match = _mm512_and_si512(tag_matches, _mm512_sub_epi64(_mm512_setzero_si512(), tag_matches));
    const __m512i first = _mm512_sub_epi64(_mm512_set1_epi64(63), _mm512_lzcnt_epi64(lowest_match));
    const __m512i slot = _mm512_and_si512(_mm512_add_epi64(offset, first), capacity);
    const __m512i candidate = _mm512_mask_i64gather_epi64(value, matched, slot, table.slots_, 8);
    const __mmask8 present = _mm512_mask_cmpeq_epi64_mask(matched, candidate, value);
    const __mmask8 other_matches =
        _mm512_test_epi64_mask(tag_matches, _mm512_sub_epi64(tag_matches, _mm512_set1_epi64(1)));
    const __mmask8 has_empty = _mm512_test_epi64_mask(empties, empties);
    const auto decided = static_cast<__mmask8>(present | (~other_matches & has_empty));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(found), _mm_maskz_set1_epi8(present, 1));
    return {present, static_cast<std::uint8_t>(~decided)};
  }

  // Lane i's 16 bits of a group's byte-compare masks: bits 8i..8i+7 of
  // `low` (its first 8 control bytes) and of `high` (the last 8).
  HASHSET_AVX512_TARGET static __m512i lane_masks(__mmask64 low, __mmask64 high) {
    return _mm512_or_si512(lane_bytes(low), _mm512_slli_epi64(lane_bytes(high), 8));
  }

  // Bits 8i..8i+7 of `bits` in lane i.
  HASHSET_AVX512_TARGET static __m512i lane_bytes(__mmask64 bits) {
    const __m512i all = _mm512_set1_epi64(static_cast<long long>(_cvtmask64_u64(bits)));
    return _mm512_and_si512(_mm512_srlv_epi64(all, _mm512_set_epi64(56, 48, 40, 32, 24, 16, 8, 0)),
                            _mm512_set1_epi64(0xff));
  }
#endif
};

}  // namespace hashtable_debug_internal
}  // namespace container_internal
ABSL_NAMESPACE_END
}  // namespace absl

namespace hashset::detail {
using TableInternals =
    absl::container_internal::hashtable_debug_internal::HashtableDebugAccess<TableInternalsTag, void>;
}  // namespace hashset::detail

#endif
