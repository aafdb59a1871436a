// R: the user-facing API, as R code added to the generated hashset.R.
//
//   dyn.load("hashset.so"); source("hashset.R")
//   s <- HashSet(c(1, 2, 3)); s$insert(bit64::as.integer64("9007199254740993"))
//   2 %in% s; length(s); s$collect()   # collect() is an exact integer64 vector
//
// HashSet is a reference class (mutable, like R6/environments) over the SWIG
// object NativeHashSet; S4 methods give it length(), show(), %in%, union(),
// intersect(), setdiff(), setequal(), as.vector(), as.numeric(),
// as.character() and bit64::as.integer64(). Errors are conditions of class
// hashset_<kind>_error / hashset_error (see hashset_typemaps.i).

// HashSet$is_closed(): whether close() cleared the native pointer.
%inline %{
bool hashset_r_is_null_pointer(SEXP pointer) {
  return TYPEOF(pointer) != EXTPTRSXP || R_ExternalPtrAddr(pointer) == nullptr;
}
%}

%insert("sinit") %{
######################################################################
# hashset: the HashSet reference class (from swig/r/hashset_protocol.i)

if (!requireNamespace("bit64", quietly = TRUE))
  stop("the hashset binding needs the bit64 package (Debian: r-cran-bit64)")

hashset_signal <- function(kind, message) {
  stop(structure(class = c(paste0("hashset_", kind, "_error"), "hashset_error", "error", "condition"),
                 list(message = message, call = sys.call(-1))))
}

# A native set made by a function returning a new set: give it to the GC.
hashset_adopt <- function(native) {
  reg.finalizer(native@ref, delete_NativeHashSet, onexit = TRUE)
  HashSet$new(.native = native)
}

# `other` as a HashSet: a HashSet as it is, any vector of values copied.
as_hashset <- function(other) if (is(other, "HashSet")) other else HashSet(other)

# (suppressMessages: without the recommended package codetools, setRefClass says so.)
HashSet <- suppressMessages(setRefClass("HashSet",
  fields = list(.native = "ANY"),
  methods = list(
    initialize = function(values = NULL, ..., .native = NULL) {
      "HashSet(values): a new set holding `values` (integer, double, integer64 vector or list)."
      .native <<- if (is.null(.native)) NativeHashSet() else .native
      if (!is.null(values)) insert_many(values)
      invisible(.self)
    },
    insert = function(value) {
      "Adds `value`; TRUE when it was not yet an element."
      NativeHashSet_insert(.native, value)
    },
    add = function(value) { "Same as insert()." ; insert(value) },
    contains = function(value) {
      "TRUE when `value` is an element (errors for values no element can be)."
      NativeHashSet_contains(.native, value)
    },
    erase = function(value) {
      "Removes `value`; TRUE when it was an element."
      NativeHashSet_erase(.native, value)
    },
    pop = function() {
      "Removes and returns an arbitrary element (integer64); hashset_empty_error when empty."
      NativeHashSet_pop(.native)
    },
    size = function() { "Number of elements." ; NativeHashSet_size(.native) },
    empty = function() { "TRUE when there are no elements." ; NativeHashSet_empty(.native) },
    clear = function() { "Removes every element." ; NativeHashSet_clear(.native); invisible(.self) },
    reserve = function(n) {
      "Makes room for `n` elements."
      NativeHashSet_reserve(.native, n)
      invisible(.self)
    },
    collect = function() {
      "The elements, in no particular order, as an exact integer64 vector."
      NativeHashSet_collect(.native)
    },
    insert_many = function(values) {
      "Adds every value (vector, list or HashSet); returns how many were new."
      if (is(values, "HashSet")) values <- values$collect()
      NativeHashSet_insert_many(.native, values)
    },
    erase_many = function(values) {
      "Removes every value (vector, list or HashSet); returns how many were elements."
      if (is(values, "HashSet")) values <- values$collect()
      NativeHashSet_erase_many(.native, values)
    },
    contains_each = function(values) {
      "One logical per value; values that cannot be elements are FALSE."
      NativeHashSet_contains_each(.native, values)
    },
    equals = function(other) NativeHashSet_equals(.native, as_hashset(other)$.native),
    is_subset = function(other) NativeHashSet_is_subset(.native, as_hashset(other)$.native),
    is_superset = function(other) NativeHashSet_is_superset(.native, as_hashset(other)$.native),
    is_disjoint = function(other) NativeHashSet_is_disjoint(.native, as_hashset(other)$.native),
    union = function(other) hashset_adopt(NativeHashSet_union_with(.native, as_hashset(other)$.native)),
    intersection = function(other) hashset_adopt(NativeHashSet_intersection_with(.native, as_hashset(other)$.native)),
    difference = function(other) hashset_adopt(NativeHashSet_difference_with(.native, as_hashset(other)$.native)),
    symmetric_difference = function(other)
      hashset_adopt(NativeHashSet_symmetric_difference_with(.native, as_hashset(other)$.native)),
    update = function(other) { NativeHashSet_update(.native, as_hashset(other)$.native); invisible(.self) },
    intersection_update = function(other) {
      NativeHashSet_intersection_update(.native, as_hashset(other)$.native); invisible(.self)
    },
    difference_update = function(other) {
      NativeHashSet_difference_update(.native, as_hashset(other)$.native); invisible(.self)
    },
    symmetric_difference_update = function(other) {
      NativeHashSet_symmetric_difference_update(.native, as_hashset(other)$.native); invisible(.self)
    },
    serialize = function() { "The portable byte form, a raw vector." ; NativeHashSet_serialize(.native) },
    copy = function(shallow = FALSE) {
      "A new set with the same elements (its own native set)."
      HashSet$new(.native = NativeHashSet(.native))
    },
    iterator = function() {
      "A fail-fast iterator: it$has_next(), it$next_value() (hashset_concurrent_error once the set changed)."
      HashSetIterator$new(.native = NativeHashSetIterator(.native), set = .self)
    },
    for_each = function(f) {
      "Calls f(element) for every element (integer64); errors if the set changes meanwhile."
      it <- iterator()
      while (it$has_next()) {
        value <- it$next_value()  # forced here: f may never touch its (lazy) argument
        f(value)
      }
      invisible(.self)
    },
    close = function() {
      "Frees the native set now; later use raises hashset_closed_error. Closing twice is harmless."
      delete_NativeHashSet(.native)
      invisible(NULL)
    },
    is_closed = function() {
      "TRUE once close() was called."
      hashset_r_is_null_pointer(.native@ref)
    },
    format_elements = function() NativeHashSet_format_elements(.native),
    show = function() {
      if (is_closed()) return(cat("<HashSet (closed)>\n"))
      n <- size()
      shown <- if (n > 20) c(head(sort_elements(.self), 20), "...") else sort_elements(.self)
      cat("<HashSet of ", format(n, scientific = FALSE), if (n == 1) " element" else " elements",
          if (n > 0) ": " else "", paste(shown, collapse = " "), ">\n", sep = "")
    }
  )))

# The elements as decimal strings, in numeric order.
sort_elements <- function(set) {
  values <- set$collect()
  set$format_elements()[order(values)]
}

HashSetIterator <- suppressMessages(setRefClass("HashSetIterator",
  fields = list(.native = "ANY", set = "ANY"),
  methods = list(
    has_next = function() {
      "TRUE while elements remain (and the set has not changed or been closed)."
      if (set$is_closed()) hashset_signal("closed", "the HashSet was closed during iteration")
      NativeHashSetIterator_has_next(.native)
    },
    next_value = function() {
      "The next element (integer64); errors if the set changed or the iteration is over."
      if (set$is_closed()) hashset_signal("closed", "the HashSet was closed during iteration")
      NativeHashSetIterator_next_value(.native)
    },
    remaining = function() NativeHashSetIterator_remaining(.native)
  )))

#' Reads a set written by serialize(); hashset_format_error for other bytes.
hashset_deserialize <- function(bytes) hashset_adopt(NativeHashSet_deserialize(bytes))

# Generics made from base functions (quietly: setGeneric announces each one).
for (name in c("%in%", "union", "intersect", "setdiff", "setequal", "as.vector"))
  suppressMessages(setGeneric(name))
rm(name)
setMethod("length", "HashSet", function(x) x$size())
setMethod("%in%", signature(table = "HashSet"), function(x, table) table$contains_each(x))
setMethod("as.vector", "HashSet", function(x, mode = "any") {
  if (mode %in% c("any", "integer64")) x$collect() else as.vector(as.numeric(x), mode)
})
setMethod("as.numeric", "HashSet", function(x, ...) {
  values <- x$collect()
  if (any(values > 9007199254740992 | values < -9007199254740992, na.rm = TRUE) || any(bit64::is.na.integer64(values)))
    warning("HashSet elements beyond 2^53 lose precision as doubles: use bit64::as.integer64()")
  suppressWarnings(bit64::as.double.integer64(values))
})
setMethod("as.character", "HashSet", function(x, ...) x$format_elements())
# Named, so that the R package's NAMESPACE can register it too (at load time).
as.integer64.HashSet <- function(x, ...) x$collect()
registerS3method("as.integer64", "HashSet", as.integer64.HashSet, envir = asNamespace("bit64"))
setMethod("union", signature("HashSet", "ANY"), function(x, y) x$union(y))
setMethod("intersect", signature("HashSet", "ANY"), function(x, y) x$intersection(y))
setMethod("setdiff", signature("HashSet", "ANY"), function(x, y) x$difference(y))
setMethod("setequal", signature("HashSet", "ANY"), function(x, y) x$equals(y))
setMethod("close", "HashSet", function(con, ...) con$close())
%}
