# The R protocol of HashSet, checked against base R vectors used as sets
# (unique/union/intersect/setdiff/%in% on doubles within 2^53, and decimal
# strings for exact 64-bit values).

i64 <- bit64::as.integer64
INT64_MIN <- bit64::NA_integer64_  # bit64's NA is INT64_MIN's bits
INT64_MAX <- i64("9223372036854775807")

# A set's elements as sorted doubles (for sets within 2^53).
elements <- function(s) sort(as.numeric(s))
# Exact decimal strings, sorted.
decimals <- function(s) sort(as.character(s))

expect_unchanged <- function(s, before) expect_identical(decimals(s), before)

test_that("random operations agree with a base R vector used as a set", {
  set.seed(42)
  s <- HashSet()
  oracle <- numeric(0)
  for (step in 1:1500) {
    value <- sample(-40:40, 1) * 1e13  # exact doubles beyond 2^31
    op <- sample(3, 1)
    if (op == 1) {
      expect_identical(s$insert(value), !value %in% oracle)
      oracle <- union(oracle, value)
    } else if (op == 2) {
      expect_identical(s$erase(value), value %in% oracle)
      oracle <- setdiff(oracle, value)
    } else {
      expect_identical(s$contains(value), value %in% oracle)
    }
  }
  expect_identical(elements(s), sort(oracle))
  expect_identical(length(s), length(oracle))
  expect_type(length(s), "integer")
})

test_that("64-bit values round-trip exactly as integer64", {
  values <- c(INT64_MIN, INT64_MAX, i64(-1), i64(0), i64("9007199254740993"), i64("-9007199254740993"))
  s <- HashSet(values)
  expect_identical(length(s), 6L)
  expect_s3_class(s$collect(), "integer64")
  expect_identical(decimals(s), sort(c("-9223372036854775808", "9223372036854775807", "-1", "0",
                                       "9007199254740993", "-9007199254740993")))
  expect_true(s$contains(i64("9007199254740993")))
  expect_false(s$contains(i64("9007199254740992")))
  expect_false(s$contains(9007199254740992))  # the double 2^53 is exact, and absent
  expect_true(s$contains(INT64_MIN))
  single <- HashSet(INT64_MAX)
  popped <- single$pop()
  expect_s3_class(popped, "integer64")
  expect_identical(as.character(popped), "9223372036854775807")
  expect_identical(bit64::as.integer64(s), s$collect())
  expect_identical(as.vector(s), s$collect())
})

test_that("integers and exact doubles are accepted up to 2^53", {
  s <- HashSet()
  expect_true(s$insert(7L))
  expect_false(s$insert(7))
  expect_true(s$insert(2^53))
  expect_true(s$insert(-2^53))
  expect_identical(decimals(s), sort(c("7", "9007199254740992", "-9007199254740992")))
})

test_that("values that are not int64 raise classed errors and change nothing", {
  s <- HashSet(c(1, 2))
  before <- decimals(s)
  bad_type <- list(NA_integer_, NA_real_, NaN, 1.5, -0.25, "1", TRUE, factor("1"), NULL, c(1, 2), integer(0),
                   list(1), as.raw(1), 1i)
  for (value in bad_type) {
    expect_error(s$insert(value), class = "hashset_type_error")
    expect_error(s$erase(value), class = "hashset_type_error")
    expect_error(s$contains(value), class = "hashset_type_error")
  }
  expect_error(s$insert(NULL), class = "hashset_type_error")
  for (value in list(2^53 + 2, -2^53 - 2, 2^63, -2^64, Inf, -Inf, 1e300)) {
    expect_error(s$insert(value), class = "hashset_range_error", regexp = "bit64::integer64")
  }
  expect_error(s$insert_many(c(3, 4, 2^63)), class = "hashset_range_error")
  expect_error(s$insert_many(c(3, 4, 0.5)), class = "hashset_type_error")
  expect_error(s$insert_many(c(3L, NA)), class = "hashset_type_error")
  expect_error(s$insert_many(list(3, NULL)), class = "hashset_type_error")
  expect_error(s$insert_many(list(3, c(4, 5))), class = "hashset_type_error")
  expect_error(s$insert_many(c("3", "4")), class = "hashset_type_error")
  expect_error(s$insert_many(factor(3:4)), class = "hashset_type_error")
  expect_error(s$erase_many(c(1, NaN)), class = "hashset_type_error")
  expect_unchanged(s, before)
  # Every hashset error is also an R error.
  expect_error(s$insert("x"), class = "error")
})

test_that("bulk calls take R vectors, lists, NULL and other sets", {
  s <- HashSet()
  expect_identical(s$insert_many(1:3), 3L)
  expect_identical(s$insert_many(c(3, 4)), 1L)
  expect_identical(s$insert_many(list(5L, 6, i64(7))), 3L)
  expect_identical(s$insert_many(i64(c("8", "9007199254740993"))), 2L)
  expect_identical(s$insert_many(NULL), 0L)
  expect_identical(s$insert_many(HashSet(c(1, 100))), 1L)
  expect_identical(s$erase_many(c(1, 2, 2, 999)), 2L)
  expect_identical(decimals(s), sort(c("3", "4", "5", "6", "7", "8", "100", "9007199254740993")))
})

test_that("%in% is vectorised and lenient, like base %in%", {
  oracle <- c(1, 5, 2^40)
  s <- HashSet(oracle)
  x <- c(1, 2, 2.5, NA, NaN, 5, 2^40, 1e300, -Inf)
  expect_identical(x %in% s, x %in% oracle)
  expect_identical(c(1L, NA, 5L) %in% s, c(1L, NA, 5L) %in% oracle)
  expect_identical(i64(c("1", "2")) %in% s, c(TRUE, FALSE))
  expect_identical(c("1", "a") %in% s, c(FALSE, FALSE))  # strings are never elements
  expect_identical(list(1, "a", NULL, c(1, 5)) %in% s, c(TRUE, FALSE, FALSE, FALSE))
  expect_identical(NULL %in% s, logical(0))
  # %in% still works on ordinary vectors.
  expect_identical(c(1, 3) %in% c(3, 4), c(FALSE, TRUE))
})

test_that("set algebra agrees with base union, intersect, setdiff, setequal", {
  set.seed(7)
  for (round in 1:20) {
    a <- unique(sample(-30:30, 20, replace = TRUE) * 1.0)
    b <- unique(sample(-30:30, 20, replace = TRUE) * 1.0)
    sa <- HashSet(a)
    sb <- HashSet(b)
    expect_identical(elements(union(sa, sb)), sort(base::union(a, b)))
    expect_identical(elements(intersect(sa, sb)), sort(base::intersect(a, b)))
    expect_identical(elements(setdiff(sa, sb)), sort(base::setdiff(a, b)))
    expect_identical(elements(sa$symmetric_difference(sb)),
                     sort(c(base::setdiff(a, b), base::setdiff(b, a))))
    expect_identical(elements(union(sa, b)), sort(base::union(a, b)))  # a plain vector works too
    expect_identical(setequal(sa, sb), base::setequal(a, b))
    expect_identical(sa$is_subset(sb), all(a %in% b))
    expect_identical(sa$is_superset(sb), all(b %in% a))
    expect_identical(sa$is_disjoint(sb), length(base::intersect(a, b)) == 0)
    x <- sa$copy()
    x$update(sb)
    expect_identical(elements(x), sort(base::union(a, b)))
    x <- sa$copy()
    x$intersection_update(sb)
    expect_identical(elements(x), sort(base::intersect(a, b)))
    x <- sa$copy()
    x$difference_update(b)
    expect_identical(elements(x), sort(base::setdiff(a, b)))
    expect_identical(elements(sa), sort(a))  # operands unchanged
  }
  # base functions still work on vectors.
  expect_identical(union(1:2, 2:3), 1:3)
})

test_that("copy() gives an independent set", {
  s <- HashSet(1:3)
  t <- s$copy()
  t$insert(4)
  expect_false(s$contains(4))
  expect_identical(length(t), 4L)
  s$close()
  expect_identical(length(t), 4L)
})

test_that("printing, conversions and size", {
  s <- HashSet(c(3, 1, 2))
  expect_output(print(s), "<HashSet of 3 elements: 1 2 3>", fixed = TRUE)
  expect_output(show(HashSet(INT64_MIN)), "<HashSet of 1 element: -9223372036854775808>", fixed = TRUE)
  expect_output(print(HashSet()), "<HashSet of 0 elements>", fixed = TRUE)
  expect_output(print(HashSet(1:30)), "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 ...>", fixed = TRUE)
  expect_identical(sort(as.numeric(s)), c(1, 2, 3))
  expect_identical(sort(as.character(s)), c("1", "2", "3"))
  expect_warning(as.numeric(HashSet(i64("9007199254740993"))), "2\\^53")
  expect_identical(s$size(), 3L)
  expect_false(s$empty())
  expect_true(HashSet()$empty())
})

test_that("pop empties the set and then raises hashset_empty_error", {
  s <- HashSet(c(10, 20))
  popped <- c(as.character(s$pop()), as.character(s$pop()))
  expect_identical(sort(popped), c("10", "20"))
  expect_error(s$pop(), class = "hashset_empty_error")
  expect_identical(length(s), 0L)
})

test_that("iteration visits every element and fails fast on a change", {
  s <- HashSet(c(5, 6, 7, 2^45))
  seen <- numeric(0)
  s$for_each(function(x) {
    expect_s3_class(x, "integer64")
    seen <<- c(seen, as.numeric(x))
  })
  expect_identical(sort(seen), sort(c(5, 6, 7, 2^45)))
  expect_error(s$for_each(function(x) s$insert(x + 1000)), class = "hashset_concurrent_error")
  expect_error(s$for_each(function(x) s$clear()), class = "hashset_concurrent_error")
  expect_identical(length(s), 0L)
  s$insert_many(c(5, 6, 7))
  it <- s$iterator()
  n <- 0
  while (it$has_next()) { it$next_value(); n <- n + 1 }
  expect_identical(n, 3)
  expect_error(it$next_value(), class = "hashset_empty_error")
  it <- s$iterator()
  it$next_value()
  s$erase(5)
  expect_error(it$next_value(), class = "hashset_concurrent_error")
  # Changing the set after an iteration ended is fine.
  it <- s$iterator()
  while (it$has_next()) it$next_value()
  expect_true(s$insert(99))
  # Closing the set during an iteration is an error, not a crash.
  it <- s$iterator()
  s$close()
  expect_error(it$next_value(), class = "hashset_closed_error")
})

test_that("close() frees the set; use after close raises hashset_closed_error", {
  s <- HashSet(1:3)
  other <- HashSet(1)
  expect_false(s$is_closed())
  s$close()
  expect_true(s$is_closed())
  expect_silent(s$close())  # twice is harmless
  expect_silent(close(s))
  for (call in list(function() s$insert(1), function() s$contains(1), function() length(s),
                    function() s$collect(), function() s$pop(), function() s$serialize(),
                    function() s$iterator(), function() s$copy(), function() 1 %in% s,
                    function() s$insert_many(1:2), function() s$reserve(10))) {
    expect_error(call(), class = "hashset_closed_error")
  }
  expect_error(other$update(s), class = "hashset_closed_error")
  expect_error(other$equals(s), class = "hashset_closed_error")
  expect_error(union(other, s), class = "hashset_closed_error")
  expect_output(print(s), "<HashSet (closed)>", fixed = TRUE)
  expect_identical(length(other), 1L)
})

test_that("the native layer rejects closed, foreign and missing objects without crashing", {
  expect_error(NativeHashSet_size(NULL), class = "hashset_closed_error")
  expect_error(NativeHashSet_insert(new("externalptr"), 1), class = "hashset_closed_error")
  expect_error(NativeHashSet_size(42), class = "hashset_type_error")
  expect_error(NativeHashSet_equals(NativeHashSet(), 42), class = "hashset_type_error")
  it <- HashSet(1)$iterator()
  expect_error(NativeHashSet_size(it$.native@ref), class = "hashset_type_error")  # an iterator is not a set
  expect_error(NativeHashSetIterator_remove(it$.native), class = "hashset_runtime_error")  # nothing to remove yet
  expect_identical(as.character(it$next_value()), "1")
})

test_that("the garbage collector frees sets and iterators, closed or not", {
  for (i in 1:200) {
    s <- HashSet(1:100)
    u <- union(s, 200:300)
    it <- u$iterator()
    if (i %% 2 == 0) s$close()
  }
  rm(s, u, it)
  expect_no_error(invisible(gc()))
  expect_identical(length(HashSet(1:5)), 5L)
})

test_that("reserve checks its count", {
  s <- HashSet(c(1, 2))
  before <- decimals(s)
  s$reserve(1000)
  s$reserve(i64(10))
  expect_error(s$reserve(-1), class = "hashset_value_error")
  expect_error(s$reserve(1.5), class = "hashset_type_error")
  expect_error(s$reserve("10"), class = "hashset_type_error")
  expect_error(s$reserve(INT64_MAX), class = "hashset_memory_error")
  expect_error(s$reserve(2^53), class = "hashset_memory_error")
  expect_unchanged(s, before)
})

test_that("serialize gives raw bytes and deserialize reads them back", {
  s <- HashSet(c(INT64_MIN, INT64_MAX, i64(0)))
  bytes <- s$serialize()
  expect_type(bytes, "raw")
  t <- hashset_deserialize(bytes)
  expect_true(t$equals(s))
  expect_identical(decimals(t), decimals(s))
  expect_identical(HashSet(c(2, -1))$serialize(), HashSet(c(-1, 2))$serialize())
  expect_error(hashset_deserialize(bytes[-1]), class = "hashset_format_error")
  expect_error(hashset_deserialize(raw(0)), class = "hashset_format_error")
  expect_error(hashset_deserialize("HSET"), class = "hashset_type_error")
  expect_error(hashset_deserialize(as.integer(bytes)), class = "hashset_type_error")
})

test_that("dropping the set mid-iteration finishes the iteration", {
  values <- (1:1000) * 7919 - 3000
  s <- HashSet(values)
  it <- s$iterator()
  first <- as.numeric(it$next_value())
  expect_true(first %in% values)
  rm(s)
  invisible(gc(full = TRUE))
  rest <- numeric(0)
  while (it$has_next()) rest <- c(rest, as.numeric(it$next_value()))
  expect_identical(length(rest), length(values) - 1L)
  expect_identical(sort(rest), sort(setdiff(values, first)))

  # for_each, whose callback removes the last variable holding the set.
  s <- HashSet(values)
  seen <- numeric(0)
  s$for_each(function(value) {
    if (exists("s", inherits = TRUE)) {
      rm(s, inherits = TRUE)
      invisible(gc(full = TRUE))
    }
    seen <<- c(seen, as.numeric(value))
  })
  expect_false(exists("s", inherits = FALSE))
  expect_identical(sort(seen), sort(values))
})

test_that("R exits cleanly with live sets", {
  script <- tempfile(fileext = ".R")
  out <- tempfile()
  err <- tempfile()
  writeLines(c(
    'path <- Sys.getenv("HASHSET_R_PATH")',
    'dyn.load(file.path(path, "hashset.so"))',
    'source(file.path(path, "hashset.R"))',
    'options(warn = 1)  # any warning printed at once, on stderr',
    'live <- lapply(0:49, function(i) {',
    '  s <- HashSet(seq_len(i * 100))',
    '  it <- s$iterator()',
    '  if (it$has_next()) it$next_value()',
    '  list(s, it)',
    '})',
    'large <- HashSet(seq_len(1e6))$iterator()',
    'invisible(large$next_value())',
    'closed <- HashSet(1:3)',
    'closed_iterator <- closed$iterator()',
    'invisible(closed$close())',
    'cycle <- new.env()',
    'cycle$set <- HashSet(7)',
    'cycle$self <- cycle',
    'cat("live sets left at exit\\n")'), script)
  # The same R, with this test's environment (HASHSET_R_PATH).
  status <- system2(file.path(R.home("bin"), "Rscript"), c("--vanilla", shQuote(script)),
                    stdout = out, stderr = err)
  expect_identical(readLines(err), character(0))
  expect_identical(status, 0L)
  expect_identical(readLines(out), "live sets left at exit")
  unlink(c(script, out, err))
})
