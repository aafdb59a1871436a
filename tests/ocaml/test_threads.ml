(* Threads (docs/threads.md): OCaml 4's runtime lock is held for every call
   (SWIG's wrappers never release it), so calls from systhreads are
   serialised; an iteration that another thread disturbs raises
   Hashset.Concurrent_modification. 8 threads share one set, each checked
   against its own model; the final contents must be exact. Thread.yield
   forces switches between calls, since the runtime switches threads only
   every 50 ms by itself. HASHSET_LONG=1 selects the long profile
   (8 x 100,000 operations). *)

open OUnit2

module Model = Set.Make (Int64)

let long = Sys.getenv_opt "HASHSET_LONG" = Some "1"
let threads = 8
let ops = if long then 100_000 else 2_000
let span = Int64.shift_left 1L 40 (* thread t owns keys [t * span, t * span + 4096) *)
let deadline = if long then 1200. else 120.

(* Runs [body t] in [count] threads and returns their results in order. A
   thread's exception is raised again here; a thread still running after the
   deadline ends the process (a deadlock must fail, not hang the test). *)
let in_threads count body =
  let results = Array.make count None in
  let finished = Atomic.make 0 in
  let run t =
    results.(t) <- Some (match body t with r -> Ok r | exception e -> Error e);
    Atomic.incr finished
  in
  let workers = List.init count (Thread.create run) in
  let started = Unix.gettimeofday () in
  let watchdog () =
    while Atomic.get finished < count do
      if Unix.gettimeofday () -. started > deadline then begin
        prerr_endline "deadlock: a thread did not finish";
        Unix._exit 3
      end;
      Thread.delay 0.05
    done
  in
  let guard = Thread.create watchdog () in
  List.iter Thread.join workers;
  Thread.join guard;
  Array.to_list results
  |> List.map (function Some (Ok r) -> r | Some (Error e) -> raise e | None -> assert false)

let check what condition = if not condition then failwith what

let raises_only accepted f = match f () with () -> () | exception e when accepted e -> ()

let test_mixed_operations_keep_exact_contents _ =
  let shared = Hashset.create () in
  let began = Unix.gettimeofday () in
  let worker t =
    let random = Random.State.make [| 1000 + t |] in
    let base = Int64.mul (Int64.of_int t) span in
    let key () = Int64.add base (Int64.of_int (Random.State.int random 4096)) in
    let model = ref Model.empty in
    let completed = ref 0 and interrupted = ref 0 in
    for i = 1 to ops do
      if Random.State.int random 4 = 0 then Thread.yield ();
      let k = key () in
      match Random.State.int random 12 with
      | 0 | 1 | 2 ->
          check "add" (Hashset.add shared k = not (Model.mem k !model));
          model := Model.add k !model
      | 3 | 4 ->
          check "remove" (Hashset.remove shared k = Model.mem k !model);
          model := Model.remove k !model
      | 5 -> check "mem" (Hashset.mem shared k = Model.mem k !model)
      | 6 | 7 ->
          let keys = List.init (1 + Random.State.int random 16) (fun _ -> key ()) in
          let distinct = Model.of_list keys in
          if i mod 2 = 0 then begin
            check "add_list" (Hashset.add_list shared keys = Model.cardinal (Model.diff distinct !model));
            model := Model.union !model distinct
          end
          else begin
            check "remove_array" (Hashset.remove_array shared (Array.of_list keys) = Model.cardinal (Model.inter distinct !model));
            model := Model.diff !model distinct
          end
      | 8 ->
          (* Two-set calls with a private set, and a bad bulk call that must change nothing. *)
          let mine = Hashset.of_list [ k; Int64.succ k ] in
          Hashset.union_update shared mine;
          model := Model.add k (Model.add (Int64.succ k) !model);
          check "own keys missing" (Hashset.subset mine shared && Hashset.superset shared mine);
          Hashset.close mine;
          let fresh = key () in
          if not (Model.mem fresh !model) then begin
            raises_only
              (function Invalid_argument _ -> true | _ -> false)
              (fun () -> ignore ((Swig.invoke (Hashset.untyped shared)) "insert_many" (Swig.C_list [ Swig.C_int64 fresh; Swig.C_double 1.5 ])));
            check "a refused bulk call changed the set" (not (Hashset.mem shared fresh))
          end
      | 9 ->
          ignore (Hashset.mem shared (Int64.add (Int64.mul (Int64.of_int (Random.State.int random threads)) span) k));
          check "size below the model" (Hashset.cardinal shared >= Model.cardinal !model)
      | 10 ->
          if Random.State.int random 8 = 0 then
            check "snapshot misses own keys" (Model.subset !model (Model.of_list (Hashset.elements shared)))
      | _ ->
          if Random.State.int random 8 = 0 then begin
            (* Half the iterations let other threads run once, mid-way. *)
            let yield_at = if Random.State.bool random then Random.State.int random (Hashset.cardinal shared + 1) else -1 in
            let step = ref 0 in
            match Hashset.iter (fun _ -> if !step = yield_at then Thread.yield (); incr step) shared with
            | () -> incr completed
            | exception Hashset.Concurrent_modification _ -> incr interrupted
          end
    done;
    (!model, !completed, !interrupted)
  in
  let results = in_threads threads worker in
  let expected = List.fold_left (fun all (model, _, _) -> Model.union all model) Model.empty results in
  assert_equal ~printer:string_of_int (Model.cardinal expected) (Hashset.cardinal shared);
  check "final contents differ from the union of the models"
    (List.sort compare (Hashset.elements shared) = Model.elements expected);
  let completed = List.fold_left (fun n (_, c, _) -> n + c) 0 results in
  let interrupted = List.fold_left (fun n (_, _, i) -> n + i) 0 results in
  Printf.printf "threads: %d x %d ops in %.1f s; iterations completed %d, interrupted by Concurrent_modification %d\n%!"
    threads ops (Unix.gettimeofday () -. began) completed interrupted

let test_iteration_while_another_thread_mutates_raises _ =
  let set = Hashset.of_list [ 1L; 2L; 3L ] in
  let rest = match Hashset.to_seq set () with Seq.Cons (_, rest) -> rest | Seq.Nil -> assert_failure "empty" in
  ignore (in_threads 1 (fun _ -> Hashset.add set 4L));
  assert_raises (Hashset.Concurrent_modification "HashSet changed during iteration") (fun () -> rest ());
  let busy = Hashset.of_list (List.init 1000 Int64.of_int) in
  let stop = Atomic.make false in
  let writer () =
    let i = ref 1000L in
    while not (Atomic.get stop) do
      ignore (Hashset.add busy !i);
      ignore (Hashset.remove busy (Int64.sub !i 1000L));
      i := Int64.succ !i;
      Thread.yield ()
    done
  in
  let failures = ref 0 and rounds = ref 0 in
  let reader () =
    while !failures < 5 && !rounds < 200 do
      incr rounds;
      match Hashset.iter (fun _ -> Thread.yield ()) busy with
      | () -> ()
      | exception Hashset.Concurrent_modification _ -> incr failures
    done;
    Atomic.set stop true
  in
  ignore (in_threads 2 (fun t -> if t = 0 then writer () else reader ()));
  assert_bool "an iteration under a busy writer must raise" (!failures > 0)

let test_crossed_updates_do_not_deadlock _ =
  let a = Hashset.of_list (List.init 100 Int64.of_int) in
  let b = Hashset.of_list (List.init 100 (fun i -> Int64.of_int (1000 + i))) in
  let rounds = if long then 100_000 else 5_000 in
  ignore
    (in_threads 2 (fun t ->
         for i = 1 to rounds do
           if i mod 4 = 0 then Thread.yield ();
           if t = 0 then Hashset.union_update a b else Hashset.union_update b a
         done));
  assert_equal ~printer:string_of_int 200 (Hashset.cardinal a);
  assert_bool "a and b must hold the same elements" (Hashset.equal a b)

let test_close_racing_with_calls_never_crashes _ =
  for _ = 1 to if long then 2000 else 20 do
    let set = Hashset.of_list [ 1L; 2L; 3L; 4L; 5L ] in
    let other = Hashset.of_list [ 9L ] in
    let call random i =
      let i = Int64.of_int i in
      match Random.State.int random 6 with
      | 0 -> ignore (Hashset.add set i)
      | 1 -> ignore (Hashset.mem set i)
      | 2 -> ignore (Hashset.elements set)
      | 3 -> Hashset.union_update set other
      | 4 -> Hashset.union_update other set
      | _ -> Hashset.iter (fun _ -> Thread.yield ()) set
    in
    ignore
      (in_threads 4 (fun t ->
           let random = Random.State.make [| t |] in
           if t = 0 then begin
             while Random.State.int random 8 <> 0 do
               Thread.yield ()
             done;
             Hashset.close set;
             Hashset.close set
           end
           else
             for i = 1 to 200 do
               if Random.State.int random 4 = 0 then Thread.yield ();
               (* Closed, or changed by another thread: both are the contract. *)
               raises_only
                 (function Hashset.Closed _ | Hashset.Concurrent_modification _ -> true | _ -> false)
                 (fun () -> call random i)
             done));
    assert_bool "closed" (Hashset.is_closed set);
    assert_raises (Hashset.Closed "HashSet: the set is closed (or was never created)") (fun () -> Hashset.add set 1L);
    Hashset.close other
  done

let () =
  run_test_tt_main
    ("threads"
    >::: [
           "mixed operations keep exact contents" >:: test_mixed_operations_keep_exact_contents;
           "iteration while another thread mutates raises" >:: test_iteration_while_another_thread_mutates_raises;
           "crossed updates do not deadlock" >:: test_crossed_updates_do_not_deadlock;
           "close racing with calls never crashes" >:: test_close_racing_with_calls_never_crashes;
         ])
