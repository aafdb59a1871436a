# Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
# cycles, half the sets closed and half left to the garbage collector, with the
# error paths taken; resident memory must stay flat.
# HASHSET_LONG=1 selects the long profile.

long_profile <- Sys.getenv("HASHSET_LONG") == "1"
bad_bytes <- as.raw(1:3)
# R's reference classes make a cycle take milliseconds, so the short profile
# runs few cycles; each set also gets this block of elements, which makes one
# leaked set cost about 18 KB of native memory instead of 215 bytes.
block <- 2^40 + 0:999

rss_bytes <- function() as.numeric(strsplit(readLines("/proc/self/statm"), " ")[[1]][[2]]) * 4096

# Fails the cycle unless `expr` raises a condition of class `class`
# (expect_error would record one expectation per call).
expect_condition_class <- function(expr, class) {
  raised <- tryCatch({ expr; "no error" }, error = function(e) class(e))
  if (!class %in% raised) stop("expected ", class, ", got ", paste(raised, collapse = "/"))
}

# One cycle: sets built every way, iterated fully, partly and past a change,
# every error path taken; the sets of odd cycles and the partial iterator are
# left to the GC.
cycle <- function(i) {
  set <- HashSet(c(i, i + 1, i + 2, i + 3))
  set$insert_many(c(-i, i %% 64, i %% 64))
  visited <- 0
  set$for_each(function(value) visited <<- visited + 1)
  if (visited != set$size()) stop("cycle ", i)
  set$insert_many(block)
  copy <- set$copy()
  copy$update(set)
  union <- set$union(HashSet(i + 100))
  restored <- hashset_deserialize(union$serialize())
  if (!(copy$equals(set) && restored$equals(union))) stop("cycle ", i)
  restored$iterator()$next_value()  # a partial iteration, never finished
  stale <- copy$iterator()
  stale$next_value()
  copy$insert(i + 200)
  expect_condition_class(stale$next_value(), "hashset_concurrent_error")
  expect_condition_class(set$insert(1.5), "hashset_type_error")
  expect_condition_class(hashset_deserialize(bad_bytes), "hashset_format_error")
  empty <- HashSet()
  expect_condition_class(empty$pop(), "hashset_empty_error")
  empty$close()
  expect_condition_class(empty$pop(), "hashset_closed_error")
  if (i %% 2 == 0) {
    for (each in list(set, copy, union, restored)) each$close()
  }
}

test_that("create/fill/iterate/destroy cycles keep resident memory flat", {
  # One leaked set per cycle would cost about 35 MiB even in the short profile.
  bound <- 8 * 2^20
  warm_up <- if (long_profile) 100000 else 500
  cycles <- if (long_profile) 1000000 else 2000
  for (i in seq_len(warm_up)) cycle(i)
  gc()
  before <- rss_bytes()
  began <- proc.time()[["elapsed"]]
  checkpoints <- c()
  for (i in seq_len(cycles)) {
    cycle(i)
    if (i %% (cycles %/% 5) == 0) checkpoints <- c(checkpoints, (rss_bytes() - before) %/% 1024)
  }
  gc()
  growth <- rss_bytes() - before
  cat(sprintf("leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s)\n",
              cycles, proc.time()[["elapsed"]] - began, growth %/% 1024, paste(checkpoints, collapse = " ")))
  expect_lt(growth, bound, label = sprintf("resident memory growth (%d KiB)", growth %/% 1024))
})

test_that("new sets and iterators survive a collection at any allocation (gctorture)", {
  set <- HashSet(c(1, 2, 3))
  other <- HashSet(c(3, 4))
  gctorture(TRUE)
  on.exit(gctorture(FALSE))
  union <- NativeHashSet_union_with(set$.native, other$.native)
  restored <- NativeHashSet_deserialize(NativeHashSet_serialize(union))
  iterator <- NativeHashSetIterator(restored)
  visited <- 0
  while (NativeHashSetIterator_has_next(iterator)) {
    NativeHashSetIterator_next_value(iterator)
    visited <- visited + 1
  }
  gctorture(FALSE)
  expect_true(NativeHashSet_equals(restored, union))
  expect_equal(visited, 4)
})
