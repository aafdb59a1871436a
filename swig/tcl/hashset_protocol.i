// Tcl: the protocol of a Tcl object command, on top of the core API.
//
//   hashset::create ?value ...?          a new set (like `dict create`)
//   hashset::HashSet new ?list?          a new set (TclOO style)
//   hashset::HashSet create name ?list?  a new set named `name`
//   hashset::deserialize bytes           the set of serialize's byte array
//   $s add|remove|contains value, $s addlist|removelist list, $s size,
//   $s empty, $s clear, $s pop, $s reserve n, $s elements, $s copy,
//   $s equal|subsetof|supersetof|disjoint $t,
//   $s union|intersect|difference|symdiff $t            (new sets)
//   $s update|intersectupdate|differenceupdate|symdiffupdate $t  (in place)
//   $s serialize, $s foreach var body, $s destroy (or rename $s "")
//
// Every set is a command; it owns its C++ set, which is freed when the
// command goes ($s destroy, rename $s "", deleting its namespace or the
// interpreter). A destroyed set's name is no longer a command; passing it
// as an argument, or destroying the set in the body of its own foreach,
// raises {HASHSET NOTASET name}.

// The methods foreach and destroy are in hashset_typemaps.i (SWIG wraps a
// class's %extend methods where the class is declared).

%wrapper %{
namespace hashset_tcl {

// A new set of the (validated) integers of `values` (null: none), as the
// command `name` (null: ::hashset::setN); its name is the result.
int make_set(Tcl_Interp* interp, int count, Tcl_Obj* const values[], const char* name) {
  std::vector<std::int64_t> numbers(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    if (get_int64(interp, values[i], &numbers[static_cast<std::size_t>(i)]) != TCL_OK) return TCL_ERROR;
  }
  hashset::HashSet* set = nullptr;
  try {
    set = new hashset::HashSet();
    set->insert_many(numbers.data(), numbers.size());
  } catch (...) {
    delete set;
    set_current_error(interp);
    return TCL_ERROR;
  }
  Tcl_Obj* command = new_instance(interp, set, name);
  if (command == nullptr) return TCL_ERROR;
  Tcl_SetObjResult(interp, command);
  return TCL_OK;
}

int make_set_from_list(Tcl_Interp* interp, Tcl_Obj* list, const char* name) {
  int count = 0;
  Tcl_Obj** values = nullptr;
  if (list != nullptr && Tcl_ListObjGetElements(interp, list, &count, &values) != TCL_OK) return TCL_ERROR;
  return make_set(interp, count, values, name);
}

int deserialize_to_command(Tcl_Interp* interp, Tcl_Obj* bytes) {
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  if (get_bytes(interp, bytes, &data, &size) != TCL_OK) return TCL_ERROR;
  hashset::HashSet* set = nullptr;
  try {
    set = new hashset::HashSet(hashset::HashSet::deserialize(data, size));
  } catch (...) {
    set_current_error(interp);
    return TCL_ERROR;
  }
  Tcl_Obj* command = new_instance(interp, set);
  if (command == nullptr) return TCL_ERROR;
  Tcl_SetObjResult(interp, command);
  return TCL_OK;
}

// hashset::create ?value ...?
int create_command(ClientData, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[]) {
  return make_set(interp, objc - 1, objv + 1, nullptr);
}

// hashset::deserialize bytes
int deserialize_command(ClientData, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[]) {
  if (objc != 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "bytes");
    return TCL_ERROR;
  }
  return deserialize_to_command(interp, objv[1]);
}

// hashset::delete_HashSet set: like `$set destroy` (SWIG's own version
// would free the C++ set and leave its command pointing at freed memory).
int delete_command(ClientData, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[]) {
  if (objc != 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "set");
    return TCL_ERROR;
  }
  swig_instance* instance = instance_named(interp, objv[1]);
  if (instance == nullptr) return TCL_ERROR;
  Tcl_DeleteCommandFromToken(interp, instance->cmdtok);
  return TCL_OK;
}

// hashset::HashSet new ?list? | create name ?list? | deserialize bytes
int class_command(ClientData, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[]) {
  static const char* const subcommands[] = {"new", "create", "deserialize", nullptr};
  if (objc < 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "subcommand ?arg ...?");
    return TCL_ERROR;
  }
  int index = 0;
  if (Tcl_GetIndexFromObj(interp, objv[1], subcommands, "subcommand", 0, &index) != TCL_OK) return TCL_ERROR;
  switch (index) {
    case 0:
      if (objc > 3) {
        Tcl_WrongNumArgs(interp, 2, objv, "?list?");
        return TCL_ERROR;
      }
      return make_set_from_list(interp, objc == 3 ? objv[2] : nullptr, nullptr);
    case 1:
      if (objc < 3 || objc > 4) {
        Tcl_WrongNumArgs(interp, 2, objv, "name ?list?");
        return TCL_ERROR;
      }
      return make_set_from_list(interp, objc == 4 ? objv[3] : nullptr, Tcl_GetString(objv[2]));
    default:
      if (objc != 3) {
        Tcl_WrongNumArgs(interp, 2, objv, "bytes");
        return TCL_ERROR;
      }
      return deserialize_to_command(interp, objv[2]);
  }
}

}  // namespace hashset_tcl
%}

%init %{
  if (Tcl_TomMath_InitStubs(interp, "8.5") == nullptr) return TCL_ERROR;
  hashset_tcl::probe_types();
  // Replaces SWIG's constructor command (its named objects would share one
  // C++ set between two owning commands).
  Tcl_CreateObjCommand(interp, "::hashset::HashSet", hashset_tcl::class_command, nullptr, nullptr);
  Tcl_CreateObjCommand(interp, "::hashset::delete_HashSet", hashset_tcl::delete_command, nullptr, nullptr);
  Tcl_CreateObjCommand(interp, "::hashset::create", hashset_tcl::create_command, nullptr, nullptr);
  Tcl_CreateObjCommand(interp, "::hashset::deserialize", hashset_tcl::deserialize_command, nullptr, nullptr);
%}
