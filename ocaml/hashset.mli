(** Mutable sets of [int64] over the C++ [hashset::HashSet] (abseil's
    SwissTable), with a typed interface over SWIG's untyped [Hashset_swig].

    Elements are exact 64-bit integers: every [int64] round-trips bit for bit.
    The order of {!elements}, {!to_array}, {!iter} and {!fold} is unspecified
    (as for [Hashtbl]) and may change after any mutation.

    Memory: a set's native memory is freed by the GC's finaliser, or at once
    by {!close}; any use of a closed set raises {!Closed}.

    Iteration ({!iter}, {!fold}, {!to_seq}, ...) is fail-fast: if the set
    changes meanwhile, the next step raises {!Concurrent_modification}, and
    if it is closed meanwhile, {!Closed}. *)

type t

exception Closed of string
(** Raised by any operation on a closed set. *)

exception Concurrent_modification of string
(** Raised by an iteration step after the set changed. *)

exception Format_error of string
(** Raised by {!deserialize} for bytes that are not a serialized set. *)

(** {1 Creating} *)

val create : unit -> t
val of_list : int64 list -> t
val of_array : int64 array -> t
val of_seq : int64 Seq.t -> t
val copy : t -> t
(** A new set with the same elements. *)

(** {1 Elements} *)

val add : t -> int64 -> bool
(** [add s v] adds [v]; [true] when it was not yet an element. *)

val mem : t -> int64 -> bool
val remove : t -> int64 -> bool
(** [remove s v] removes [v]; [true] when it was an element. *)

val pop : t -> int64
(** Removes and returns an arbitrary element; raises [Not_found] when empty. *)

val cardinal : t -> int
val length : t -> int
(** Same as {!cardinal}. *)

val is_empty : t -> bool
val clear : t -> unit

val reserve : t -> int -> unit
(** Makes room for that many elements; [Invalid_argument] for a negative or
    impossible count, [Out_of_memory] when memory runs out. *)

val add_list : t -> int64 list -> int
(** Adds every value; returns how many were new. *)

val add_array : t -> int64 array -> int
val remove_list : t -> int64 list -> int
(** Removes every value; returns how many were elements. *)

val remove_array : t -> int64 array -> int

(** {1 Reading and iterating} *)

val elements : t -> int64 list
(** The elements, in unspecified order. *)

val to_array : t -> int64 array
val iter : (int64 -> unit) -> t -> unit
val fold : (int64 -> 'a -> 'a) -> t -> 'a -> 'a
val for_all : (int64 -> bool) -> t -> bool
val exists : (int64 -> bool) -> t -> bool
val filter : (int64 -> bool) -> t -> t
(** A new set of the elements satisfying the predicate. *)

val to_seq : t -> int64 Seq.t
(** A fail-fast sequence: a step after the set changed raises
    {!Concurrent_modification}, a step after it was closed {!Closed}. *)

(** {1 Comparing} *)

val equal : t -> t -> bool
val subset : t -> t -> bool
(** [subset a b] is true when every element of [a] is in [b]. *)

val superset : t -> t -> bool
val disjoint : t -> t -> bool

(** {1 Set algebra} *)

val union : t -> t -> t
val inter : t -> t -> t
val diff : t -> t -> t
(** [diff a b]: the elements of [a] not in [b]. *)

val sym_diff : t -> t -> t

val union_update : t -> t -> unit
(** [union_update a b] adds the elements of [b] to [a]. *)

val inter_update : t -> t -> unit
val diff_update : t -> t -> unit
val sym_diff_update : t -> t -> unit

(** {1 Serialization} *)

val serialize : t -> string
(** The portable binary form (docs/serialization.md): equal sets give equal
    strings. *)

val deserialize : string -> t
(** Raises {!Format_error} for any string [serialize] did not produce. *)

(** {1 Lifetime} *)

val close : t -> unit
(** Frees the native set now; closing twice is harmless. *)

val is_closed : t -> bool

(** {1 Printing and the untyped layer} *)

val to_string : t -> string
(** ["{1, 2, 3}"], elements in unspecified order. *)

val pp : Format.formatter -> t -> unit

val untyped : t -> Hashset_swig.c_obj
(** The SWIG object underneath ([Swig.invoke] it with c_obj arguments). *)
