option(HASHSET_OCAML "Build the OCaml binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_OCAML)
  return()
endif()
# OCaml: the library hashset.cma in ${CMAKE_BINARY_DIR}/ocaml, holding the
# typed module Hashset (ocaml/hashset.ml) over SWIG's untyped module
# Hashset_swig and its runtime module Swig. Link a program with
#   ocamlfind ocamlc -custom -I ${CMAKE_BINARY_DIR}/ocaml hashset.cma prog.ml
# (the .cma records the C++ library libhashset_ocaml.so, its rpath and
# -lstdc++). Bytecode with a custom runtime, as SWIG's OCaml module expects.

find_program(HASHSET_OCAMLFIND_EXECUTABLE ocamlfind)
if(NOT HASHSET_OCAMLFIND_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_OCAML is on but ocamlfind was not found "
                      "(Debian: scripts/install-deps.sh ocaml)")
endif()
execute_process(COMMAND ${HASHSET_OCAMLFIND_EXECUTABLE} ocamlc -where
  OUTPUT_VARIABLE ocaml_where OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE ocaml_result)
if(NOT ocaml_result EQUAL 0 OR NOT EXISTS ${ocaml_where}/caml/mlvalues.h)
  message(FATAL_ERROR "HASHSET_OCAML is on but the OCaml compiler or its headers were not found "
                      "(Debian: ocaml-nox, scripts/install-deps.sh ocaml)")
endif()
if(NOT EXISTS ${SWIG_DIR}/ocaml/swig.ml)
  message(FATAL_ERROR "HASHSET_OCAML: SWIG's OCaml runtime (${SWIG_DIR}/ocaml/swig.ml) is missing")
endif()

set(HASHSET_OCAML_DIR ${CMAKE_BINARY_DIR}/ocaml)
set(ocaml_generated_dir ${CMAKE_CURRENT_BINARY_DIR}/ocaml-swig)

# SWIG's module is Hashset_swig, so that the typed module can be Hashset.
# -w524: SWIG warns, before reading any file, that OCaml is an experimental
# target; %warnfilter cannot reach that warning, and -Werror would make it fatal.
set(SWIG_OCAML_EXTRA_FILE_EXTENSIONS ".ml" ".mli")
hashset_add_swig_module(hashset_ocaml_stubs
  LANGUAGE ocaml
  TYPE SHARED
  FOLDER ocaml
  MODULE_NAME hashset_swig
  OUTPUT_DIR ${ocaml_generated_dir}
  OPTIONS -w524)
set_target_properties(hashset_ocaml_stubs PROPERTIES
  OUTPUT_NAME hashset_ocaml
  PREFIX lib
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_OCAML_DIR}
  # The custom runtime resolves the wrappers (extern "C") by name.
  CXX_VISIBILITY_PRESET default)
target_include_directories(hashset_ocaml_stubs SYSTEM PRIVATE ${ocaml_where})

set(ocaml_cma ${HASHSET_OCAML_DIR}/hashset.cma)
set(ocaml_ocamlc ${HASHSET_OCAMLFIND_EXECUTABLE} ocamlc)
# Our own modules compile warning-free; SWIG's generated ones are left quiet.
set(ocaml_strict -strict-sequence -w +a-4-9-40-41-42-44-45-70 -warn-error +a)
add_custom_command(OUTPUT ${ocaml_cma}
  COMMAND ${CMAKE_COMMAND} -E copy ${SWIG_DIR}/ocaml/swig.mli ${SWIG_DIR}/ocaml/swig.ml
          ${ocaml_generated_dir}/hashset_swig.mli ${ocaml_generated_dir}/hashset_swig.ml
          ${PROJECT_SOURCE_DIR}/ocaml/hashset.mli ${PROJECT_SOURCE_DIR}/ocaml/hashset.ml
          ${HASHSET_OCAML_DIR}
  COMMAND ${ocaml_ocamlc} -w -a -c swig.mli swig.ml hashset_swig.mli hashset_swig.ml
  COMMAND ${ocaml_ocamlc} ${ocaml_strict} -c hashset.mli hashset.ml
  COMMAND ${ocaml_ocamlc} -a -o hashset.cma swig.cmo hashset_swig.cmo hashset.cmo
          -custom -cclib -lhashset_ocaml -ccopt -L${HASHSET_OCAML_DIR}
          -ccopt -Wl,-rpath,${HASHSET_OCAML_DIR} -cclib -lstdc++
  WORKING_DIRECTORY ${HASHSET_OCAML_DIR}
  DEPENDS hashset_ocaml_stubs ${PROJECT_SOURCE_DIR}/ocaml/hashset.mli ${PROJECT_SOURCE_DIR}/ocaml/hashset.ml
  COMMENT "Compiling the OCaml modules Swig, Hashset_swig and Hashset into hashset.cma"
  VERBATIM)
add_custom_target(hashset_ocaml ALL DEPENDS ${ocaml_cma})

if(HASHSET_BUILD_TESTS)
  execute_process(COMMAND ${HASHSET_OCAMLFIND_EXECUTABLE} query ounit2
    OUTPUT_QUIET ERROR_QUIET RESULT_VARIABLE ocaml_ounit_result)
  if(NOT ocaml_ounit_result EQUAL 0)
    message(FATAL_ERROR "HASHSET_OCAML tests need OUnit2 (Debian: libounit-ocaml-dev, "
                        "scripts/install-deps.sh ocaml) or -DHASHSET_BUILD_TESTS=OFF")
  endif()
  set(ocaml_test_programs)
  # ocaml_leaks: memory over many create/fill/iterate/destroy cycles;
  # ocaml_threads: the threading contract (docs/threads.md), with systhreads
  # (HASHSET_LONG=1 in the environment selects their long profiles).
  foreach(ocaml_suite IN ITEMS conformance idioms leaks threads)
    set(ocaml_test_packages -package ounit2)
    if(ocaml_suite STREQUAL "threads")
      set(ocaml_test_packages -package ounit2,threads.posix -thread)
    endif()
    set(ocaml_test_source ${PROJECT_SOURCE_DIR}/tests/ocaml/test_${ocaml_suite}.ml)
    set(ocaml_test_program ${HASHSET_OCAML_DIR}/test_${ocaml_suite})
    # Compiled in a folder of its own: ocamlc writes its .cmi/.cmo beside the source.
    set(ocaml_test_dir ${HASHSET_OCAML_DIR}/tests/${ocaml_suite})
    file(MAKE_DIRECTORY ${ocaml_test_dir})
    add_custom_command(OUTPUT ${ocaml_test_program}
      COMMAND ${CMAKE_COMMAND} -E copy ${ocaml_test_source} ${ocaml_test_dir}
      COMMAND ${ocaml_ocamlc} ${ocaml_strict} ${ocaml_test_packages} -linkpkg -custom
              -I ${HASHSET_OCAML_DIR} ${ocaml_cma} test_${ocaml_suite}.ml -o ${ocaml_test_program}
      WORKING_DIRECTORY ${ocaml_test_dir}
      DEPENDS ${ocaml_cma} ${ocaml_test_source}
      COMMENT "Compiling the OCaml test test_${ocaml_suite}"
      VERBATIM)
    list(APPEND ocaml_test_programs ${ocaml_test_program})
    # OUnit2 writes its logs to the working directory.
    add_test(NAME ocaml_${ocaml_suite} COMMAND ${ocaml_test_program} -runner sequential
      WORKING_DIRECTORY ${ocaml_test_dir})
    set_tests_properties(ocaml_${ocaml_suite} PROPERTIES
      LABELS ocaml
      ENVIRONMENT "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
  add_custom_target(hashset_ocaml_tests ALL DEPENDS ${ocaml_test_programs})
endif()
