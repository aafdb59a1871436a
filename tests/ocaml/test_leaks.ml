(* Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
   cycles, half the sets closed and half left to the garbage collector, with
   the error paths taken; resident memory must stay flat.
   HASHSET_LONG=1 selects the long profile. *)

open OUnit2
open Swig

let long = Sys.getenv_opt "HASHSET_LONG" = Some "1"
let bad_bytes = "\001\002\003"

let rss_bytes () =
  let statm = open_in "/proc/self/statm" in
  let resident = Fun.protect ~finally:(fun () -> close_in statm) (fun () -> Scanf.sscanf (input_line statm) "%_d %d" Fun.id) in
  resident * 4096

(* Fails the cycle unless [f] raises an exception [expected] accepts. *)
let expect_raise name expected f =
  match f () with
  | _ -> failwith (name ^ ": no exception")
  | exception e when expected e -> ()

(* One cycle: sets built every way, iterated fully, partly and past a change,
   every error path taken; the sets of odd cycles and the partial iterator are
   left to the GC. *)
let cycle i =
  let v k = Int64.of_int (i + k) in
  let set = Hashset.of_list [ v 0; v 1; v 2; v 3 ] in
  ignore (Hashset.add_list set [ Int64.of_int (-i); Int64.of_int (i mod 64); Int64.of_int (i mod 64) ]);
  let visited = Hashset.fold (fun _ n -> n + 1) set 0 in
  let copy = Hashset.copy set in
  Hashset.union_update copy set;
  let union = Hashset.union set (Hashset.of_list [ v 100 ]) in
  let restored = Hashset.deserialize (Hashset.serialize union) in
  if not (Hashset.equal copy set && Hashset.equal restored union && visited = Hashset.cardinal set) then failwith (Printf.sprintf "cycle %d" i);
  ignore (Hashset.to_seq restored ()) (* a partial iteration, never finished *);
  (match Hashset.to_seq copy () with
  | Seq.Nil -> failwith "an empty copy"
  | Seq.Cons (_, rest) ->
      ignore (Hashset.add copy (v 200));
      expect_raise "a step after a change" (function Hashset.Concurrent_modification _ -> true | _ -> false) rest);
  (* Bad values can only reach the untyped layer. *)
  expect_raise "insert 1.5" (function Invalid_argument _ -> true | _ -> false) (fun () ->
      (invoke (Hashset.untyped set)) "insert" (C_double 1.5));
  expect_raise "bad bytes" (function Hashset.Format_error _ -> true | _ -> false) (fun () -> Hashset.deserialize bad_bytes);
  let empty = Hashset.create () in
  expect_raise "pop of an empty set" (( = ) Not_found) (fun () -> Hashset.pop empty);
  Hashset.close empty;
  expect_raise "pop of a closed set" (function Hashset.Closed _ -> true | _ -> false) (fun () -> Hashset.pop empty);
  if i mod 2 = 0 then List.iter Hashset.close [ set; copy; union; restored ]

let test_cycles_keep_memory_flat _ =
  (* One leaked set per cycle (of six) would cost about 10 MiB even in the
     short profile. *)
  let bound = 8 lsl 20 in
  let warm_up, cycles = if long then (100_000, 1_000_000) else (10_000, 50_000) in
  for i = 1 to warm_up do
    cycle i
  done;
  Gc.full_major ();
  let before = rss_bytes () in
  let began = Unix.gettimeofday () in
  let checkpoints = ref [] in
  for i = 1 to cycles do
    cycle i;
    if i mod (cycles / 5) = 0 then checkpoints := ((rss_bytes () - before) / 1024) :: !checkpoints
  done;
  Gc.full_major ();
  let growth = rss_bytes () - before in
  Printf.printf "leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s)\n%!" cycles
    (Unix.gettimeofday () -. began) (growth / 1024)
    (String.concat " " (List.rev_map string_of_int !checkpoints));
  assert_bool (Printf.sprintf "resident memory grew by %d KiB" (growth / 1024)) (growth < bound)

let () = run_test_tt_main ("leaks" >::: [ "cycles_keep_memory_flat" >:: test_cycles_keep_memory_flat ])
