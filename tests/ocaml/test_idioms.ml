(* The OCaml binding beyond the spec, checked against OCaml's own
   Set.Make (Int64) as the oracle: the typed module Hashset (integers,
   iteration, algebra, serialization, close and the GC), and the checks of
   the untyped layer Hashset_swig (SWIG's c_obj values), where bad values can
   be expressed. *)

open OUnit2
open Swig
module Oracle = Set.Make (Int64)

let edges = [ Int64.min_int; Int64.max_int; -1L; 0L; 1L; 9007199254740991L; 9007199254740992L; 9007199254740993L; -9007199254740993L ]
let sorted l = List.sort Int64.compare l
let show l = "[" ^ String.concat "; " (List.map Int64.to_string (sorted l)) ^ "]"
let oracle_of l = Oracle.of_list l

(* The set has exactly the oracle's elements, by every way of reading it. *)
let assert_same ?(msg = "") oracle s =
  let want = Oracle.elements oracle in
  assert_equal ~msg:(msg ^ " elements") ~printer:show want (sorted (Hashset.elements s));
  assert_equal ~msg:(msg ^ " to_array") ~printer:show want (sorted (Array.to_list (Hashset.to_array s)));
  assert_equal ~msg:(msg ^ " fold") ~printer:show want (sorted (Hashset.fold (fun v acc -> v :: acc) s []));
  assert_equal ~msg:(msg ^ " to_seq") ~printer:show want (sorted (List.of_seq (Hashset.to_seq s)));
  assert_equal ~msg:(msg ^ " cardinal") ~printer:string_of_int (Oracle.cardinal oracle) (Hashset.cardinal s);
  assert_equal ~msg:(msg ^ " length") ~printer:string_of_int (Oracle.cardinal oracle) (Hashset.length s);
  assert_equal ~msg:(msg ^ " is_empty") (Oracle.is_empty oracle) (Hashset.is_empty s)

(* A random value, often an edge, often small (so that sets overlap). *)
let random_value () =
  match Random.int 4 with
  | 0 -> List.nth edges (Random.int (List.length edges))
  | 1 -> Random.int64 Int64.max_int
  | 2 -> Int64.neg (Random.int64 Int64.max_int)
  | _ -> Int64.of_int (Random.int 40 - 20)

let random_list n = List.init n (fun _ -> random_value ())

let test_integer_edges _ =
  let s = Hashset.create () in
  List.iter (fun v -> assert_bool "new" (Hashset.add s v)) edges;
  List.iter (fun v -> assert_bool "again" (not (Hashset.add s v))) edges;
  List.iter (fun v -> assert_bool (Int64.to_string v) (Hashset.mem s v)) edges;
  assert_bool "2^53+2 absent" (not (Hashset.mem s 9007199254740994L));
  assert_same (oracle_of edges) s;
  (* pop hands every element back, bit-exact, then raises Not_found. *)
  let popped = List.init (List.length edges) (fun _ -> Hashset.pop s) in
  assert_equal ~printer:show (Oracle.elements (oracle_of edges)) (sorted popped);
  assert_raises Not_found (fun () -> Hashset.pop s);
  assert_equal 0 (Hashset.cardinal s)

let test_random_operations_match_oracle _ =
  Random.init 42;
  let s = Hashset.create () in
  let oracle = ref Oracle.empty in
  for step = 1 to 3000 do
    let v = random_value () in
    (match Random.int 5 with
    | 0 | 1 ->
        assert_equal ~msg:"add" (not (Oracle.mem v !oracle)) (Hashset.add s v);
        oracle := Oracle.add v !oracle
    | 2 ->
        assert_equal ~msg:"remove" (Oracle.mem v !oracle) (Hashset.remove s v);
        oracle := Oracle.remove v !oracle
    | 3 -> assert_equal ~msg:"mem" (Oracle.mem v !oracle) (Hashset.mem s v)
    | _ -> (
        match Hashset.pop s with
        | popped ->
            assert_bool "popped an element" (Oracle.mem popped !oracle);
            oracle := Oracle.remove popped !oracle
        | exception Not_found -> assert_bool "pop on empty" (Oracle.is_empty !oracle)));
    if step mod 250 = 0 then assert_same ~msg:(Printf.sprintf "step %d" step) !oracle s
  done

let test_bulk_calls _ =
  Random.init 7;
  let s = Hashset.of_list [ 1L; 2L ] in
  let oracle = ref (oracle_of [ 1L; 2L ]) in
  for _ = 1 to 50 do
    let values = random_list (Random.int 30) in
    let fresh = Oracle.cardinal (Oracle.diff (oracle_of values) !oracle) in
    let added = if Random.bool () then Hashset.add_list s values else Hashset.add_array s (Array.of_list values) in
    assert_equal ~msg:"added" ~printer:string_of_int fresh added;
    oracle := Oracle.union !oracle (oracle_of values);
    let gone = random_list (Random.int 20) in
    let present = Oracle.cardinal (Oracle.inter (oracle_of gone) !oracle) in
    let removed = if Random.bool () then Hashset.remove_list s gone else Hashset.remove_array s (Array.of_list gone) in
    assert_equal ~msg:"removed" ~printer:string_of_int present removed;
    oracle := Oracle.diff !oracle (oracle_of gone)
  done;
  assert_same !oracle s;
  assert_equal 0 (Hashset.add_list s []);
  assert_same (oracle_of edges) (Hashset.of_array (Array.of_list edges));
  assert_same (oracle_of edges) (Hashset.of_seq (List.to_seq edges))

let test_algebra_matches_oracle _ =
  Random.init 3;
  for _ = 1 to 60 do
    let la = random_list (Random.int 25) and lb = random_list (Random.int 25) in
    let a = Hashset.of_list la and b = Hashset.of_list lb in
    let oa = oracle_of la and ob = oracle_of lb in
    assert_same ~msg:"union" (Oracle.union oa ob) (Hashset.union a b);
    assert_same ~msg:"inter" (Oracle.inter oa ob) (Hashset.inter a b);
    assert_same ~msg:"diff" (Oracle.diff oa ob) (Hashset.diff a b);
    assert_same ~msg:"sym_diff" (Oracle.union (Oracle.diff oa ob) (Oracle.diff ob oa)) (Hashset.sym_diff a b);
    assert_equal ~msg:"equal" (Oracle.equal oa ob) (Hashset.equal a b);
    assert_equal ~msg:"subset" (Oracle.subset oa ob) (Hashset.subset a b);
    assert_equal ~msg:"superset" (Oracle.subset ob oa) (Hashset.superset a b);
    assert_equal ~msg:"disjoint" (Oracle.disjoint oa ob) (Hashset.disjoint a b);
    (* The inputs are unchanged; the in-place forms change only their first set. *)
    assert_same ~msg:"a unchanged" oa a;
    assert_same ~msg:"b unchanged" ob b;
    let x = Hashset.copy a in
    Hashset.union_update x b;
    assert_same ~msg:"union_update" (Oracle.union oa ob) x;
    let x = Hashset.copy a in
    Hashset.inter_update x b;
    assert_same ~msg:"inter_update" (Oracle.inter oa ob) x;
    let x = Hashset.copy a in
    Hashset.diff_update x b;
    assert_same ~msg:"diff_update" (Oracle.diff oa ob) x;
    let x = Hashset.copy a in
    Hashset.sym_diff_update x b;
    assert_same ~msg:"sym_diff_update" (Oracle.union (Oracle.diff oa ob) (Oracle.diff ob oa)) x;
    assert_same ~msg:"b unchanged by updates" ob b
  done;
  let a = Hashset.of_list [ 1L; 2L ] in
  Hashset.sym_diff_update a a;
  assert_bool "a ^ a is empty" (Hashset.is_empty a)

let test_higher_order_functions _ =
  let l = edges @ [ 2L; 4L; 6L ] in
  let s = Hashset.of_list l and o = oracle_of l in
  let even v = Int64.rem v 2L = 0L in
  assert_same ~msg:"filter" (Oracle.filter even o) (Hashset.filter even s);
  assert_equal (Oracle.exists even o) (Hashset.exists even s);
  assert_equal (Oracle.for_all even o) (Hashset.for_all even s);
  assert_bool "exists none" (not (Hashset.exists (fun _ -> true) (Hashset.create ())));
  assert_bool "for_all vacuous" (Hashset.for_all (fun _ -> false) (Hashset.create ()));
  let seen = ref [] in
  Hashset.iter (fun v -> seen := v :: !seen) s;
  assert_equal ~printer:show (Oracle.elements o) (sorted !seen);
  let sum = Hashset.fold (fun v acc -> Int64.add v acc) s 0L in
  assert_equal ~printer:Int64.to_string (Oracle.fold Int64.add o 0L) sum;
  (* An exception from the callback propagates and frees the iterator. *)
  assert_raises (Failure "stop") (fun () -> Hashset.iter (fun _ -> failwith "stop") s);
  assert_equal "{}" (Hashset.to_string (Hashset.create ()));
  assert_equal "{-5}" (Format.asprintf "%a" Hashset.pp (Hashset.of_list [ -5L ]))

let test_iteration_detects_change _ =
  let mutations =
    [
      ("add", fun s -> ignore (Hashset.add s 1000L));
      ("remove", fun s -> ignore (Hashset.remove s 1L));
      ("clear", Hashset.clear);
      ("pop", fun s -> ignore (Hashset.pop s));
      ("add_list", fun s -> ignore (Hashset.add_list s [ 500L; 501L ]));
      ("union_update", fun s -> Hashset.union_update s (Hashset.of_list [ 77L ]));
    ]
  in
  List.iter
    (fun (name, mutate) ->
      let s = Hashset.of_list [ 1L; 2L; 3L ] in
      let expected = Hashset.copy s in
      mutate expected;
      assert_raises ~msg:("iter " ^ name) (Hashset.Concurrent_modification "HashSet changed during iteration")
        (fun () -> Hashset.iter (fun _ -> mutate s) s);
      (* The change itself happened, once; the set stays usable (pop takes
         an arbitrary element: only its count is known). *)
      if name = "pop" then assert_equal ~msg:"after pop" 2 (Hashset.cardinal s)
      else assert_bool ("after " ^ name) (Hashset.equal expected s);
      let s = Hashset.of_list [ 1L; 2L; 3L ] in
      let seq = Hashset.to_seq s in
      mutate s;
      assert_raises ~msg:("to_seq " ^ name) (Hashset.Concurrent_modification "HashSet changed during iteration")
        (fun () -> ignore (seq ())))
    mutations;
  (* Even a change after the last element is caught, by the next step. *)
  let s = Hashset.of_list [ 1L ] in
  (match Hashset.to_seq s () with
  | Seq.Cons (1L, rest) ->
      ignore (Hashset.add s 2L);
      assert_raises (Hashset.Concurrent_modification "HashSet changed during iteration") (fun () -> rest ())
  | _ -> assert_failure "expected one element");
  (* A change that leaves the contents as they were is not a change. *)
  let s = Hashset.of_list [ 1L; 2L ] in
  let count = ref 0 in
  Hashset.iter
    (fun _ ->
      incr count;
      ignore (Hashset.add s 1L))
    s;
  assert_equal 2 !count;
  (* Closing the set mid-iteration makes the next step raise Closed. *)
  let s = Hashset.of_list [ 1L; 2L; 3L ] in
  let seq = Hashset.to_seq s in
  Hashset.close s;
  assert_raises (Hashset.Closed "Hashset: the set was closed during iteration") (fun () -> List.of_seq seq);
  let s = Hashset.of_list [ 1L; 2L; 3L ] in
  assert_raises (Hashset.Closed "Hashset: the set was closed during iteration") (fun () ->
      Hashset.iter (fun _ -> Hashset.close s) s)

let test_serialization _ =
  Random.init 11;
  let l = random_list 40 in
  let a = Hashset.of_list l and b = Hashset.of_list (List.rev l) in
  let bytes = Hashset.serialize a in
  assert_equal ~msg:"equal sets give equal bytes" bytes (Hashset.serialize b);
  let back = Hashset.deserialize bytes in
  assert_bool "round trip" (Hashset.equal a back);
  assert_same (oracle_of l) back;
  let edge_bytes = Hashset.serialize (Hashset.of_list edges) in
  assert_same (oracle_of edges) (Hashset.deserialize edge_bytes);
  (* Every truncation and every flipped byte of a valid form is refused. *)
  for length = 0 to String.length edge_bytes - 1 do
    assert_raises ~msg:(Printf.sprintf "truncated to %d" length) (Hashset.Format_error "")
      (fun () ->
        try ignore (Hashset.deserialize (String.sub edge_bytes 0 length))
        with Hashset.Format_error _ -> raise (Hashset.Format_error ""))
  done;
  for i = 0 to String.length edge_bytes - 1 do
    let flipped = Bytes.of_string edge_bytes in
    Bytes.set flipped i (Char.chr (Char.code edge_bytes.[i] lxor 0x01));
    match Hashset.deserialize (Bytes.to_string flipped) with
    | _ -> assert_failure (Printf.sprintf "flipped byte %d accepted" i)
    | exception Hashset.Format_error _ -> ()
  done

let test_close_and_gc _ =
  let s = Hashset.of_list [ 1L; 2L ] in
  let other = Hashset.of_list [ 3L ] in
  assert_bool "open" (not (Hashset.is_closed s));
  Hashset.close s;
  assert_bool "closed" (Hashset.is_closed s);
  Hashset.close s;
  (* Every use of a closed set raises Closed, as receiver or as argument. *)
  let closed name f =
    match f () with
    | _ -> assert_failure (name ^ " on a closed set did not raise")
    | exception Hashset.Closed _ -> ()
  in
  closed "add" (fun () -> ignore (Hashset.add s 1L));
  closed "mem" (fun () -> ignore (Hashset.mem s 1L));
  closed "remove" (fun () -> ignore (Hashset.remove s 1L));
  closed "pop" (fun () -> ignore (Hashset.pop s));
  closed "cardinal" (fun () -> ignore (Hashset.cardinal s));
  closed "clear" (fun () -> Hashset.clear s);
  closed "reserve" (fun () -> Hashset.reserve s 10);
  closed "elements" (fun () -> ignore (Hashset.elements s));
  closed "iter" (fun () -> Hashset.iter ignore s);
  closed "add_list" (fun () -> ignore (Hashset.add_list s [ 1L ]));
  closed "serialize" (fun () -> ignore (Hashset.serialize s));
  closed "copy" (fun () -> ignore (Hashset.copy s));
  closed "union (receiver)" (fun () -> ignore (Hashset.union s other));
  closed "union (argument)" (fun () -> ignore (Hashset.union other s));
  closed "equal (argument)" (fun () -> ignore (Hashset.equal other s));
  closed "union_update (argument)" (fun () -> Hashset.union_update other s);
  assert_same (oracle_of [ 3L ]) other;
  (* Many sets left to the GC, some closed first: the finalisers free each
     once (a finaliser after close does nothing), and live sets are intact. *)
  let keep = Hashset.of_list edges in
  for i = 1 to 2000 do
    let t = Hashset.of_list [ Int64.of_int i; Int64.of_int (i + 1) ] in
    let u = Hashset.union t keep in
    if i mod 3 = 0 then Hashset.close t;
    let (_ : int64 Seq.t) = Hashset.to_seq u in
    ()
  done;
  Gc.full_major ();
  Gc.full_major ();
  assert_same (oracle_of edges) keep

let test_reserve _ =
  let s = Hashset.of_list [ 1L; 2L ] in
  Hashset.reserve s 1000;
  Hashset.reserve s 0;
  assert_same (oracle_of [ 1L; 2L ]) s;
  assert_raises ~msg:"negative" (Invalid_argument "HashSet: a count must not be negative") (fun () -> Hashset.reserve s (-1));
  (match Hashset.reserve s max_int with
  | () -> assert_failure "reserve max_int succeeded"
  | exception Invalid_argument _ -> ()
  | exception Out_of_memory -> ());
  assert_same (oracle_of [ 1L; 2L ]) s

(* ---- The untyped layer: what SWIG's defaults would coerce is refused. *)

let invoke_set s name arg = (invoke (Hashset.untyped s)) name arg

let is_invalid f =
  match f () with _ -> false | exception Invalid_argument _ -> true

let test_untyped_rejects_non_integers _ =
  let s = Hashset.of_list [ 1L; 2L ] in
  let another = Hashset.create () in
  let bad =
    [
      ("C_double 1.5", C_double 1.5);
      ("C_double 1.0", C_double 1.0);
      ("C_float 2.0", C_float 2.0);
      ("C_string", C_string "1");
      ("C_void", C_void);
      ("C_bool", C_bool true);
      ("C_char", C_char '1');
      ("C_uchar", C_uchar '1');
      ("C_uint", C_uint 1l);
      ("C_ptr", C_ptr (1L, 0L));
      ("C_array", C_array [| C_int 1 |]);
      ("a set", Hashset.untyped another);
    ]
  in
  List.iter
    (fun (name, v) ->
      List.iter
        (fun method_name ->
          assert_bool (method_name ^ " " ^ name) (is_invalid (fun () -> invoke_set s method_name v)))
        [ "insert"; "contains"; "erase" ];
      assert_bool ("insert_many list with " ^ name)
        (is_invalid (fun () -> invoke_set s "insert_many" (C_list [ C_list [ C_int 5; v ] ])));
      assert_bool ("insert_many array with " ^ name)
        (is_invalid (fun () -> invoke_set s "insert_many" (C_array [| C_int64 6L; v |])));
      assert_bool ("erase_many with " ^ name) (is_invalid (fun () -> invoke_set s "erase_many" (C_array [| C_int 1; v |]))))
    bad;
  (* Nothing was added or removed by any refused call. *)
  assert_same (oracle_of [ 1L; 2L ]) s;
  (* A bulk argument must be a list or an array. *)
  assert_bool "insert_many C_int" (is_invalid (fun () -> invoke_set s "insert_many" (C_int 3)));
  assert_bool "insert_many C_string" (is_invalid (fun () -> invoke_set s "insert_many" (C_string "abc")));
  assert_bool "reserve C_double" (is_invalid (fun () -> invoke_set s "reserve" (C_double 10.)));
  assert_bool "reserve negative" (is_invalid (fun () -> invoke_set s "reserve" (C_int (-5))));
  assert_bool "deserialize C_int" (is_invalid (fun () -> Hashset_swig._HashSet_deserialize (C_int 0)));
  assert_bool "equals C_int" (is_invalid (fun () -> invoke_set s "equals" (C_int 1)));
  assert_bool "wrong argument count" (is_invalid (fun () -> invoke_set s "insert" (C_list [ C_int 1; C_int 2 ])));
  assert_same (oracle_of [ 1L; 2L ]) s

let test_untyped_accepts_exact_integers _ =
  let s = Hashset.create () in
  let accepted = [ C_int 5; C_int (-7); C_int32 Int32.min_int; C_int64 Int64.min_int; C_int64 Int64.max_int; C_short 12; C_ushort 65535 ] in
  List.iter (fun v -> assert_equal ~msg:"insert" (C_bool true) (invoke_set s "insert" v)) accepted;
  assert_same (oracle_of [ 5L; -7L; Int64.of_int32 Int32.min_int; Int64.min_int; Int64.max_int; 12L; 65535L ]) s;
  (* OCaml's 63-bit int is read exactly. *)
  assert_equal (C_bool true) (invoke_set s "insert" (C_int max_int));
  assert_equal (C_bool true) (invoke_set s "contains" (C_int64 (Int64.of_int max_int)));
  (* Results are exact variants: C_int64 elements, C_int counts, a C_list. *)
  (match invoke_set s "collect" C_void with
  | C_list l -> assert_bool "C_int64 elements" (List.for_all (function C_int64 _ -> true | _ -> false) l)
  | _ -> assert_failure "collect is not a C_list");
  assert_equal (C_int 8) (invoke_set s "size" C_void);
  assert_equal (C_int 2) (invoke_set s "insert_many" (C_list [ C_list [ C_int 100; C_int64 101L; C_int 5 ] ]));
  assert_equal (C_int 1) (invoke_set s "erase_many" (C_array [| C_int 100; C_int 999 |]))

let test_untyped_objects _ =
  (* A forged or stale handle raises, never touches memory. *)
  let forged = Hashset_swig.create_hashset_xxHashSet_from_ptr (C_ptr (123456789L, 0L)) in
  assert_bool "forged pointer" (is_invalid (fun () -> (invoke forged) "size" C_void));
  let s = Hashset.of_list [ 1L ] in
  let raw = (invoke (Hashset.untyped s)) "&" C_void in
  Hashset.close s;
  (match (invoke (Hashset_swig.create_hashset_xxHashSet_from_ptr raw)) "size" C_void with
  | _ -> assert_failure "a stale handle was accepted"
  | exception Hashset.Closed _ -> ());
  (* An iterator is not a set. *)
  let live = Hashset.of_list [ 1L ] in
  let iterator = Hashset_swig.new_HashSetIterator (Hashset.untyped live) in
  assert_bool "iterator as set" (is_invalid (fun () -> invoke_set live "equals" iterator));
  ignore ((invoke iterator) "~" C_void);
  ignore ((invoke iterator) "~" C_void);
  assert_raises ~msg:"closed iterator" (Hashset.Closed "HashSet: the set is closed (or was never created)")
    (fun () -> (invoke iterator) "next" C_void);
  (* The untyped pop on an empty set raises Hashset_swig.Empty (invoke turns
     Not_found into a missing method); the typed pop raises Not_found. *)
  let empty = Hashset.create () in
  (match invoke_set empty "pop" C_void with
  | _ -> assert_failure "pop on empty"
  | exception Hashset_swig.Empty _ -> ());
  assert_raises Not_found (fun () -> Hashset.pop empty)

(* A sequence of a set referenced by nothing else, one element taken, a full
   major collection (the set's proxy is unreachable), then the rest. *)
let test_dropping_the_set_mid_iteration _ =
  let values = List.init 1000 (fun i -> Int64.of_int ((i * 7919) - 3000)) in
  let seq = (fun () -> Hashset.to_seq (Hashset.of_list values)) () in
  let first, rest =
    match seq () with Seq.Cons (first, rest) -> (first, rest) | Seq.Nil -> assert_failure "an empty sequence"
  in
  let remaining = Oracle.remove first (oracle_of values) in
  assert_bool "the first element is one of the set" (Oracle.mem first (oracle_of values));
  Gc.full_major ();
  Gc.full_major ();
  let seen = List.of_seq rest in
  assert_equal ~msg:"each remaining element once" ~printer:string_of_int (Oracle.cardinal remaining) (List.length seen);
  assert_equal ~printer:show (Oracle.elements remaining) (sorted seen)

(* The child of test_process_exit_with_live_sets (this program run again
   with exit_child_variable set): it leaves live sets, sequences mid-way, a
   closed set and a cycle, and exits. *)
let exit_child_variable = "HASHSET_OCAML_EXIT_CHILD"

type node = { set : Hashset.t; mutable next : node option }

let live_at_exit = ref []

let leave_live_sets_and_exit () =
  for i = 0 to 49 do
    let s = Hashset.of_list (List.init (i * 100) Int64.of_int) in
    let rest = match Hashset.to_seq s () with Seq.Cons (_, rest) -> rest | Seq.Nil -> Seq.empty in
    live_at_exit := Obj.repr (s, rest) :: !live_at_exit
  done;
  let large = Hashset.create () in
  ignore (Hashset.add_array large (Array.init 1_000_000 Int64.of_int));
  live_at_exit := Obj.repr (Hashset.to_seq large ()) :: !live_at_exit;
  let closed = Hashset.of_list [ 1L; 2L; 3L ] in
  live_at_exit := Obj.repr (Hashset.to_seq closed) :: !live_at_exit;
  Hashset.close closed;
  let cycle = { set = Hashset.of_list [ 7L ]; next = None } in
  cycle.next <- Some cycle;
  live_at_exit := Obj.repr cycle :: !live_at_exit;
  print_endline "live sets left at exit";
  exit 0

let read_all channel =
  let buffer = Buffer.create 64 in
  (try
     while true do
       Buffer.add_channel buffer channel 1
     done
   with End_of_file -> ());
  Buffer.contents buffer

let test_process_exit_with_live_sets _ =
  let environment = Array.append [| exit_child_variable ^ "=1" |] (Unix.environment ()) in
  let stdout, stdin, stderr =
    Unix.open_process_args_full Sys.executable_name [| Sys.executable_name |] environment
  in
  close_out stdin;
  let output = read_all stdout in
  let errors = read_all stderr in
  let status = Unix.close_process_full (stdout, stdin, stderr) in
  assert_equal ~printer:Fun.id "" errors;
  assert_equal ~msg:"exit status 0" (Unix.WEXITED 0) status;
  assert_equal ~printer:Fun.id "live sets left at exit\n" output

let () =
  if Sys.getenv_opt exit_child_variable = Some "1" then leave_live_sets_and_exit ();
  run_test_tt_main
    ("idioms"
    >::: [
           "integer_edges" >:: test_integer_edges;
           "random_operations_match_oracle" >:: test_random_operations_match_oracle;
           "bulk_calls" >:: test_bulk_calls;
           "algebra_matches_oracle" >:: test_algebra_matches_oracle;
           "higher_order_functions" >:: test_higher_order_functions;
           "iteration_detects_change" >:: test_iteration_detects_change;
           "serialization" >:: test_serialization;
           "close_and_gc" >:: test_close_and_gc;
           "reserve" >:: test_reserve;
           "untyped_rejects_non_integers" >:: test_untyped_rejects_non_integers;
           "untyped_accepts_exact_integers" >:: test_untyped_accepts_exact_integers;
           "untyped_objects" >:: test_untyped_objects;
           "dropping_the_set_mid_iteration" >:: test_dropping_the_set_mid_iteration;
           "process_exit_with_live_sets" >:: test_process_exit_with_live_sets;
         ])
