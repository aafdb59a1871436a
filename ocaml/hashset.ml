(* The typed interface over SWIG's untyped module Hashset_swig: see hashset.mli. *)

open Swig

type t = Hashset_swig.c_obj

exception Closed = Hashset_swig.Closed
exception Concurrent_modification = Hashset_swig.Concurrent_modification
exception Format_error = Hashset_swig.Format_error

(* Results of the untyped layer. Its typemaps return exactly these variants;
   anything else is a bug of the binding, not of the caller. *)
let unexpected what (_ : Hashset_swig.c_obj) = failwith ("Hashset: unexpected result of " ^ what)

let to_bool what = function C_bool b -> b | v -> unexpected what v
let to_int what = function C_int n -> n | v -> unexpected what v
let to_int64 what = function C_int64 n -> n | v -> unexpected what v

let call (s : t) name arg = (invoke s) name arg

(* One argument that is itself a list must be wrapped: invoke spreads a C_list. *)
let values_array a = C_array (Array.map (fun v -> C_int64 v) a)
let values_list l = values_array (Array.of_list l)

let create () : t = Hashset_swig.new_HashSet C_void
let copy (s : t) : t = Hashset_swig.new_HashSet s

let add s v = to_bool "insert" (call s "insert" (C_int64 v))
let mem s v = to_bool "contains" (call s "contains" (C_int64 v))
let remove s v = to_bool "erase" (call s "erase" (C_int64 v))
let pop s =
  match call s "pop" C_void with
  | v -> to_int64 "pop" v
  | exception Hashset_swig.Empty _ -> raise Not_found
let cardinal s = to_int "size" (call s "size" C_void)
let length = cardinal
let is_empty s = to_bool "empty" (call s "empty" C_void)
let clear s = ignore (call s "clear" C_void)
let reserve s n = ignore (call s "reserve" (C_int n))

let add_array s a = to_int "insert_many" (call s "insert_many" (values_array a))
let add_list s l = to_int "insert_many" (call s "insert_many" (values_list l))
let remove_array s a = to_int "erase_many" (call s "erase_many" (values_array a))
let remove_list s l = to_int "erase_many" (call s "erase_many" (values_list l))

let of_array a =
  let s = create () in
  ignore (add_array s a);
  s

let of_list l = of_array (Array.of_list l)
let of_seq q = of_array (Array.of_seq q)

let elements s =
  match call s "collect" C_void with
  | C_list l -> List.map (to_int64 "collect") l
  | v -> unexpected "collect" v

let to_array s = Array.of_list (elements s)

let is_closed s =
  match cardinal s with
  | _ -> false
  | exception Closed _ -> true

(* How many times [close] ran: an iteration looks at its set again only after
   another close. *)
let closes = ref 0

(* A fail-fast C++ iterator over [set]; freed by [finish] or, failing that, by
   the GC. The C++ iterator keeps the elements and would go on after a close,
   so [has_next] raises Closed once [set] is closed. *)
type cursor = { set : t; iterator : Hashset_swig.c_obj; mutable closes_seen : int }

let start s = { set = s; iterator = Hashset_swig.new_HashSetIterator s; closes_seen = !closes }
let finish c = ignore ((invoke c.iterator) "~" C_void)

let has_next c =
  if c.closes_seen <> !closes then begin
    if is_closed c.set then raise (Closed "Hashset: the set was closed during iteration");
    c.closes_seen <- !closes
  end;
  to_bool "has_next" ((invoke c.iterator) "has_next" C_void)

let next c = to_int64 "next" ((invoke c.iterator) "next" C_void)

let iter f s =
  let it = start s in
  Fun.protect
    ~finally:(fun () -> finish it)
    (fun () ->
      while has_next it do
        f (next it)
      done)

let fold f s init =
  let acc = ref init in
  iter (fun v -> acc := f v !acc) s;
  !acc

exception Stop

let exists p s =
  try
    iter (fun v -> if p v then raise Stop) s;
    false
  with Stop -> true

let for_all p s = not (exists (fun v -> not (p v)) s)

let filter p s =
  let result = create () in
  iter (fun v -> if p v then ignore (add result v)) s;
  result

let to_seq s =
  let it = start s in
  let rec step () =
    if has_next it then Seq.Cons (next it, step)
    else (
      finish it;
      Seq.Nil)
  in
  step

let equal a b = to_bool "equals" (call a "equals" b)
let subset a b = to_bool "is_subset" (call a "is_subset" b)
let superset a b = to_bool "is_superset" (call a "is_superset" b)
let disjoint a b = to_bool "is_disjoint" (call a "is_disjoint" b)
let union a b : t = call a "union_with" b
let inter a b : t = call a "intersection_with" b
let diff a b : t = call a "difference_with" b
let sym_diff a b : t = call a "symmetric_difference_with" b
let union_update a b = ignore (call a "update" b)
let inter_update a b = ignore (call a "intersection_update" b)
let diff_update a b = ignore (call a "difference_update" b)
let sym_diff_update a b = ignore (call a "symmetric_difference_update" b)

let serialize s = match call s "serialize" C_void with C_string b -> b | v -> unexpected "serialize" v
let deserialize bytes : t = Hashset_swig._HashSet_deserialize (C_string bytes)

let close s =
  incr closes;
  ignore (call s "~" C_void)

let to_string s = "{" ^ String.concat ", " (List.map Int64.to_string (elements s)) ^ "}"
let pp ppf s = Format.pp_print_string ppf (to_string s)
let untyped s = s
