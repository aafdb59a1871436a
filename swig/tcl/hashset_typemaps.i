// Tcl: what must precede the API (typemaps, renames, per-method exceptions,
// and the %extend methods of the Tcl protocol, which SWIG emits at the class).
//
// A set is a Tcl command, like a TclOO object:
//   set s [hashset::create 1 2 3]        ;# or [hashset::HashSet new {1 2 3}]
//   $s add 5; $s contains 5; $s size; $s elements
//   $s foreach x { puts $x }             ;# error if the set changes meanwhile
//   $s destroy                           ;# or: rename $s ""
//
// Integers are exact: any Tcl integer in [-2^63, 2^63) (decimal, 0x.., as
// Tcl's own `expr` reads them). A bigger integer raises an error with
// -errorcode {ARITH IOVERFLOW ...}; a fractional number, a non-numeric string
// or the empty string raises one with -errorcode {TCL VALUE NUMBER}, as Tcl's
// own commands do; in both cases before the set is touched. Other errors:
// {HASHSET EMPTY} (pop), {HASHSET CONCURRENT} (the set changed during
// foreach), {HASHSET FORMAT} (deserialize), {HASHSET NOMEM} (reserve),
// {HASHSET NOTASET name} (an argument that is not a live set, or a set
// destroyed during its own foreach).
//
// Tcl raises by returning TCL_ERROR (SWIG_fail is a goto inside the wrapper),
// not by longjmp: C++ destructors and catch blocks run normally.

%fragment("hashset_tcl", "header") %{
#include <atomic>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>
#include <tclTomMath.h>

namespace hashset_tcl {

// Sets the interpreter's result to `message` and its -errorcode to
// {first second ?third?}; returns TCL_ERROR.
int fail(Tcl_Interp* interp, const char* first, const char* second, const std::string& message,
         const char* third = nullptr) {
  Tcl_SetObjResult(interp, Tcl_NewStringObj(message.data(), static_cast<int>(message.size())));
  Tcl_SetErrorCode(interp, first, second, third, static_cast<char*>(nullptr));
  return TCL_ERROR;
}

// A value as shown in an error message: quoted, and shortened when long.
std::string shown(Tcl_Obj* obj) {
  int length = 0;
  const char* text = Tcl_GetStringFromObj(obj, &length);
  std::string result = "\"";
  result.append(text, static_cast<std::size_t>(length > 40 ? 40 : length));
  if (length > 40) result += "...";
  return result + "\"";
}

// Tcl's object types that hold an integer exactly in a machine word ("int",
// and "wideInt" where long is 32 bits); found by %init (see probe_types).
const Tcl_ObjType* word_types[2] = {nullptr, nullptr};

const Tcl_ObjType* type_of_integer(const char* text) {
  Tcl_Obj* probe = Tcl_NewStringObj(text, -1);
  Tcl_IncrRefCount(probe);
  Tcl_WideInt value = 0;
  const Tcl_ObjType* type = Tcl_GetWideIntFromObj(nullptr, probe, &value) == TCL_OK ? probe->typePtr : nullptr;
  Tcl_DecrRefCount(probe);
  return type;
}

void probe_types() {
  word_types[0] = type_of_integer("1");
  word_types[1] = type_of_integer("4294967296");
}

// Reads an exact int64 (see the top of this file); TCL_ERROR with the
// interpreter's result set otherwise. Tcl_GetWideIntFromObj alone would
// wrap 2^63..2^64-1 into negative values, so any integer that Tcl does not
// hold in a machine word is read as a bignum and range-checked digit by digit.
int get_int64(Tcl_Interp* interp, Tcl_Obj* obj, std::int64_t* out) {
  Tcl_WideInt wide = 0;
  if (Tcl_GetWideIntFromObj(nullptr, obj, &wide) == TCL_OK && obj->typePtr != nullptr &&
      (obj->typePtr == word_types[0] || obj->typePtr == word_types[1])) {
    *out = static_cast<std::int64_t>(wide);
    return TCL_OK;
  }
  mp_int big;
  if (Tcl_GetBignumFromObj(nullptr, obj, &big) != TCL_OK)
    return fail(interp, "TCL", "VALUE", "expected integer but got " + shown(obj), "NUMBER");
  std::uint64_t magnitude = 0;
  bool fits = true;
  for (int i = big.used - 1; i >= 0 && fits; --i) {
    if (magnitude >> (64 - MP_DIGIT_BIT)) {
      fits = false;
    } else {
      magnitude = (magnitude << MP_DIGIT_BIT) | static_cast<std::uint64_t>(big.dp[i]);
    }
  }
  const bool negative = big.sign == MP_NEG;
  mp_clear(&big);
  const std::uint64_t limit = std::uint64_t{1} << 63;
  if (!fits || (negative ? magnitude > limit : magnitude >= limit))
    return fail(interp, "ARITH", "IOVERFLOW",
                "integer value out of the 64-bit range [-2^63, 2^63): " + shown(obj),
                "integer value out of the 64-bit range");
  *out = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return TCL_OK;
}

// reserve()'s count: a non-negative integer (the core refuses counts no
// table can hold with std::length_error).
int get_count(Tcl_Interp* interp, Tcl_Obj* obj, std::size_t* out) {
  std::int64_t value = 0;
  if (get_int64(interp, obj, &value) != TCL_OK) return TCL_ERROR;
  if (value < 0)
    return fail(interp, "TCL", "VALUE", "expected non-negative integer but got " + shown(obj), "NUMBER");
  *out = static_cast<std::size_t>(value);
  return TCL_OK;
}

// Every element of a Tcl list, validated, into *values.
int get_int64_list(Tcl_Interp* interp, Tcl_Obj* list, std::vector<std::int64_t>* values) {
  int count = 0;
  Tcl_Obj** elements = nullptr;
  if (Tcl_ListObjGetElements(interp, list, &count, &elements) != TCL_OK) return TCL_ERROR;
  values->resize(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    if (get_int64(interp, elements[i], &(*values)[static_cast<std::size_t>(i)]) != TCL_OK) {
      char where[64];
      std::snprintf(where, sizeof where, "\n    (list element %d)", i);
      Tcl_AddErrorInfo(interp, where);
      return TCL_ERROR;
    }
  }
  return TCL_OK;
}

// A byte array (binary format, binary decode, read from a binary channel);
// a string with a character above \xff is refused rather than truncated.
int get_bytes(Tcl_Interp* interp, Tcl_Obj* obj, const unsigned char** data, std::size_t* size) {
  if (obj->typePtr == nullptr || std::strcmp(obj->typePtr->name, "bytearray") != 0) {
    int length = 0;
    const Tcl_UniChar* text = Tcl_GetUnicodeFromObj(obj, &length);
    for (int i = 0; i < length; ++i) {
      if (text[i] > 0xff)
        return fail(interp, "TCL", "VALUE", "expected a byte array but got a character above \\xff", "BYTES");
    }
  }
  int length = 0;
  *data = Tcl_GetByteArrayFromObj(obj, &length);
  *size = static_cast<std::size_t>(length);
  return TCL_OK;
}

// Called inside a catch block: sets the error of the exception in flight.
void set_current_error(Tcl_Interp* interp) noexcept {
  try {
    throw;
  } catch (const hashset::ConcurrentModificationError&) {
    fail(interp, "HASHSET", "CONCURRENT", "set changed during iteration");
  } catch (const hashset::FormatError& e) {
    fail(interp, "HASHSET", "FORMAT", e.what());
  } catch (const std::out_of_range& e) {  // pop() on an empty set
    fail(interp, "HASHSET", "EMPTY", e.what());
  } catch (const std::length_error& e) {  // reserve() beyond any table
    fail(interp, "HASHSET", "NOMEM", e.what());
  } catch (const std::bad_alloc&) {
    fail(interp, "HASHSET", "NOMEM", "out of memory");
  } catch (const std::exception& e) {
    fail(interp, "HASHSET", "ERROR", e.what());
  } catch (...) {
    fail(interp, "HASHSET", "ERROR", "unknown C++ exception");
  }
}

// ---- Set objects -----------------------------------------------------------
// A set is a Tcl command whose client data is SWIG's swig_instance, so that
// SWIG's method table dispatches `$s method args`. The command procedures
// are ours: calls are protected with Tcl_Preserve, so a set destroyed while
// one of its methods runs (`$s foreach x {rename $s ""}`, `$s destroy`) is
// freed only once that call has returned.

swig_class* hashset_class() { return static_cast<swig_class*>(SWIGTYPE_p_hashset__HashSet->clientdata); }

void free_instance(char* data) { SWIG_Tcl_ObjectDelete(reinterpret_cast<ClientData>(data)); }

void delete_instance(ClientData data) {
  // The command is gone now (a running foreach sees the null token); the C++
  // set goes as soon as no call uses it.
  static_cast<swig_instance*>(data)->cmdtok = nullptr;
  Tcl_EventuallyFree(data, free_instance);
}

int method_command(ClientData data, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[]) {
  auto* instance = static_cast<swig_instance*>(data);
  if (objc < 2) {
    Tcl_WrongNumArgs(interp, 1, objv, "subcommand ?arg ...?");
    return TCL_ERROR;
  }
  const char* method = Tcl_GetString(objv[1]);
  if (Tcl_FindHashEntry(&instance->classptr->hashtable, method) == nullptr) {
    // Only the class's methods: SWIG's -disown/-acquire/-delete/cget/configure
    // would let a script leak or double-free the set.
    std::string names;
    for (swig_method* m = instance->classptr->methods; m && m->name; ++m) {
      if (!names.empty()) names += (m + 1)->name ? ", " : ", or ";
      names += m->name;
    }
    Tcl_SetObjResult(interp, Tcl_ObjPrintf("unknown subcommand \"%s\": must be %s", method, names.c_str()));
    Tcl_SetErrorCode(interp, "TCL", "LOOKUP", "SUBCOMMAND", method, static_cast<char*>(nullptr));
    return TCL_ERROR;
  }
  Tcl_Preserve(data);
  const int code = SWIG_Tcl_MethodCommand(data, interp, objc, const_cast<Tcl_Obj**>(objv));
  Tcl_Release(data);
  return code;
}

// Shared by the interpreters of all threads (names are checked per interpreter).
std::atomic<unsigned long> next_name{0};

// Makes a command for a new set (owning it); returns the command's name, or
// null with an error set (name taken). `name` null: ::hashset::setN.
Tcl_Obj* new_instance(Tcl_Interp* interp, hashset::HashSet* set, const char* name = nullptr) {
  Tcl_Obj* command_name;
  if (name != nullptr) {
    // Like TclOO's `create`: a relative name is in the current namespace.
    std::string qualified = name;
    if (qualified.compare(0, 2, "::") != 0) {
      const std::string current = Tcl_GetCurrentNamespace(interp)->fullName;
      qualified = (current == "::" ? current : current + "::") + qualified;
    }
    Tcl_CmdInfo info;
    if (Tcl_GetCommandInfo(interp, qualified.c_str(), &info)) {
      delete set;
      fail(interp, "HASHSET", "EXISTS", std::string("command \"") + name + "\" already exists");
      return nullptr;
    }
    command_name = Tcl_NewStringObj(qualified.c_str(), -1);
  } else {
    Tcl_CmdInfo info;
    do {
      command_name = Tcl_ObjPrintf("::hashset::set%lu", ++next_name);
      if (!Tcl_GetCommandInfo(interp, Tcl_GetString(command_name), &info)) break;
      Tcl_DecrRefCount(command_name);
    } while (true);
  }
  auto* instance = static_cast<swig_instance*>(malloc(sizeof(swig_instance)));
  instance->thisptr = SWIG_NewPointerObj(set, SWIGTYPE_p_hashset__HashSet, 0);
  Tcl_IncrRefCount(instance->thisptr);
  instance->thisvalue = set;
  instance->classptr = hashset_class();
  instance->destroy = 1;
  SWIG_Acquire(set);
  instance->cmdtok = Tcl_CreateObjCommand(interp, Tcl_GetString(command_name), method_command,
                                          instance, delete_instance);
  // The command's full name (`create s` inside a namespace gives ::ns::s).
  Tcl_Obj* full_name = Tcl_NewObj();
  Tcl_GetCommandFullName(interp, instance->cmdtok, full_name);
  Tcl_DecrRefCount(command_name);
  return full_name;
}

// The instance of a set command, or null (with an error set when `interp`).
swig_instance* instance_named(Tcl_Interp* interp, Tcl_Obj* name) {
  Tcl_CmdInfo info;
  if (Tcl_GetCommandInfo(interp, Tcl_GetString(name), &info) && info.objProc == method_command) {
    auto* instance = static_cast<swig_instance*>(info.objClientData);
    if (instance->classptr == hashset_class() && instance->thisvalue != nullptr) return instance;
  }
  fail(interp, "HASHSET", "NOTASET",
       "expected a hashset but got " + shown(name) + " (not a set command, or destroyed)",
       Tcl_GetString(name));
  return nullptr;
}

// The receiver: the instance of the method call (`$s size`, where SWIG
// passes the instance as client data), else the command named by the first
// argument (`hashset::HashSet_size $s`).
swig_instance* receiver(Tcl_Interp* interp, ClientData data, Tcl_Obj* first) {
  if (data != nullptr) {
    auto* instance = static_cast<swig_instance*>(data);
    if (instance->classptr == hashset_class() && instance->thisvalue != nullptr) return instance;
  }
  return instance_named(interp, first);
}

// `$s foreach var body`: like Tcl's foreach (break, continue, return and
// errors of the body behave the same), over a fail-fast iterator: a change
// of the set raises {HASHSET CONCURRENT} at the next step, and destroying
// it {HASHSET NOTASET name} (the iterator alone would go on).
int run_foreach(Tcl_Interp* interp, const swig_instance* instance, const hashset::HashSet& set,
                Tcl_Obj* var, Tcl_Obj* body) {
  Tcl_Obj* name = Tcl_NewObj();
  Tcl_IncrRefCount(name);
  Tcl_GetCommandFullName(interp, instance->cmdtok, name);
  const std::string set_name = Tcl_GetString(name);
  Tcl_DecrRefCount(name);
  hashset::HashSetIterator iterator(set);
  while (iterator.has_next()) {
    if (instance->cmdtok == nullptr)
      return fail(interp, "HASHSET", "NOTASET", "set " + set_name + " destroyed during foreach", set_name.c_str());
    std::int64_t value = 0;
    try {
      value = iterator.next();
    } catch (...) {
      set_current_error(interp);
      return TCL_ERROR;
    }
    if (Tcl_ObjSetVar2(interp, var, nullptr, Tcl_NewWideIntObj(value), TCL_LEAVE_ERR_MSG) == nullptr)
      return TCL_ERROR;
    const int code = Tcl_EvalObjEx(interp, body, 0);
    if (code == TCL_OK || code == TCL_CONTINUE) continue;
    if (code == TCL_BREAK) break;
    if (code == TCL_ERROR)
      Tcl_AppendObjToErrorInfo(interp, Tcl_ObjPrintf("\n    (\"foreach\" body line %d)", Tcl_GetErrorLine(interp)));
    return code;
  }
  Tcl_ResetResult(interp);
  return TCL_OK;
}

// The result of a method that ran a script: a Tcl completion code.
typedef int completion_code;

}  // namespace hashset_tcl
%}

// The receiver and other sets: live set commands only (a destroyed set's
// name raises {HASHSET NOTASET}, never reaches freed memory).
%typemap(in, fragment="hashset_tcl") hashset::HashSet* self, hashset::HashSet const* self {
  swig_instance* instance_ = hashset_tcl::receiver(interp, clientData, $input);
  if (instance_ == nullptr) SWIG_fail;
  $1 = static_cast<$1_ltype>(instance_->thisvalue);
}
%typemap(in, fragment="hashset_tcl") const hashset::HashSet& {
  swig_instance* instance_ = hashset_tcl::instance_named(interp, $input);
  if (instance_ == nullptr) SWIG_fail;
  $1 = static_cast<$1_ltype>(instance_->thisvalue);
}
// The receiver's instance itself (destroy, foreach).
%typemap(in, numinputs=0) swig_instance* instance "$1 = nullptr;"
%typemap(check, fragment="hashset_tcl") swig_instance* instance {
  $1 = hashset_tcl::receiver(interp, clientData, objv[1]);
  if ($1 == nullptr) SWIG_fail;
}
%typemap(in, numinputs=0) Tcl_Interp* interp "$1 = interp;"

// New sets (copy, union, ..., deserialize) become set commands.
%typemap(out, fragment="hashset_tcl") hashset::HashSet* {
  Tcl_Obj* name_ = hashset_tcl::new_instance(interp, $1);
  if (name_ == nullptr) SWIG_fail;
  Tcl_SetObjResult(interp, name_);
}

%typemap(in, fragment="hashset_tcl") std::int64_t {
  if (hashset_tcl::get_int64(interp, $input, &$1) != TCL_OK) SWIG_fail;
}
%typemap(out) std::int64_t "Tcl_SetObjResult(interp, Tcl_NewWideIntObj(static_cast<Tcl_WideInt>($1)));"
%typemap(in, fragment="hashset_tcl") std::size_t count {
  if (hashset_tcl::get_count(interp, $input, &$1) != TCL_OK) SWIG_fail;
}
%typemap(out) std::size_t "Tcl_SetObjResult(interp, Tcl_NewWideIntObj(static_cast<Tcl_WideInt>($1)));"
%typemap(out) bool "Tcl_SetObjResult(interp, Tcl_NewBooleanObj($1 ? 1 : 0));"

// collect (`elements`): a Tcl list of integers.
%typemap(out) std::vector<std::int64_t> {
  Tcl_Obj* list_ = Tcl_NewListObj(0, nullptr);
  for (std::int64_t value : $1) Tcl_ListObjAppendElement(nullptr, list_, Tcl_NewWideIntObj(value));
  Tcl_SetObjResult(interp, list_);
}

// Bulk calls: a Tcl list of integers, every element validated first.
%typemap(in, fragment="hashset_tcl") (const std::int64_t* values, std::size_t count)
    (std::vector<std::int64_t> buffer) {
  if (hashset_tcl::get_int64_list(interp, $input, &buffer) != TCL_OK) SWIG_fail;
  $1 = buffer.data();
  $2 = buffer.size();
}

// Serialized form: a Tcl byte array both ways.
%typemap(out) std::vector<std::uint8_t> {
  Tcl_SetObjResult(interp, Tcl_NewByteArrayObj($1.data(), static_cast<int>($1.size())));
}
%typemap(in, fragment="hashset_tcl") (const std::uint8_t* data, std::size_t size) {
  const unsigned char* bytes_ = nullptr;
  if (hashset_tcl::get_bytes(interp, $input, &bytes_, &$2) != TCL_OK) SWIG_fail;
  $1 = const_cast<$1_ltype>(bytes_);
}

// C++ exceptions become Tcl errors with a -errorcode (see the top).
%define HASHSET_TCL_CATCH(NAME)
%exception NAME {
  try {
    $action
  } catch (...) {
    hashset_tcl::set_current_error(interp);
    SWIG_fail;
  }
}
%enddef
HASHSET_TCL_CATCH(hashset::HashSet::HashSet)
HASHSET_TCL_CATCH(hashset::HashSet::insert)
HASHSET_TCL_CATCH(hashset::HashSet::erase)
HASHSET_TCL_CATCH(hashset::HashSet::pop)
HASHSET_TCL_CATCH(hashset::HashSet::reserve)
HASHSET_TCL_CATCH(hashset::HashSet::collect)
HASHSET_TCL_CATCH(hashset::HashSet::insert_many)
HASHSET_TCL_CATCH(hashset::HashSet::erase_many)
HASHSET_TCL_CATCH(hashset::HashSet::update)
HASHSET_TCL_CATCH(hashset::HashSet::intersection_update)
HASHSET_TCL_CATCH(hashset::HashSet::difference_update)
HASHSET_TCL_CATCH(hashset::HashSet::symmetric_difference_update)
HASHSET_TCL_CATCH(hashset::HashSet::serialize)
HASHSET_TCL_CATCH(hashset::HashSet::copy)
HASHSET_TCL_CATCH(hashset::HashSet::union_of)
HASHSET_TCL_CATCH(hashset::HashSet::intersection_of)
HASHSET_TCL_CATCH(hashset::HashSet::difference_of)
HASHSET_TCL_CATCH(hashset::HashSet::symmetric_difference_of)
HASHSET_TCL_CATCH(hashset::HashSet::deserialize_bytes)

// Sets are made by hashset::create / hashset::HashSet new|create (see
// hashset_protocol.i), which give every set its own command.
%ignore hashset::HashSet::HashSet;
%nodefaultctor hashset::HashSet;
// New sets are returned as commands by the pointer-returning versions below.
%ignore hashset::HashSet::union_with;
%ignore hashset::HashSet::intersection_with;
%ignore hashset::HashSet::difference_with;
%ignore hashset::HashSet::symmetric_difference_with;
%ignore hashset::HashSet::deserialize;
// Iteration is `$s foreach var body`.
%ignore hashset::HashSetIterator;

// Tcl names (subcommands in the style of tcllib's struct::set).
%rename("add") hashset::HashSet::insert;
%rename("remove") hashset::HashSet::erase;
%rename("elements") hashset::HashSet::collect;
%rename("addlist") hashset::HashSet::insert_many;
%rename("removelist") hashset::HashSet::erase_many;
%rename("equal") hashset::HashSet::equals;
%rename("subsetof") hashset::HashSet::is_subset;
%rename("supersetof") hashset::HashSet::is_superset;
%rename("disjoint") hashset::HashSet::is_disjoint;
%rename("union") hashset::HashSet::union_of;
%rename("intersect") hashset::HashSet::intersection_of;
%rename("difference") hashset::HashSet::difference_of;
%rename("symdiff") hashset::HashSet::symmetric_difference_of;
%rename("intersectupdate") hashset::HashSet::intersection_update;
%rename("differenceupdate") hashset::HashSet::difference_update;
%rename("symdiffupdate") hashset::HashSet::symmetric_difference_update;
%rename("deserialize") hashset::HashSet::deserialize_bytes;

%newobject hashset::HashSet::copy;
%newobject hashset::HashSet::union_of;
%newobject hashset::HashSet::intersection_of;
%newobject hashset::HashSet::difference_of;
%newobject hashset::HashSet::symmetric_difference_of;
%newobject hashset::HashSet::deserialize_bytes;

%extend hashset::HashSet {
  /// A new set with the same elements.
  hashset::HashSet* copy() const { return new hashset::HashSet(*$self); }
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
  /// Reads a set written by serialize() from a byte array.
  static hashset::HashSet* deserialize_bytes(const std::uint8_t* data, std::size_t size) {
    return new hashset::HashSet(hashset::HashSet::deserialize(data, size));
  }
}

// The result of foreach: the body's break/continue end or skip as in Tcl's
// foreach; its errors and `return` propagate.
%typemap(out) hashset_tcl::completion_code {
  if ($1 == TCL_ERROR) SWIG_fail;
  if ($1 != TCL_OK) return $1;
}

%extend hashset::HashSet {
  /// foreach varName body: runs body with varName set to each element.
  hashset_tcl::completion_code foreach(swig_instance* instance, Tcl_Interp* interp, Tcl_Obj* var,
                                       Tcl_Obj* body) const {
    // The set stays alive while the body runs, even if it destroys it.
    Tcl_Preserve(instance);
    const int code = hashset_tcl::run_foreach(interp, instance, *$self, var, body);
    Tcl_Release(instance);
    return code;
  }
  /// Deletes the set's command and frees the set.
  void destroy(swig_instance* instance, Tcl_Interp* interp) {
    static_cast<void>($self);
    Tcl_DeleteCommandFromToken(interp, instance->cmdtok);
  }
}
