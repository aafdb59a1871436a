/* The per-call floor of the Java benchmark: an empty JNI method with the
   arguments SWIG passes to HashSet.add (the native pointer, the proxy, the value). */
#include <jni.h>

JNIEXPORT jboolean JNICALL Java_HashSetBench_emptyCall(JNIEnv* env, jclass type, jlong pointer,
                                                       jobject owner, jlong value) {
  (void)env;
  (void)type;
  (void)pointer;
  (void)owner;
  (void)value;
  return JNI_FALSE;
}
