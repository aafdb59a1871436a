(* Replays the language-neutral spec (tests/conformance/spec.txt, path in
   $HASHSET_SPEC) on the OCaml binding, one OUnit2 test per spec case.

   Good values go through the typed module Hashset. The typed API cannot even
   express a float, a string or a null where an int64 is expected, so those
   statements are replayed through the untyped layer (Hashset_swig's c_obj:
   C_double, C_string, C_void), which must raise Invalid_argument. OCaml has
   no integer beyond int64: statements with a big:N value are not applicable;
   they are counted and reported. *)

open OUnit2
open Swig

let spec_path =
  match Sys.getenv_opt "HASHSET_SPEC" with
  | Some path -> path
  | None -> failwith "HASHSET_SPEC is not set (the path of tests/conformance/spec.txt)"

(* A token of the spec, or a list of them. *)
type arg = Word of string | List of arg list

type statement = { line : int; op : string; target : string; args : arg list; expected : arg option }

let rec parse_args = function
  | [] -> ([], [])
  | "]" :: rest -> ([], rest)
  | "[" :: rest ->
      let inner, rest = parse_args rest in
      let others, rest = parse_args rest in
      (List inner :: others, rest)
  | word :: rest ->
      let others, rest = parse_args rest in
      (Word word :: others, rest)

let words line = String.split_on_char ' ' line |> List.filter (fun w -> w <> "")

let read_cases () =
  let input = open_in spec_path in
  let cases = ref [] in
  let number = ref 0 in
  (try
     while true do
       let raw = input_line input in
       incr number;
       let line = String.trim raw in
       if line = "" || line.[0] = '#' then ()
       else
         match words line with
         | [ "case"; name ] -> cases := (name, ref []) :: !cases
         | op :: target :: rest -> (
             let before, after =
               let rec split acc = function
                 | "->" :: tail -> (List.rev acc, Some tail)
                 | w :: tail -> split (w :: acc) tail
                 | [] -> (List.rev acc, None)
               in
               split [] rest
             in
             let args, _ = parse_args before in
             let expected =
               match after with
               | None -> None
               | Some tail -> (
                   match fst (parse_args tail) with
                   | [ e ] -> Some e
                   | _ -> failwith (Printf.sprintf "spec line %d: bad expected result" !number))
             in
             match !cases with
             | (_, statements) :: _ ->
                 statements := { line = !number; op; target; args; expected } :: !statements
             | [] -> failwith (Printf.sprintf "spec line %d: statement before any case" !number))
         | _ -> failwith (Printf.sprintf "spec line %d: cannot parse %S" !number line)
     done
   with End_of_file -> close_in input);
  List.rev_map (fun (name, statements) -> (name, List.rev !statements)) !cases

(* Counters for the final report. *)
let statements_run = ref 0
let statements_untyped = ref 0
let statements_not_applicable = ref 0

exception Not_applicable

(* A value token: Some v for an int64; the untyped c_obj for a bad value. *)
type value = Good of int64 | Bad of Hashset_swig.c_obj

let value_of = function
  | Word "null" -> Bad C_void
  | Word w -> (
      match String.index_opt w ':' with
      | None -> Good (Int64.of_string w)
      | Some i -> (
          let kind = String.sub w 0 i and text = String.sub w (i + 1) (String.length w - i - 1) in
          match kind with
          | "big" -> raise Not_applicable
          | "float" -> Bad (C_double (float_of_string text))
          | "str" -> Bad (C_string text)
          | _ -> failwith ("unexpected value token " ^ w)))
  | List _ -> failwith "expected a value, got a list"

let values_of = function
  | List items -> List.map value_of items
  | Word w -> failwith ("expected a list, got " ^ w)

let c_obj_of = function Good v -> C_int64 v | Bad c -> c
let is_good = function Good _ -> true | Bad _ -> false
let goods values = List.map (function Good v -> v | Bad _ -> assert false) values

let bytes_of_hex text =
  if String.length text mod 2 <> 0 then failwith "odd hex length";
  String.init (String.length text / 2) (fun i -> Char.chr (int_of_string ("0x" ^ String.sub text (2 * i) 2)))

let hex_of_bytes bytes =
  String.concat "" (List.init (String.length bytes) (fun i -> Printf.sprintf "%02x" (Char.code bytes.[i])))

let hex_arg = function
  | Word w when String.length w >= 4 && String.sub w 0 4 = "hex:" -> bytes_of_hex (String.sub w 4 (String.length w - 4))
  | _ -> failwith "expected hex:..."

(* What a statement produced, to compare with its expected result. *)
type outcome = Unit | Bool of bool | Int of int | Int64 of int64 | Values of int64 list | Bytes of string

let sorted l = List.sort compare l

let describe = function
  | Unit -> "()"
  | Bool b -> string_of_bool b
  | Int n -> string_of_int n
  | Int64 v -> Int64.to_string v
  | Values l -> "[ " ^ String.concat " " (List.map Int64.to_string (sorted l)) ^ " ]"
  | Bytes b -> "hex:" ^ hex_of_bytes b

(* The exception the spec's error:KIND means in OCaml. *)
let matches_error kind exn =
  match (kind, exn) with
  | "type", Invalid_argument _ -> true
  | "empty", Not_found -> true
  | "concurrent", Hashset.Concurrent_modification _ -> true
  | "format", Hashset.Format_error _ -> true
  | "closed", Hashset.Closed _ -> true
  | _ -> false

let check_result st outcome =
  let where = Printf.sprintf "spec line %d (%s)" st.line st.op in
  match (st.expected, outcome) with
  | None, _ -> ()
  | Some (Word "true"), Bool b -> assert_bool (where ^ ": expected true") b
  | Some (Word "false"), Bool b -> assert_bool (where ^ ": expected false") (not b)
  | Some (List items), Values got ->
      let want = List.map (function Word w -> Int64.of_string w | List _ -> assert false) items in
      assert_equal ~msg:where ~printer:(fun l -> describe (Values l)) (sorted want) (sorted got)
  | Some (Word w), Bytes got when String.length w > 4 && String.sub w 0 4 = "hex:" ->
      assert_equal ~msg:where ~printer:(fun s -> s) w ("hex:" ^ hex_of_bytes got)
  | Some (Word w), Int n -> assert_equal ~msg:where ~printer:string_of_int (int_of_string w) n
  | Some (Word w), Int64 v -> assert_equal ~msg:where ~printer:Int64.to_string (Int64.of_string w) v
  | Some e, got ->
      assert_failure
        (Printf.sprintf "%s: expected %s, got %s" where
           (match e with Word w -> w | List _ -> "a list")
           (describe got))

let run_statement sets st =
  let set name =
    match Hashtbl.find_opt sets name with
    | Some s -> s
    | None -> failwith (Printf.sprintf "spec line %d: unknown set %s" st.line name)
  in
  let s () = set st.target in
  let other () = match st.args with Word name :: _ -> set name | _ -> failwith "expected a set name" in
  let value () = match st.args with [ a ] -> value_of a | _ -> failwith "expected one value" in
  let untyped = ref false in
  (* One value: typed for an int64, untyped (must raise) for a bad value. *)
  let with_value typed method_name =
    match value () with
    | Good v -> typed (s ()) v
    | Bad c ->
        untyped := true;
        ignore ((invoke (Hashset.untyped (s ()))) method_name c);
        Unit
  in
  let with_values typed method_name =
    let values = match st.args with [ a ] -> values_of a | _ -> failwith "expected a list" in
    if List.for_all is_good values then Int (typed (s ()) (goods values))
    else begin
      untyped := true;
      (* One argument that is a list: invoke spreads a bare C_list. *)
      ignore ((invoke (Hashset.untyped (s ()))) method_name (C_list [ C_list (List.map c_obj_of values) ]));
      Unit
    end
  in
  let run () =
    match st.op with
    | "new" ->
        let created =
          match st.args with
          | [] -> Hashset.create ()
          | [ items ] -> Hashset.of_list (goods (values_of items))
          | _ -> failwith "new takes at most one list"
        in
        Hashtbl.replace sets st.target created;
        Unit
    | "insert" -> with_value (fun s v -> Bool (Hashset.add s v)) "insert"
    | "contains" -> with_value (fun s v -> Bool (Hashset.mem s v)) "contains"
    | "erase" -> with_value (fun s v -> Bool (Hashset.remove s v)) "erase"
    | "size" -> Int (Hashset.cardinal (s ()))
    | "empty" -> Bool (Hashset.is_empty (s ()))
    | "clear" ->
        Hashset.clear (s ());
        Unit
    | "reserve" -> (
        match value () with
        | Good n ->
            Hashset.reserve (s ()) (Int64.to_int n);
            Unit
        | Bad _ -> failwith "reserve takes a count")
    | "pop" -> Int64 (Hashset.pop (s ()))
    | "collect" -> Values (Hashset.elements (s ()))
    | "iterate" -> Values (List.rev (Hashset.fold (fun v acc -> v :: acc) (s ()) []))
    | "iterate_then_insert" -> (
        let v = match value () with Good v -> v | Bad _ -> failwith "iterate_then_insert takes an int64" in
        match Hashset.to_seq (s ()) () with
        | Seq.Nil -> failwith "iterate_then_insert needs a non-empty set"
        | Seq.Cons (_, rest) ->
            ignore (Hashset.add (s ()) v);
            ignore (rest ());
            Unit)
    | "iterate_then_close" -> (
        match Hashset.to_seq (s ()) () with
        | Seq.Nil -> failwith "iterate_then_close needs a non-empty set"
        | Seq.Cons (_, rest) ->
            Hashset.close (s ());
            ignore (rest ());
            Unit)
    | "close" ->
        Hashset.close (s ());
        Unit
    | "insert_many" -> with_values Hashset.add_list "insert_many"
    | "erase_many" -> with_values Hashset.remove_list "erase_many"
    | "copy" -> (
        match st.args with
        | [ Word name ] ->
            Hashtbl.replace sets name (Hashset.copy (s ()));
            Unit
        | _ -> failwith "copy takes a set name")
    | "equals" -> Bool (Hashset.equal (s ()) (other ()))
    | "is_subset" -> Bool (Hashset.subset (s ()) (other ()))
    | "is_superset" -> Bool (Hashset.superset (s ()) (other ()))
    | "is_disjoint" -> Bool (Hashset.disjoint (s ()) (other ()))
    | "union" -> Values (Hashset.elements (Hashset.union (s ()) (other ())))
    | "intersection" -> Values (Hashset.elements (Hashset.inter (s ()) (other ())))
    | "difference" -> Values (Hashset.elements (Hashset.diff (s ()) (other ())))
    | "symmetric_difference" -> Values (Hashset.elements (Hashset.sym_diff (s ()) (other ())))
    | "update" ->
        Hashset.union_update (s ()) (other ());
        Unit
    | "intersection_update" ->
        Hashset.inter_update (s ()) (other ());
        Unit
    | "difference_update" ->
        Hashset.diff_update (s ()) (other ());
        Unit
    | "symmetric_difference_update" ->
        Hashset.sym_diff_update (s ()) (other ());
        Unit
    | "serialize" -> Bytes (Hashset.serialize (s ()))
    | "deserialize" -> (
        match st.args with
        | [ bytes ] ->
            (* T is the target; the bytes come after it. *)
            Hashtbl.replace sets st.target (Hashset.deserialize (hex_arg bytes));
            Unit
        | _ -> failwith "deserialize takes hex:...")
    | op -> failwith (Printf.sprintf "spec line %d: unknown operation %s" st.line op)
  in
  match st.expected with
  | Some (Word w) when String.length w > 6 && String.sub w 0 6 = "error:" -> (
      let kind = String.sub w 6 (String.length w - 6) in
      match run () with
      | got ->
          assert_failure (Printf.sprintf "spec line %d (%s): expected %s, got %s" st.line st.op w (describe got))
      | exception Not_applicable -> raise Not_applicable
      | exception exn ->
          if not (matches_error kind exn) then
            assert_failure
              (Printf.sprintf "spec line %d (%s): expected %s, got exception %s" st.line st.op w
                 (Printexc.to_string exn));
          if !untyped then incr statements_untyped)
  | _ ->
      let outcome = run () in
      if !untyped then
        assert_failure (Printf.sprintf "spec line %d: a bad value was accepted without an error" st.line);
      check_result st outcome

let case_test (name, statements) =
  name >:: fun _ ->
  let sets = Hashtbl.create 8 in
  List.iter
    (fun st ->
      match run_statement sets st with
      | () -> incr statements_run
      | exception Not_applicable -> incr statements_not_applicable)
    statements

let () =
  let cases = read_cases () in
  let total = List.fold_left (fun n (_, statements) -> n + List.length statements) 0 cases in
  let report =
    "statements_all_accounted_for" >:: fun _ ->
    Printf.printf
      "\nspec: %d cases, %d statements: %d run (%d of them bad values through the untyped layer), %d not applicable (big:N is beyond OCaml's int64)\n%!"
      (List.length cases) total !statements_run !statements_untyped !statements_not_applicable;
    assert_bool "the spec has cases" (cases <> []);
    assert_equal ~msg:"every statement was run or counted" ~printer:string_of_int total
      (!statements_run + !statements_not_applicable);
    assert_bool "bad values were replayed through the untyped layer" (!statements_untyped > 0)
  in
  (* The report runs last (sequential runner, tests in list order). *)
  run_test_tt_main ("conformance" >::: List.map case_test cases @ [ report ])
