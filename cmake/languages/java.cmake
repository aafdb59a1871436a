# Java: the io.hashset package (HashSet implements java.util.Set<Long> and
# AutoCloseable) in hashset.jar, over the JNI library libhashset_java.so.
option(HASHSET_JAVA "Build the Java binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_JAVA)
  return()
endif()

find_package(Java 11 COMPONENTS Development)
# Only the JNI headers are needed: the library is loaded by a running JVM.
find_package(JNI)
if(NOT Java_JAVA_EXECUTABLE OR NOT Java_JAVAC_EXECUTABLE OR NOT Java_JAR_EXECUTABLE
   OR NOT JAVA_INCLUDE_PATH OR NOT JAVA_INCLUDE_PATH2)
  message(FATAL_ERROR "HASHSET_JAVA is ON but no JDK (javac, jar, jni.h) was found: "
                      "install the packages of scripts/deps/java.txt or set -DHASHSET_JAVA=OFF")
endif()

set(HASHSET_JAVA_DIR ${CMAKE_CURRENT_BINARY_DIR}/java)
set(HASHSET_JAVA_LIBRARY_DIR ${HASHSET_JAVA_DIR}/lib)
set(HASHSET_JAVA_JAR ${HASHSET_JAVA_DIR}/hashset.jar)
set(java_sources_dir ${HASHSET_JAVA_DIR}/src/io/hashset)

# SWIG's module class would be io.hashset.hashset, which clashes with HashSet on
# case-insensitive file systems: it is named hashsetNative instead (it and
# hashsetNativeJNI are package-private, users never see them). -doxygen turns
# the header's comments into Javadoc.
hashset_add_swig_module(hashset_java_jni
  LANGUAGE java
  FOLDER java
  MODULE_NAME hashsetNative
  OUTPUT_DIR ${java_sources_dir}
  OPTIONS -package io.hashset -doxygen)
set_target_properties(hashset_java_jni PROPERTIES
  OUTPUT_NAME hashset_java
  PREFIX lib
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_JAVA_LIBRARY_DIR})
target_include_directories(hashset_java_jni PRIVATE ${JAVA_INCLUDE_PATH} ${JAVA_INCLUDE_PATH2})

# Every class SWIG writes for swig/hashset.i: should it write another one (say a
# SWIGTYPE_p_ wrapper of an unmapped type), javac fails on the missing symbol.
set(java_generated
  ${java_sources_dir}/HashSet.java
  ${java_sources_dir}/HashSetIterator.java
  ${java_sources_dir}/hashsetNative.java
  ${java_sources_dir}/hashsetNativeJNI.java)
file(GLOB java_interface_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/swig/java/*.i)
set(java_flags --release 11 -encoding UTF-8 -Xlint:all -Werror)

# The jar is self-contained: it carries the JNI library as
# native/<os>-<arch>/libhashset_java.so, which hashsetNativeJNI copies to a
# temporary file and loads (see swig/java/hashset_typemaps.i); without that
# entry it falls back to System.loadLibrary and java.library.path.
string(TOLOWER "${CMAKE_SYSTEM_NAME}" java_native_os)
string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" java_native_arch)
if(java_native_arch MATCHES "^(amd64|x64)$")
  set(java_native_arch x86_64)
elseif(java_native_arch STREQUAL "arm64")
  set(java_native_arch aarch64)
endif()
set(java_native_entry native/${java_native_os}-${java_native_arch})

add_custom_command(OUTPUT ${HASHSET_JAVA_JAR}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${HASHSET_JAVA_DIR}/classes
  COMMAND ${Java_JAVAC_EXECUTABLE} ${java_flags} -d ${HASHSET_JAVA_DIR}/classes ${java_generated}
  COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:hashset_java_jni>
          ${HASHSET_JAVA_DIR}/classes/${java_native_entry}/$<TARGET_FILE_NAME:hashset_java_jni>
  COMMAND ${Java_JAR_EXECUTABLE} cf ${HASHSET_JAVA_JAR} -C ${HASHSET_JAVA_DIR}/classes .
  # The library target is rebuilt whenever SWIG regenerates the sources.
  DEPENDS hashset_java_jni $<TARGET_FILE:hashset_java_jni> ${HASHSET_SWIG_INTERFACE} ${java_interface_files}
  COMMENT "Compiling the io.hashset classes and packing them with the JNI library into hashset.jar"
  VERBATIM)
add_custom_target(hashset_java ALL DEPENDS ${HASHSET_JAVA_JAR})

if(HASHSET_BUILD_TESTS)
  find_file(HASHSET_JUNIT_CONSOLE_JAR junit-platform-console-standalone.jar
    PATHS /usr/share/java
    DOC "JUnit 5 console launcher (Debian package junit5)")
  if(NOT HASHSET_JUNIT_CONSOLE_JAR)
    message(FATAL_ERROR "HASHSET_JAVA tests need the JUnit 5 console launcher "
                        "(junit-platform-console-standalone.jar, Debian package junit5): "
                        "install it or set -DHASHSET_BUILD_TESTS=OFF")
  endif()

  file(GLOB java_tests CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/java/*.java)
  set(java_test_classes ${HASHSET_JAVA_DIR}/test-classes)
  add_custom_command(OUTPUT ${java_test_classes}.stamp
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${java_test_classes}
    COMMAND ${Java_JAVAC_EXECUTABLE} ${java_flags} -d ${java_test_classes}
            -cp ${HASHSET_JAVA_JAR}:${HASHSET_JUNIT_CONSOLE_JAR} ${java_tests}
    COMMAND ${CMAKE_COMMAND} -E touch ${java_test_classes}.stamp
    DEPENDS ${HASHSET_JAVA_JAR} ${java_tests}
    COMMENT "Compiling the Java tests"
    VERBATIM)
  add_custom_target(hashset_java_tests ALL DEPENDS ${java_test_classes}.stamp)

  # java_threads: the thread-safety contract (docs/threads.md); java_leaks:
  # memory over time. HASHSET_LONG=1 in the environment selects their long profiles.
  foreach(java_suite IN ITEMS conformance idioms threads leaks)
    if(java_suite STREQUAL "conformance")
      set(java_test_class io.hashset.tests.ConformanceTest)
    elseif(java_suite STREQUAL "threads")
      set(java_test_class io.hashset.tests.ThreadTest)
    elseif(java_suite STREQUAL "leaks")
      set(java_test_class io.hashset.tests.LeakTest)
    else()
      set(java_test_class io.hashset.tests.IdiomTest)
    endif()
    # A fixed, pre-touched heap: resident memory then measures native memory,
    # not the Java heap growing to its default maximum. The heap bounds how many
    # unreachable proxies (and the native memory they own) wait for the Cleaner;
    # with the parallel collector they wait the least (with G1 or Serial,
    # resident memory climbs ~35 MB to a plateau, which would hide a slow leak).
    set(java_heap)
    if(java_suite STREQUAL "leaks")
      set(java_heap -XX:+UseParallelGC -Xms64m -Xmx64m -Xmn8m -XX:+AlwaysPreTouch)
    endif()
    add_test(NAME java_${java_suite}
      COMMAND ${Java_JAVA_EXECUTABLE} -Xcheck:jni ${java_heap} -Djava.library.path=${HASHSET_JAVA_LIBRARY_DIR}
              -jar ${HASHSET_JUNIT_CONSOLE_JAR}
              --class-path ${HASHSET_JAVA_JAR}:${java_test_classes}
              --select-class ${java_test_class}
              --fail-if-no-tests --disable-banner --disable-ansi-colors --details=tree)
    set_tests_properties(java_${java_suite} PROPERTIES
      LABELS java
      ENVIRONMENT "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()

  # The jar alone: a program run from source with only hashset.jar on the class
  # path and a java.library.path where the library is not.
  add_test(NAME java_jar_package
    COMMAND ${Java_JAVA_EXECUTABLE} -Djava.library.path=${HASHSET_JAVA_DIR}/no-such-dir
            --class-path ${HASHSET_JAVA_JAR} ${PROJECT_SOURCE_DIR}/tests/java/jar/JarExample.java)
  set_tests_properties(java_jar_package PROPERTIES
    LABELS java
    PASS_REGULAR_EXPRESSION "^true 4 -9223372036854775808 1 2 9223372036854775807\n$")

  # The header's Doxygen comments reach the Javadoc of the methods they document.
  add_test(NAME java_javadoc
    COMMAND ${CMAKE_COMMAND} -DJAVADOC=${Java_JAVADOC_EXECUTABLE} -DSOURCE_DIR=${java_sources_dir}
            -DHEADER=${PROJECT_SOURCE_DIR}/src/include/hashset/hash_set.hpp
            -DWORK_DIR=${HASHSET_JAVA_DIR}/javadoc-test
            -P ${PROJECT_SOURCE_DIR}/tests/java/javadoc.cmake)
  set_tests_properties(java_javadoc PROPERTIES LABELS java)
endif()
