# Replays the language-neutral spec (tests/conformance/spec.txt) on the R API.
#
# Values: plain tokens become bit64::integer64 (exact; bit64's NA_integer64_
# is INT64_MIN, which is what the token -9223372036854775808 parses to);
# big:N becomes the double N (R has no integer beyond int64: doubles beyond
# 2^53 raise hashset_range_error); float:X a double; str:T a string; null
# NULL. A list with a bad token is an R list, so that NULL can be an element.

spec_path <- Sys.getenv("HASHSET_SPEC", "../conformance/spec.txt")

errors <- c(range = "hashset_range_error", type = "hashset_type_error", empty = "hashset_empty_error",
            concurrent = "hashset_concurrent_error", format = "hashset_format_error",
            closed = "hashset_closed_error")

parse_hex <- function(text) {
  if (!nzchar(text)) return(raw(0))
  starts <- seq(1, nchar(text), by = 2)
  as.raw(strtoi(substring(text, starts, starts + 1), 16L))
}

parse_value <- function(token) {
  if (token == "null") return(NULL)
  if (grepl(":", token, fixed = TRUE)) {
    kind <- sub(":.*", "", token)
    text <- sub("^[^:]*:", "", token)
    return(switch(kind, big = as.numeric(text), float = as.numeric(text), str = text, hex = parse_hex(text),
                  stop("unknown token ", token)))
  }
  bit64::as.integer64(token)
}

# A `[ ... ]` list: an integer64 vector, or an R list when it holds bad tokens.
parse_list <- function(tokens) {
  if (length(tokens) == 0) return(bit64::integer64(0))
  if (all(grepl("^-?[0-9]+$", tokens))) return(bit64::as.integer64(tokens))
  lapply(tokens, parse_value)
}

# Statements as list(line, op, args, expected), args and expected being lists
# whose elements are tokens or character vectors (the [ ... ] lists).
parse_tokens <- function(tokens) {
  out <- list()
  i <- 1
  while (i <= length(tokens)) {
    if (tokens[i] == "[") {
      close <- i + match("]", tokens[(i + 1):length(tokens)])
      out[[length(out) + 1]] <- structure(tokens[seq_len(close - i - 1) + i], class = "spec_list")
      i <- close + 1
    } else {
      out[[length(out) + 1]] <- tokens[i]
      i <- i + 1
    }
  }
  out
}

load_cases <- function(path) {
  cases <- list()
  lines <- readLines(path)
  for (number in seq_along(lines)) {
    line <- trimws(lines[number])
    if (!nzchar(line) || startsWith(line, "#")) next
    if (startsWith(line, "case ")) {
      cases[[strsplit(line, " +")[[1]][2]]] <- list()
      next
    }
    parts <- strsplit(line, " -> ", fixed = TRUE)[[1]]
    tokens <- strsplit(parts[1], " +")[[1]]
    expected <- if (length(parts) > 1) parse_tokens(strsplit(parts[2], " +")[[1]]) else NULL
    statement <- list(line = number, op = tokens[1], args = parse_tokens(tokens[-1]), expected = expected)
    current <- length(cases)
    cases[[current]][[length(cases[[current]]) + 1]] <- statement
  }
  cases
}

value_of <- function(arg) if (inherits(arg, "spec_list")) parse_list(unclass(arg)) else parse_value(arg)

call_op <- function(sets, op, args) {
  name <- args[[1]]
  rest <- args[-1]
  if (op == "new") {
    sets[[name]] <- if (length(rest)) HashSet(value_of(rest[[1]])) else HashSet()
    return(list(sets = sets, result = NULL))
  }
  if (op == "copy") {
    sets[[rest[[1]]]] <- sets[[name]]$copy()
    return(list(sets = sets, result = NULL))
  }
  if (op == "deserialize") {
    sets[[name]] <- hashset_deserialize(value_of(rest[[1]]))
    return(list(sets = sets, result = NULL))
  }
  s <- sets[[name]]
  other <- function() sets[[rest[[1]]]]
  result <- switch(op,
    insert = s$insert(value_of(rest[[1]])),
    contains = s$contains(value_of(rest[[1]])),
    erase = s$erase(value_of(rest[[1]])),
    insert_many = s$insert_many(value_of(rest[[1]])),
    erase_many = s$erase_many(value_of(rest[[1]])),
    size = length(s),
    empty = s$empty(),
    clear = { s$clear(); NULL },
    reserve = { s$reserve(value_of(rest[[1]])); NULL },
    pop = s$pop(),
    collect = s$collect(),
    iterate = {
      seen <- bit64::integer64(0)
      s$for_each(function(x) seen <<- c(seen, x))
      seen
    },
    iterate_then_insert = {
      it <- s$iterator()
      it$next_value()
      s$insert(value_of(rest[[1]]))
      it$next_value()
    },
    iterate_then_close = {
      it <- s$iterator()
      it$next_value()
      s$close()
      it$next_value()
    },
    close = { s$close(); NULL },
    serialize = s$serialize(),
    equals = s$equals(other()),
    is_subset = s$is_subset(other()),
    is_superset = s$is_superset(other()),
    is_disjoint = s$is_disjoint(other()),
    union = s$union(other())$collect(),
    intersection = s$intersection(other())$collect(),
    difference = s$difference(other())$collect(),
    symmetric_difference = s$symmetric_difference(other())$collect(),
    update = { s$update(other()); NULL },
    intersection_update = { s$intersection_update(other()); NULL },
    difference_update = { s$difference_update(other()); NULL },
    symmetric_difference_update = { s$symmetric_difference_update(other()); NULL },
    stop("unknown op ", op))
  list(sets = sets, result = result)
}

# Exact comparison of int64 values: by their decimal strings (bit64 would
# print INT64_MIN as NA).
decimal <- function(values) {
  stopifnot(bit64::is.integer64(values))
  text <- as.character(values)
  text[is.na(values)] <- "-9223372036854775808"
  text
}

check_result <- function(result, expected, context) {
  want <- expected[[1]]
  if (inherits(want, "spec_list")) {
    expect_s3_class(result, "integer64")
    expect_identical(sort(decimal(result)), sort(unclass(want)), info = context)
  } else if (want %in% c("true", "false")) {
    expect_identical(result, want == "true", info = context)
  } else if (startsWith(want, "hex:")) {
    expect_identical(result, parse_value(want), info = context)
  } else if (is.integer(result)) {
    expect_identical(result, as.integer(want), info = context)
  } else {
    expect_s3_class(result, "integer64")
    expect_identical(decimal(result), want, info = context)
  }
}

cases <- load_cases(spec_path)
executed <- 0

test_that("the spec has cases", expect_gt(length(cases), 10))

for (case_name in names(cases)) {
  test_that(paste("spec case", case_name), {
    sets <- list()
    for (statement in cases[[case_name]]) {
      context <- sprintf("%s:%d %s", basename(spec_path), statement$line, statement$op)
      executed <<- executed + 1
      want <- statement$expected
      if (!is.null(want) && !inherits(want[[1]], "spec_list") && startsWith(want[[1]], "error:")) {
        kind <- sub("error:", "", want[[1]], fixed = TRUE)
        expect_error(call_op(sets, statement$op, statement$args), class = errors[[kind]], info = context)
        next
      }
      out <- call_op(sets, statement$op, statement$args)
      sets <- out$sets
      if (!is.null(want)) {
        check_result(out$result, want, context)
      } else if (!statement$op %in% c("new", "copy", "deserialize")) {
        expect_null(out$result, info = context)
      }
    }
  })
}

# Every bad-value token has an R spelling (big:N is a double, null is NULL),
# so every statement of the spec ran: none is counted as not applicable.
test_that("every spec statement was executed", {
  lines <- trimws(readLines(spec_path))
  statements <- sum(nzchar(lines) & !startsWith(lines, "#") & !startsWith(lines, "case "))
  expect_identical(executed, as.numeric(statements))
  cat(sprintf("\n%d spec statements executed, 0 not applicable\n", executed))
})
