// OCaml: what follows the API. The untyped module is Hashset_swig (SWIG's
// c_obj objects: `invoke s "insert" (C_int64 5L)`); the typed module
// Hashset (ocaml/hashset.ml) is what OCaml code normally uses.

%extend hashset::HashSet {
  // The new sets are pointers made after every argument was checked.
  hashset::HashSet* union_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->union_with(other));
  }
  hashset::HashSet* intersection_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->intersection_with(other));
  }
  hashset::HashSet* difference_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->difference_with(other));
  }
  hashset::HashSet* symmetric_difference_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->symmetric_difference_with(other));
  }
  /// Reads a set written by serialize() from a C_string; raises
  /// Hashset_swig.Format_error for any other bytes.
  static hashset::HashSet* deserialize_bytes(const std::uint8_t* data, std::size_t size) {
    return new hashset::HashSet(hashset::HashSet::deserialize(data, size));
  }
}

// The module's exceptions, registered for the C++ side to raise.
%insert(mlitail) %{
(** Raised by any use of a set after it was closed. *)
exception Closed of string
(** Raised by an iteration step after the set changed. *)
exception Concurrent_modification of string
(** Raised by deserialize for bytes that are not a serialized set. *)
exception Format_error of string
(** Raised by pop on an empty set, and by an iterator's next past the end. *)
exception Empty of string
%}
%insert(mltail) %{
exception Closed of string
exception Concurrent_modification of string
exception Format_error of string
exception Empty of string
let () =
  Callback.register_exception "hashset_swig.Empty" (Empty "");
  Callback.register_exception "hashset_swig.Closed" (Closed "");
  Callback.register_exception "hashset_swig.Concurrent_modification" (Concurrent_modification "");
  Callback.register_exception "hashset_swig.Format_error" (Format_error "")
%}
