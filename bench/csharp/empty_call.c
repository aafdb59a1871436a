/* The per-call floor of the C# benchmark: an empty function with the
   arguments SWIG's P/Invoke passes to HashSet.Add (the native pointer, the value). */
#include <stdbool.h>

__attribute__((visibility("default"))) bool hashset_bench_empty_call(void* pointer, long long value) {
  (void)pointer;
  (void)value;
  return false;
}
