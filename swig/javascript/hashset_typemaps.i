// JavaScript (Node, V8): what must precede the API (typemaps, renames,
// per-method exceptions).
//
// This native layer is internal: javascript/hashset.js wraps it in the public
// HashSet class (the Set protocol, close(), set-likes, iteration).
//
// Integers are exact. In: a Number that is a safe integer
// (Number.isSafeInteger) or a BigInt in [-2^63, 2^63). A BigInt outside that
// range or an integral Number beyond +-(2^53-1) (it may already have been
// rounded) raises RangeError; a fractional or non-finite Number, a string,
// null, undefined or any other type raises TypeError. Out: a Number when the
// value is a safe integer, else a BigInt, so every int64 comes back exactly.
// SWIG's JavaScript runtime puts an `equals` (pointer identity) on every
// proxy, which would shadow HashSet::equals.
%rename(has_same_elements) hashset::HashSet::equals;

// Errors of the set itself are Errors with a `code`, as Node's own errors:
// ERR_HASHSET_EMPTY, ERR_HASHSET_CONCURRENT_MODIFICATION, ERR_HASHSET_FORMAT,
// ERR_HASHSET_CLOSED.

%fragment("hashset_javascript", "header") %{
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <node_buffer.h>

namespace hashset_javascript {

constexpr double kMaxSafe = 9007199254740991.0;  // Number.MAX_SAFE_INTEGER

inline v8::Isolate* isolate() { return v8::Isolate::GetCurrent(); }

inline v8::Local<v8::String> text(const std::string& message) {
  return v8::String::NewFromUtf8(isolate(), message.c_str(), v8::NewStringType::kNormal)
      .ToLocalChecked();
}

inline void throw_type_error(const std::string& message) {
  isolate()->ThrowException(v8::Exception::TypeError(text(message)));
}

inline void throw_range_error(const std::string& message) {
  isolate()->ThrowException(v8::Exception::RangeError(text(message)));
}

// An Error with a Node-style `code` property.
inline void throw_coded_error(const std::string& message, const char* code) {
  v8::Local<v8::Value> error = v8::Exception::Error(text(message));
  v8::Local<v8::Context> context = isolate()->GetCurrentContext();
  if (error->IsObject()) {
    error.As<v8::Object>()->Set(context, text("code"), text(code)).Check();
  }
  isolate()->ThrowException(error);
}

// The JavaScript type of a value, for error messages.
inline std::string type_name(v8::Local<v8::Value> value) {
  if (value->IsNull()) return "null";
  v8::String::Utf8Value name(isolate(), value->TypeOf(isolate()));
  return *name != nullptr ? std::string(*name) : std::string("value");
}

// Reads a Number that is a safe integer or a BigInt in the int64 range. On
// failure throws TypeError or RangeError in the isolate and returns false.
inline bool to_int64(v8::Local<v8::Value> value, std::int64_t* out) {
  if (value->IsBigInt()) {
    bool lossless = false;
    const std::int64_t result = value.As<v8::BigInt>()->Int64Value(&lossless);
    if (!lossless) {
      throw_range_error("HashSet elements must be in [-(2n**63n), 2n**63n)");
      return false;
    }
    *out = result;
    return true;
  }
  if (value->IsNumber()) {
    const double number = value.As<v8::Number>()->Value();
    if (!std::isfinite(number) || std::trunc(number) != number) {
      throw_type_error("HashSet elements are integers, not a fractional or non-finite number");
      return false;
    }
    if (std::fabs(number) > kMaxSafe) {
      throw_range_error(
          "HashSet elements given as Numbers must be safe integers (|n| <= 2**53 - 1); "
          "use a BigInt for larger values");
      return false;
    }
    *out = static_cast<std::int64_t>(number);
    return true;
  }
  throw_type_error("HashSet elements are integers (Number or BigInt), not " + type_name(value));
  return false;
}

// A non-negative count (reserve): a safe integer Number or a BigInt.
inline bool to_size(v8::Local<v8::Value> value, std::size_t* out) {
  std::int64_t count = 0;
  if (!to_int64(value, &count)) return false;
  if (count < 0) {
    throw_range_error("a count must not be negative");
    return false;
  }
  *out = static_cast<std::size_t>(count);
  return true;
}

// True when a Number holds `value` exactly (Number.isSafeInteger).
inline bool is_safe_integer(std::int64_t value) {
  return value >= -9007199254740991LL && value <= 9007199254740991LL;
}

// The exact JavaScript value of an element: a Number when safe, else a BigInt.
inline v8::Local<v8::Value> from_int64(std::int64_t value) {
  if (is_safe_integer(value)) {
    return v8::Number::New(isolate(), static_cast<double>(value));
  }
  return v8::BigInt::New(isolate(), value);
}

template <typename Item>
bool read_typed(v8::Local<v8::TypedArray> array, std::vector<std::int64_t>* values) {
  std::vector<Item> items(array->Length());
  if (!items.empty()) array->CopyContents(items.data(), items.size() * sizeof(Item));
  values->resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if constexpr (std::is_floating_point_v<Item>) {
      std::int64_t value = 0;
      if (!to_int64(v8::Number::New(isolate(), static_cast<double>(items[i])), &value)) return false;
      (*values)[i] = value;
    } else {
      if constexpr (std::is_same_v<Item, std::uint64_t>) {
        if (items[i] > static_cast<std::uint64_t>(INT64_MAX)) {
          throw_range_error("HashSet elements must be in [-(2n**63n), 2n**63n)");
          return false;
        }
      }
      (*values)[i] = static_cast<std::int64_t>(items[i]);
    }
  }
  return true;
}

// The values of a bulk call: an Array (each element checked like a single
// value) or a TypedArray (BigInt64Array is copied as is). Everything is read
// and validated before the C++ call, so a bad value leaves the set unchanged.
inline bool read_values(v8::Local<v8::Value> source, std::vector<std::int64_t>* values) {
  if (source->IsArray()) {
    v8::Local<v8::Array> array = source.As<v8::Array>();
    v8::Local<v8::Context> context = isolate()->GetCurrentContext();
    const std::uint32_t length = array->Length();
    values->resize(length);
    for (std::uint32_t i = 0; i < length; ++i) {
      v8::Local<v8::Value> item;
      if (!array->Get(context, i).ToLocal(&item)) return false;  // a getter threw
      if (!to_int64(item, &(*values)[i])) return false;
    }
    return true;
  }
  if (source->IsBigInt64Array()) return read_typed<std::int64_t>(source.As<v8::TypedArray>(), values);
  if (source->IsBigUint64Array()) return read_typed<std::uint64_t>(source.As<v8::TypedArray>(), values);
  if (source->IsInt32Array()) return read_typed<std::int32_t>(source.As<v8::TypedArray>(), values);
  if (source->IsUint32Array()) return read_typed<std::uint32_t>(source.As<v8::TypedArray>(), values);
  if (source->IsInt16Array()) return read_typed<std::int16_t>(source.As<v8::TypedArray>(), values);
  if (source->IsUint16Array()) return read_typed<std::uint16_t>(source.As<v8::TypedArray>(), values);
  if (source->IsInt8Array()) return read_typed<std::int8_t>(source.As<v8::TypedArray>(), values);
  if (source->IsUint8Array() || source->IsUint8ClampedArray()) {
    return read_typed<std::uint8_t>(source.As<v8::TypedArray>(), values);
  }
  if (source->IsFloat64Array()) return read_typed<double>(source.As<v8::TypedArray>(), values);
  if (source->IsFloat32Array()) return read_typed<float>(source.As<v8::TypedArray>(), values);
  throw_type_error("expected an Array or a TypedArray of integers, not " + type_name(source));
  return false;
}

// Bytes of a Buffer, any TypedArray or DataView, or an ArrayBuffer, copied.
inline bool read_bytes(v8::Local<v8::Value> source, std::vector<std::uint8_t>* bytes) {
  if (source->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = source.As<v8::ArrayBufferView>();
    bytes->resize(view->ByteLength());
    if (!bytes->empty()) view->CopyContents(bytes->data(), bytes->size());
    return true;
  }
  if (source->IsArrayBuffer()) {
    std::shared_ptr<v8::BackingStore> store = source.As<v8::ArrayBuffer>()->GetBackingStore();
    const auto* data = static_cast<const std::uint8_t*>(store->Data());
    bytes->assign(data, data + store->ByteLength());
    return true;
  }
  throw_type_error("expected a Buffer, Uint8Array or ArrayBuffer, not " + type_name(source));
  return false;
}

}  // namespace hashset_javascript
%}

// A set released by close() has no C++ object any more: `this` is refused.
// (SWIG's JavaScript module emits no check typemaps, so this is the `in` one.)
%typemap(in, fragment="hashset_javascript") hashset::HashSet* self (void* pointer = nullptr, int res = 0),
    const hashset::HashSet* self (void* pointer = nullptr, int res = 0) {
  res = SWIG_ConvertPtr($input, &pointer, $descriptor, 0);
  if (!SWIG_IsOK(res)) SWIG_exception_fail(SWIG_ArgError(res), "`this` is not a HashSet");
  if (pointer == nullptr) {
    hashset_javascript::throw_coded_error("HashSet is closed", "ERR_HASHSET_CLOSED");
    SWIG_fail;
  }
  $1 = static_cast<$1_ltype>(pointer);
}

%typemap(in, fragment="hashset_javascript") std::int64_t {
  if (!hashset_javascript::to_int64($input, &$1)) SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t {
  $1 = $input->IsNumber() || $input->IsBigInt();
}
%typemap(out, fragment="hashset_javascript") std::int64_t "$result = hashset_javascript::from_int64($1);"

%typemap(in, fragment="hashset_javascript") std::size_t {
  if (!hashset_javascript::to_size($input, &$1)) SWIG_fail;
}
%typemap(out) std::size_t
  "$result = SWIGV8_NUMBER_NEW(static_cast<double>($1));"

// collect(): when every element is a safe integer, a Float64Array, which
// hashset.js copies into an Array of unboxed doubles (a heap Number per
// element, as v8::Array::New needs, costs several times more); otherwise a
// plain Array of Numbers and BigInts.
%typemap(out, fragment="hashset_javascript") std::vector<std::int64_t> {
  if (std::all_of($1.begin(), $1.end(), hashset_javascript::is_safe_integer)) {
    // The doubles overwrite the integers in place, and the ArrayBuffer takes
    // over the vector's memory: no second copy.
    static_assert(sizeof(double) == sizeof(std::int64_t), "double must be 64-bit");
    auto* elements = new std::vector<std::int64_t>(std::move(static_cast<std::vector<std::int64_t>&>($1)));
    for (std::int64_t& slot : *elements) {
      const double number = static_cast<double>(slot);
      std::memcpy(&slot, &number, sizeof number);
    }
    const std::size_t count = elements->size();
    std::shared_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
        elements->data(), count * sizeof(double),
        [](void*, std::size_t, void* owner) { delete static_cast<std::vector<std::int64_t>*>(owner); },
        elements);
    $result = v8::Float64Array::New(v8::ArrayBuffer::New(v8::Isolate::GetCurrent(), std::move(store)), 0, count);
  } else {
    std::vector<v8::Local<v8::Value>> items;
    items.reserve($1.size());
    for (const std::int64_t value : $1) items.push_back(hashset_javascript::from_int64(value));
    $result = v8::Array::New(v8::Isolate::GetCurrent(), items.data(), items.size());
  }
}

// Bulk calls: an Array or a TypedArray of integers.
%typemap(in, fragment="hashset_javascript") (const std::int64_t* values, std::size_t count)
    (std::vector<std::int64_t> values) {
  if (!hashset_javascript::read_values($input, &values)) SWIG_fail;
  $1 = values.data();
  $2 = values.size();
}

// next_batch_numbers: a Float64Array of 2 × capacity slots, the doubles
// first, then the exact integers (hashset.js reads them as a BigInt64Array).
%typemap(in, fragment="hashset_javascript") (double* numbers, std::int64_t* exact, std::size_t capacity) {
  if (!$input->IsFloat64Array()) {
    hashset_javascript::throw_type_error("expected a Float64Array");
    SWIG_fail;
  }
  v8::Local<v8::Float64Array> slots = $input.As<v8::Float64Array>();
  $1 = reinterpret_cast<double*>(static_cast<char*>(slots->Buffer()->Data()) + slots->ByteOffset());
  $3 = slots->Length() / 2;
  $2 = reinterpret_cast<std::int64_t*>($1 + $3);
}

// Serialized form: a Buffer out; a Buffer, TypedArray, DataView or ArrayBuffer in.
%typemap(out, fragment="hashset_javascript") std::vector<std::uint8_t> {
  $result = node::Buffer::Copy(v8::Isolate::GetCurrent(),
                               reinterpret_cast<const char*>($1.data()), $1.size())
                .ToLocalChecked();
}
%typemap(in, fragment="hashset_javascript") (const std::uint8_t* data, std::size_t size)
    (std::vector<std::uint8_t> bytes) {
  if (!hashset_javascript::read_bytes($input, &bytes)) SWIG_fail;
  $1 = bytes.data();
  $2 = bytes.size();
}

// close(): HashSet.dispose(set) deletes the C++ set now and leaves the proxy
// empty (the check typemap above then refuses it); the GC frees it otherwise.
%typemap(in) hashset::HashSet* RELEASED (void* pointer = nullptr, int res = 0) {
  res = SWIG_ConvertPtr($input, &pointer, $descriptor(hashset::HashSet*), SWIG_POINTER_RELEASE);
  if (!SWIG_IsOK(res) || pointer == nullptr) {
    hashset_javascript::throw_coded_error("HashSet is closed", "ERR_HASHSET_CLOSED");
    SWIG_fail;
  }
  $1 = static_cast<hashset::HashSet*>(pointer);
}

// SWIG's JavaScript runtime puts an `equals` (pointer identity) on every
// proxy, which would shadow HashSet::equals.
%rename(has_same_elements) hashset::HashSet::equals;

// Errors of the set itself, as Errors with a Node-style code.
%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range&) {
    hashset_javascript::throw_coded_error("pop from an empty HashSet", "ERR_HASHSET_EMPTY");
    SWIG_fail;
  }
}
%exception hashset::HashSet::deserialize {
  try {
    $action
  } catch (const hashset::FormatError& e) {
    hashset_javascript::throw_coded_error(std::string("not a serialized HashSet: ") + e.what(),
                                          "ERR_HASHSET_FORMAT");
    SWIG_fail;
  } catch (const std::bad_alloc&) {
    SWIG_exception(SWIG_MemoryError, "out of memory");
  } catch (const std::exception& e) {
    SWIG_exception(SWIG_RuntimeError, e.what());
  }
}

// Iterators: the JavaScript class reads them a batch at a time through
// next_batch_numbers (hashset_protocol.i), which throws when the set changed.
%ignore hashset::HashSetIterator::has_next;
%ignore hashset::HashSetIterator::next;
%ignore hashset::HashSetIterator::remove;
%ignore hashset::HashSetIterator::remaining;
%exception hashset_javascript::next_batch_numbers {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    hashset_javascript::throw_coded_error("HashSet changed during iteration",
                                          "ERR_HASHSET_CONCURRENT_MODIFICATION");
    SWIG_fail;
  }
}
