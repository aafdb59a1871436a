option(HASHSET_R "Build the R binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_R)
  return()
endif()
# R: the shared library hashset.so and the R code hashset.R (both generated
# from swig/hashset.i, the R API being in swig/r/hashset_protocol.i) in
# ${CMAKE_BINARY_DIR}/r. Use them with
#   dyn.load("<build>/r/hashset.so"); source("<build>/r/hashset.R")
# The R code needs the bit64 package (exact 64-bit integers).

find_program(HASHSET_R_EXECUTABLE R)
find_program(HASHSET_RSCRIPT_EXECUTABLE Rscript)
if(NOT HASHSET_R_EXECUTABLE OR NOT HASHSET_RSCRIPT_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_R is on but R/Rscript was not found (Debian: scripts/install-deps.sh r)")
endif()
execute_process(COMMAND ${HASHSET_R_EXECUTABLE} RHOME
  OUTPUT_VARIABLE r_home OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE r_result)
execute_process(COMMAND ${HASHSET_RSCRIPT_EXECUTABLE} -e "cat(R.home('include'))"
  OUTPUT_VARIABLE r_include_dir OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE r_include_result)
if(NOT r_result EQUAL 0 OR NOT r_include_result EQUAL 0 OR NOT EXISTS ${r_include_dir}/Rinternals.h)
  message(FATAL_ERROR "HASHSET_R is on but R's headers were not found (Debian: r-base-dev, scripts/install-deps.sh r)")
endif()
execute_process(COMMAND ${HASHSET_RSCRIPT_EXECUTABLE} -e "cat(requireNamespace('bit64', quietly = TRUE))"
  OUTPUT_VARIABLE r_has_bit64 OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT r_has_bit64 STREQUAL "TRUE")
  message(FATAL_ERROR "HASHSET_R is on but the R package bit64 is missing (Debian: r-cran-bit64, scripts/install-deps.sh r)")
endif()
# libR when R was built as a shared library (Debian); otherwise the symbols
# resolve against the R process that dyn.load()s the module.
find_library(HASHSET_R_LIBRARY R PATHS ${r_home}/lib NO_DEFAULT_PATH)

set(HASHSET_R_PATH ${CMAKE_BINARY_DIR}/r)
hashset_add_swig_module(hashset_r
  LANGUAGE r
  FOLDER r
  OUTPUT_DIR ${HASHSET_R_PATH})
set_target_properties(hashset_r PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".so"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_R_PATH})
target_include_directories(hashset_r SYSTEM PRIVATE ${r_include_dir})
# R's .Call() finds the wrappers by name (R_swig_*): they must stay visible.
set_property(TARGET hashset_r PROPERTY CXX_VISIBILITY_PRESET default)
if(HASHSET_R_LIBRARY)
  target_link_libraries(hashset_r PRIVATE ${HASHSET_R_LIBRARY})
endif()

if(HASHSET_BUILD_TESTS)
  foreach(suite conformance idioms)
    add_test(NAME r_${suite}
      COMMAND ${HASHSET_RSCRIPT_EXECUTABLE} --vanilla ${PROJECT_SOURCE_DIR}/tests/r/run.R
              ${PROJECT_SOURCE_DIR}/tests/r/test_${suite}.R)
  endforeach()
  set_tests_properties(r_conformance r_idioms PROPERTIES
    LABELS r
    ENVIRONMENT "HASHSET_R_PATH=${HASHSET_R_PATH};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
endif()
