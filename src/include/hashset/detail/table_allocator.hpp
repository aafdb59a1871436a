// The allocator of HashSet's table: large tables ask for transparent huge
// pages. First touch of fresh 4 KiB pages dominates building a large table on
// virtualised machines (docs/performance.md); 2 MiB pages cut those faults
// 512-fold. Small tables use the ordinary heap.
#pragma once

#include <cstddef>

namespace hashset::detail {

void* allocate_table_bytes(std::size_t bytes);
void deallocate_table_bytes(void* pointer, std::size_t bytes) noexcept;

template <class T>
struct TableAllocator {
  using value_type = T;

  TableAllocator() = default;
  template <class U>
  TableAllocator(const TableAllocator<U>&) noexcept {}

  T* allocate(std::size_t count) { return static_cast<T*>(allocate_table_bytes(count * sizeof(T))); }
  void deallocate(T* pointer, std::size_t count) noexcept {
    deallocate_table_bytes(pointer, count * sizeof(T));
  }

  template <class U>
  bool operator==(const TableAllocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const TableAllocator<U>&) const noexcept { return false; }
};

}  // namespace hashset::detail
