// Java: what must precede the API (typemaps, renames, class shape, per-method
// exceptions).
//
// Integers: std::int64_t is Java's long, which is exactly int64, so every value
// a `long` parameter can receive is valid and comes back bit-exactly. Values
// that are not a long (Double, String, BigInteger, null) can only reach the set
// through the Object API of java.util.Set, which checks them in Java
// (hashset_protocol.i). std::size_t is a long (never a 32-bit int); negative
// counts are refused.
//
// Memory: a HashSet owns its native set; close() (AutoCloseable) frees it at
// once, otherwise a java.lang.ref.Cleaner frees it once the object is
// unreachable (no finalize()). Any call on a closed set throws
// IllegalStateException.

%fragment("hashset_java", "header") %{
#include <limits>
#include <vector>

static_assert(sizeof(jlong) == sizeof(std::int64_t), "jlong must be 64-bit");
static_assert(sizeof(jbyte) == sizeof(std::uint8_t), "jbyte must be 8-bit");

namespace hashset_java {

// Throws a Java exception of class `name` (e.g. "java/util/NoSuchElementException").
inline void raise(JNIEnv* jenv, const char* name, const char* message) {
  jenv->ExceptionClear();
  jclass type = jenv->FindClass(name);
  if (type != nullptr) jenv->ThrowNew(type, message);  // else NoClassDefFoundError is pending
}

// Java arrays hold at most 2^31 - 1 elements.
inline bool fits_java_array(JNIEnv* jenv, std::size_t size) {
  if (size <= static_cast<std::size_t>(std::numeric_limits<jsize>::max())) return true;
  raise(jenv, "java/lang/IllegalStateException", "HashSet is too large for a Java array");
  return false;
}

// The answers of contains_many, one 0/1 byte per value, for Java's boolean[].
struct Flags {
  std::vector<std::uint8_t> found;
};

}  // namespace hashset_java
%}
%fragment("hashset_java");

// The JNI library is loaded by the JNI class; both generated helper classes are
// package-private: users see only HashSet and HashSetIterator.
%pragma(java) jniclassclassmodifiers = "final class"
%pragma(java) moduleclassmodifiers = "final class"
// The library is found, in this order: at the path of the system property
// io.hashset.library; inside the jar, as native/<os>-<arch>/<mapped name>
// (copied once to a temporary file that is loaded, then deleted); on
// java.library.path (System.loadLibrary).
%pragma(java) jniclasscode = %{
  static {
    loadNativeLibrary();
  }

  private static void loadNativeLibrary() {
    String explicit = System.getProperty("io.hashset.library");
    if (explicit != null && !explicit.isEmpty()) {
      System.load(new java.io.File(explicit).getAbsolutePath());
      return;
    }
    String name = System.mapLibraryName("hashset_java");
    String resource = "/native/" + nativePlatform() + "/" + name;
    try (java.io.InputStream in = hashsetNativeJNI.class.getResourceAsStream(resource)) {
      if (in != null) {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("hashset_java-", "-" + name);
        try {
          java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          System.load(file.toAbsolutePath().toString());
        } finally {
          // A loaded library stays mapped after its file is gone (not so on
          // Windows, where the file goes when the JVM exits).
          try {
            java.nio.file.Files.delete(file);
          } catch (java.io.IOException e) {
            file.toFile().deleteOnExit();
          }
        }
        return;
      }
    } catch (java.io.IOException e) {
      throw new UnsatisfiedLinkError("cannot extract " + resource + " from the jar: " + e);
    }
    System.loadLibrary("hashset_java");
  }

  /** The jar's folder name for this platform: linux-x86_64, darwin-aarch64, ... */
  private static String nativePlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("linux")) os = "linux";
    else if (os.startsWith("mac") || os.startsWith("darwin")) os = "darwin";
    else if (os.startsWith("windows")) os = "windows";
    if (arch.equals("amd64") || arch.equals("x86-64")) arch = "x86_64";
    else if (arch.equals("arm64")) arch = "aarch64";
    return os + "-" + arch;
  }

  /** Frees native objects whose Java proxy became unreachable. */
  static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
%}

// ---------------------------------------------------------------------------
// Integers.

%typemap(jni) std::int64_t "jlong"
%typemap(jtype) std::int64_t "long"
%typemap(jstype) std::int64_t "long"
%typemap(jboxtype) std::int64_t "Long"
%typemap(javain) std::int64_t "$javainput"
%typemap(javaout) std::int64_t { return $jnicall; }
%typemap(in) std::int64_t %{ $1 = static_cast<std::int64_t>($input); %}
%typemap(out) std::int64_t %{ $result = static_cast<jlong>($1); %}

// Counts out: a long (a set never holds 2^63 elements).
%typemap(jni) std::size_t "jlong"
%typemap(jtype) std::size_t "long"
%typemap(jstype) std::size_t "long"
%typemap(jboxtype) std::size_t "Long"
%typemap(javain) std::size_t "$javainput"
%typemap(javaout) std::size_t { return $jnicall; }
%typemap(out) std::size_t %{ $result = static_cast<jlong>($1); %}
// Counts in (reserve): a non-negative long.
%typemap(in) std::size_t %{
  if ($input < 0) {
    SWIG_JavaThrowException(jenv, SWIG_JavaIllegalArgumentException, "count must not be negative");
    return $null;
  }
  $1 = static_cast<std::size_t>($input);
%}

// ---------------------------------------------------------------------------
// collect(): a long[] owned by the caller.

%typemap(jni) std::vector<std::int64_t> "jlongArray"
%typemap(jtype) std::vector<std::int64_t> "long[]"
%typemap(jstype) std::vector<std::int64_t> "long[]"
%typemap(javaout) std::vector<std::int64_t> { return $jnicall; }
%typemap(out) std::vector<std::int64_t> {
  if (!hashset_java::fits_java_array(jenv, $1.size())) return $null;
  const jsize length = static_cast<jsize>($1.size());
  $result = jenv->NewLongArray(length);
  if ($result == nullptr) return $null;  // OutOfMemoryError is pending
  jenv->SetLongArrayRegion($result, 0, length, reinterpret_cast<const jlong*>($1.data()));
}

// containsMany(): a boolean[] owned by the caller (its length is that of a
// Java array, so it fits one).
%typemap(jni) hashset_java::Flags "jbooleanArray"
%typemap(jtype) hashset_java::Flags "boolean[]"
%typemap(jstype) hashset_java::Flags "boolean[]"
%typemap(javaout) hashset_java::Flags { return $jnicall; }
%typemap(out) hashset_java::Flags {
  static_assert(sizeof(jboolean) == sizeof(std::uint8_t), "jboolean must be 8-bit");
  const jsize length = static_cast<jsize>($1.found.size());
  $result = jenv->NewBooleanArray(length);
  if ($result == nullptr) return $null;  // OutOfMemoryError is pending
  jenv->SetBooleanArrayRegion($result, 0, length, reinterpret_cast<const jboolean*>($1.found.data()));
}

// Bulk calls: a long[] read in place (never null), released unchanged by a
// guard's destructor: a call that throws makes the wrapper return before
// any freearg code, and the array must be released then too.
%{
namespace hashset_java {
class LongArrayElements {
 public:
  LongArrayElements() = default;
  LongArrayElements(const LongArrayElements&) = delete;
  LongArrayElements& operator=(const LongArrayElements&) = delete;
  ~LongArrayElements() {
    if (elements_ != nullptr) env_->ReleaseLongArrayElements(array_, elements_, JNI_ABORT);
  }
  // False when the JVM could not provide them (OutOfMemoryError is pending).
  bool acquire(JNIEnv* env, jlongArray array) {
    env_ = env;
    array_ = array;
    elements_ = env->GetLongArrayElements(array, nullptr);
    return elements_ != nullptr;
  }
  jlong* data() const { return elements_; }

 private:
  JNIEnv* env_ = nullptr;
  jlongArray array_ = nullptr;
  jlong* elements_ = nullptr;
};
}  // namespace hashset_java
%}
%typemap(jni) (const std::int64_t* values, std::size_t count) "jlongArray"
%typemap(jtype) (const std::int64_t* values, std::size_t count) "long[]"
%typemap(jstype) (const std::int64_t* values, std::size_t count) "long[]"
%typemap(javain) (const std::int64_t* values, std::size_t count) "$javainput"
%typemap(in) (const std::int64_t* values, std::size_t count) (hashset_java::LongArrayElements elements) {
  if ($input == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "values must not be null");
    return $null;
  }
  $2 = static_cast<std::size_t>(jenv->GetArrayLength($input));
  $1 = nullptr;
  if ($2 != 0) {
    if (!elements.acquire(jenv, $input)) return $null;
    $1 = reinterpret_cast<$1_ltype>(elements.data());
  }
}

// Iterator batches (nativeNextBatch, hashset_protocol.i): the core fills a
// native buffer that is copied into the caller's long[] only when the call
// returns normally (the call returns how many elements it wrote); the buffer
// is freed however the wrapper returns, also on an exception.
%typemap(jni) (std::int64_t* out, std::size_t capacity) "jlongArray"
%typemap(jtype) (std::int64_t* out, std::size_t capacity) "long[]"
%typemap(jstype) (std::int64_t* out, std::size_t capacity) "long[]"
%typemap(javain) (std::int64_t* out, std::size_t capacity) "$javainput"
%typemap(in) (std::int64_t* out, std::size_t capacity) (std::vector<std::int64_t> buffer) {
  if ($input == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "out must not be null");
    return $null;
  }
  buffer.resize(static_cast<std::size_t>(jenv->GetArrayLength($input)));
  $1 = reinterpret_cast<$1_ltype>(buffer.data());
  $2 = buffer.size();
}
%typemap(argout) (std::int64_t* out, std::size_t capacity) {
  if ($result != 0) {
    jenv->SetLongArrayRegion($input, 0, static_cast<jsize>($result),
                             reinterpret_cast<const jlong*>(buffer$argnum.data()));
  }
}

// ---------------------------------------------------------------------------
// Serialized form: byte[] both ways.

%typemap(jni) std::vector<std::uint8_t> "jbyteArray"
%typemap(jtype) std::vector<std::uint8_t> "byte[]"
%typemap(jstype) std::vector<std::uint8_t> "byte[]"
%typemap(javaout) std::vector<std::uint8_t> { return $jnicall; }
%typemap(out) std::vector<std::uint8_t> {
  if (!hashset_java::fits_java_array(jenv, $1.size())) return $null;
  const jsize length = static_cast<jsize>($1.size());
  $result = jenv->NewByteArray(length);
  if ($result == nullptr) return $null;  // OutOfMemoryError is pending
  jenv->SetByteArrayRegion($result, 0, length, reinterpret_cast<const jbyte*>($1.data()));
}

%typemap(jni) (const std::uint8_t* data, std::size_t size) "jbyteArray"
%typemap(jtype) (const std::uint8_t* data, std::size_t size) "byte[]"
%typemap(jstype) (const std::uint8_t* data, std::size_t size) "byte[]"
%typemap(javain) (const std::uint8_t* data, std::size_t size) "$javainput"
%typemap(in) (const std::uint8_t* data, std::size_t size)
    (std::vector<std::uint8_t> bytes) {
  if ($input == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "bytes must not be null");
    return $null;
  }
  bytes.resize(static_cast<std::size_t>(jenv->GetArrayLength($input)));
  if (!bytes.empty()) {
    jenv->GetByteArrayRegion($input, 0, static_cast<jsize>(bytes.size()),
                             reinterpret_cast<jbyte*>(bytes.data()));
  }
  $1 = bytes.data();
  $2 = bytes.size();
}

// ---------------------------------------------------------------------------
// Sets passed as arguments: null is a NullPointerException, a closed set an
// IllegalStateException (checked in Java, before the native call).
%typemap(javain) const hashset::HashSet& "$javaclassname.checkedCPtr($javainput)"

// Every method called on a closed set (or an iterator of one) finds a null
// `self`: refuse it instead of dereferencing it.
%typemap(check) SWIGTYPE* self %{
  if ($1 == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaIllegalStateException, "HashSet is closed");
    return $null;
  }
%}

// ---------------------------------------------------------------------------
// Proxy classes: a Cleaner instead of finalize(), close() instead of delete().

%define HASHSET_JAVA_OWNED_PROXY(TYPE, CLOSE_MODIFIERS, CLOSE_NAME, ADOPT, CLOSING)
%typemap(javabody) TYPE %{
  private transient long swigCPtr;
  private final transient java.lang.ref.Cleaner.Cleanable swigCleanable;

  /** Frees the native object; holds no reference to the proxy. */
  private static final class NativeDeleter implements Runnable {
    private final long pointer;

    NativeDeleter(long pointer) {
      this.pointer = pointer;
    }

    @Override
    public void run() {
      $imclassname.delete_$javaclassname(pointer);
    }
  }

  $javaclassname(long cPtr, boolean cMemoryOwn) {
    swigCPtr = cPtr;
    swigCleanable = cMemoryOwn && cPtr != 0
        ? $imclassname.CLEANER.register(this, new NativeDeleter(cPtr)) : null;
    ADOPT
  }

  static long getCPtr($javaclassname obj) {
    return (obj == null) ? 0 : obj.swigCPtr;
  }
%}
%typemap(javafinalize) TYPE ""
%typemap(javadestruct, methodname=CLOSE_NAME, methodmodifiers=CLOSE_MODIFIERS, parameters="") TYPE {
    if (swigCPtr != 0) {
      swigCPtr = 0;
      CLOSING
      if (swigCleanable != null) {
        swigCleanable.clean();
      }
    }
  }
%enddef

// A set proxy starts its element count from the native set it adopts (no
// other thread can reach either yet); closing it counts as a modification, so
// that its iterators' next step takes the monitor and finds it closed.
HASHSET_JAVA_OWNED_PROXY(hashset::HashSet, "public synchronized", "close",
                         count = cPtr == 0 ? 0 : $imclassname.HashSet_nativeSize(cPtr, this);,
                         changed(count);)
HASHSET_JAVA_OWNED_PROXY(hashset::HashSetIterator, "synchronized", "dispose", , )

%typemap(javaclassmodifiers) hashset::HashSet "public final class"
%typemap(javabase) hashset::HashSet "java.util.AbstractSet<Long>"
%typemap(javainterfaces) hashset::HashSet "AutoCloseable"
%typemap(javaclassmodifiers) hashset::HashSetIterator "public final class"
%typemap(javainterfaces) hashset::HashSetIterator "java.util.PrimitiveIterator.OfLong"

// ---------------------------------------------------------------------------
// Java's names. The primitive add/contains/remove(long) sit beside the
// Set<Long> methods of the same names (hashset_protocol.i).

%rename(add) hashset::HashSet::insert;
%rename(remove) hashset::HashSet::erase;
%rename(nativeSize) hashset::HashSet::size;
%rename(isEmpty) hashset::HashSet::empty;
%rename(insertMany) hashset::HashSet::insert_many;
%rename(eraseMany) hashset::HashSet::erase_many;
// equals(Object) is Java's; it uses nativeEquals for two HashSets.

// ---------------------------------------------------------------------------
// Threads: every call on a set holds the set's monitor (synchronized), so calls
// from several threads are atomic and never race on the native table, and
// close() (synchronized too) waits for a running call. Methods of one set are
// synchronized methods; methods reading a second set are private natives
// (native*) whose public wrappers (hashset_protocol.i) lock both sets in a
// global order, so a.update(b) racing b.update(a) cannot deadlock.
%define HASHSET_JAVA_SYNCHRONIZED(METHOD, MODIFIERS)
%javamethodmodifiers hashset::HashSet::METHOD MODIFIERS;
%enddef
HASHSET_JAVA_SYNCHRONIZED(insert, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(contains, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(erase, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(pop, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(size, "private")
HASHSET_JAVA_SYNCHRONIZED(empty, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(clear, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(reserve, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(collect, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(insert_many, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(erase_many, "public synchronized")
HASHSET_JAVA_SYNCHRONIZED(serialize, "public synchronized")

// Size: the proxy keeps the element count (longSize() reads it without the
// monitor or a native call), updated under the monitor from what each
// mutation returns; an in-place two-set operation asks the native set after
// it runs (hashset_protocol.i).
%typemap(javaout) bool hashset::HashSet::insert {
    boolean added = $jnicall;
    if (added) changed(count + 1);
    return added;
  }
%typemap(javaout) bool hashset::HashSet::erase {
    boolean removed = $jnicall;
    if (removed) changed(count - 1);
    return removed;
  }
%typemap(javaout) std::int64_t hashset::HashSet::pop {
    long value = $jnicall;
    changed(count - 1);
    return value;
  }
%typemap(javaout) void hashset::HashSet::clear {
    $jnicall;
    changed(0);
  }
// A rehash reorders the elements: iterators must notice it (`count` is the
// parameter here).
%typemap(javaout) void hashset::HashSet::reserve {
    $jnicall;
    changed(this.count);
  }
%typemap(javaout) std::size_t hashset::HashSet::insert_many {
    long added = $jnicall;
    if (added != 0) changed(count + added);
    return added;
  }
%typemap(javaout) std::size_t hashset::HashSet::erase_many {
    long removed = $jnicall;
    if (removed != 0) changed(count - removed);
    return removed;
  }
%define HASHSET_JAVA_RECOUNTED(METHOD)
%typemap(javaout) void hashset::HashSet::METHOD {
    $jnicall;
    changed(nativeSize());
  }
%enddef
HASHSET_JAVA_RECOUNTED(update)
HASHSET_JAVA_RECOUNTED(intersection_update)
HASHSET_JAVA_RECOUNTED(difference_update)
HASHSET_JAVA_RECOUNTED(symmetric_difference_update)

%define HASHSET_JAVA_TWO_SETS(METHOD, NAME)
%rename(NAME) hashset::HashSet::METHOD;
%javamethodmodifiers hashset::HashSet::METHOD "private";
%enddef
HASHSET_JAVA_TWO_SETS(equals, nativeEquals)
HASHSET_JAVA_TWO_SETS(is_subset, nativeIsSubset)
HASHSET_JAVA_TWO_SETS(is_superset, nativeIsSuperset)
HASHSET_JAVA_TWO_SETS(is_disjoint, nativeIsDisjoint)
HASHSET_JAVA_TWO_SETS(union_with, nativeUnion)
HASHSET_JAVA_TWO_SETS(intersection_with, nativeIntersection)
HASHSET_JAVA_TWO_SETS(difference_with, nativeDifference)
HASHSET_JAVA_TWO_SETS(symmetric_difference_with, nativeSymmetricDifference)
HASHSET_JAVA_TWO_SETS(update, nativeUpdate)
HASHSET_JAVA_TWO_SETS(intersection_update, nativeIntersectionUpdate)
HASHSET_JAVA_TWO_SETS(difference_update, nativeDifferenceUpdate)
HASHSET_JAVA_TWO_SETS(symmetric_difference_update, nativeSymmetricDifferenceUpdate)
// The copy constructor reads the other set under its lock: it is written in
// Java (hashset_protocol.i) over nativeCopy, which returns the new pointer.
%ignore hashset::HashSet::HashSet(const HashSet&);
%javamethodmodifiers hashset::HashSet::nativeCopy "private";

%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range& e) {
    hashset_java::raise(jenv, "java/util/NoSuchElementException", e.what());
    return $null;
  }
}

// Iterators come only from HashSet.iterator(); the Java side
// (hashset_protocol.i) wraps these native calls to check the owning set and
// reads the elements a batch at a time (nativeNextBatch), removing through
// nativeRemoveReturned.
%ignore hashset::HashSetIterator::HashSetIterator;
%ignore hashset::HashSetIterator::remove;
%rename(nativeHasNext) hashset::HashSetIterator::has_next;
%rename(nativeNext) hashset::HashSetIterator::next;
%rename(nativeRemaining) hashset::HashSetIterator::remaining;
%javamethodmodifiers hashset::HashSetIterator::remaining "private";
%javamethodmodifiers hashset::HashSetIterator::has_next "private";
%javamethodmodifiers hashset::HashSetIterator::next "private";
%javamethodmodifiers hashset::HashSetIterator::nativeNextBatch "private";
%javamethodmodifiers hashset::HashSetIterator::nativeRemoveReturned "private";
%exception hashset::HashSetIterator::next {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError& e) {
    hashset_java::raise(jenv, "java/util/ConcurrentModificationException", e.what());
    return $null;
  } catch (const std::out_of_range& e) {
    hashset_java::raise(jenv, "java/util/NoSuchElementException", e.what());
    return $null;
  }
}
%exception hashset::HashSetIterator::nativeNextBatch {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError& e) {
    hashset_java::raise(jenv, "java/util/ConcurrentModificationException", e.what());
    return $null;
  }
}
%exception hashset::HashSetIterator::nativeRemoveReturned {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError& e) {
    hashset_java::raise(jenv, "java/util/ConcurrentModificationException", e.what());
    return $null;
  } catch (const std::logic_error& e) {
    hashset_java::raise(jenv, "java/lang/IllegalStateException", e.what());
    return $null;
  }
}
