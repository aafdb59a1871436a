option(HASHSET_D "Build the D binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_D)
  return()
endif()
# D: the package `hashset` (modules hashset, hashset.hashset, hashset.hashset_im)
# in ${CMAKE_BINARY_DIR}/d, compiled with LDC into d/lib/libhashset_dproxy.a;
# at run time it loads the SWIG wrapper d/lib/libhashset_d.so with dlopen
# (put d/lib on LD_LIBRARY_PATH). Tests are unittest blocks run by ldc2 -unittest.

find_program(HASHSET_LDC2 ldc2)
if(NOT HASHSET_LDC2)
  message(FATAL_ERROR "HASHSET_D is ON but ldc2 (LDC, the LLVM D compiler) was not found: "
                      "install scripts/deps/d.txt (scripts/install-deps.sh d) or configure with -DHASHSET_D=OFF")
endif()

set(d_dir ${CMAKE_BINARY_DIR}/d)
set(d_package_dir ${d_dir}/hashset)
set(d_lib_dir ${d_dir}/lib)
# SWIG writes the D modules to <OUTPUT_DIR>/<package>/ but does not create it.
file(MAKE_DIRECTORY ${d_package_dir} ${d_lib_dir})

# The C++ wrapper libhashset_d.so; -wrapperlibrary is the name the D side dlopens.
hashset_add_swig_module(hashset_d_native
  LANGUAGE d
  FOLDER d
  OUTPUT_DIR ${d_dir}
  OPTIONS -d2 -package hashset -wrapperlibrary hashset_d)
set_target_properties(hashset_d_native PROPERTIES
  OUTPUT_NAME hashset_d
  PREFIX "lib"
  LIBRARY_OUTPUT_DIRECTORY ${d_lib_dir})

# The hand-written package module beside the generated ones.
add_custom_command(OUTPUT ${d_package_dir}/package.d
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/d/hashset/package.d ${d_package_dir}/package.d
  DEPENDS ${PROJECT_SOURCE_DIR}/d/hashset/package.d)

set(d_sources ${d_package_dir}/package.d ${d_package_dir}/hashset.d ${d_package_dir}/hashset_im.d)
set(d_library ${d_lib_dir}/libhashset_dproxy.a)
# -w: warnings are errors; the modules SWIG generates are part of that.
add_custom_command(OUTPUT ${d_library}
  COMMAND ${HASHSET_LDC2} -lib -O -w -I${d_dir} -of=${d_library} ${d_sources}
  DEPENDS hashset_d_native ${d_package_dir}/package.d
  COMMENT "Compiling the D package hashset"
  VERBATIM)
set(d_outputs ${d_library})

if(HASHSET_BUILD_TESTS)
  # One test binary per file of tests/d; each runs its unittest blocks and
  # exits non-zero when one fails. d_leaks: memory over many
  # create/fill/iterate/destroy cycles (HASHSET_LONG=1 in the environment
  # selects the long profile); d_threads: the threading contract (docs/threads.md).
  foreach(suite IN ITEMS conformance idioms leaks threads)
    set(d_test ${d_dir}/tests/d_${suite})
    add_custom_command(OUTPUT ${d_test}
      COMMAND ${HASHSET_LDC2} -unittest -main -g -w -I${d_dir}
              -od=${d_dir}/tests/${suite}.o -of=${d_test}
              ${PROJECT_SOURCE_DIR}/tests/d/${suite}.d ${d_library}
      DEPENDS ${d_library} ${PROJECT_SOURCE_DIR}/tests/d/${suite}.d
      COMMENT "Compiling the D tests ${suite}"
      VERBATIM)
    list(APPEND d_outputs ${d_test})
    add_test(NAME d_${suite} COMMAND ${d_test})
    set_tests_properties(d_${suite} PROPERTIES
      LABELS d
      ENVIRONMENT "LD_LIBRARY_PATH=${d_lib_dir};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
endif()

add_custom_target(hashset_d ALL DEPENDS ${d_outputs})
