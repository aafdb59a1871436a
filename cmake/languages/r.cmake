option(HASHSET_R "Build the R binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_R)
  return()
endif()
# R: the shared library hashset.so and the R code hashset.R (both generated
# from swig/hashset.i, the R API being in swig/r/hashset_protocol.i) in
# ${CMAKE_BINARY_DIR}/r. Use them with
#   dyn.load("<build>/r/hashset.so"); source("<build>/r/hashset.R")
# or install the R source package built below.
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

# An R source package: the folder ${HASHSET_R_PATH}/hashset and its
# `R CMD build` tarball hashset_<version>.tar.gz beside it. It holds the
# generated R code and wrapper, the core's sources and r/ (DESCRIPTION,
# NAMESPACE, Makevars); `R CMD INSTALL` compiles it against the system's abseil.
get_target_property(r_swig_sources hashset_r SOURCES)
list(FILTER r_swig_sources INCLUDE REGEX "_wrap\\.cxx$")
set(r_swig_code ${HASHSET_R_PATH}/hashset.R)
set(r_package_dir ${HASHSET_R_PATH}/hashset)
set(HASHSET_R_PACKAGE ${HASHSET_R_PATH}/hashset_${PROJECT_VERSION}.tar.gz)
configure_file(${PROJECT_SOURCE_DIR}/r/DESCRIPTION.in ${CMAKE_CURRENT_BINARY_DIR}/r-package/DESCRIPTION @ONLY)
file(GLOB_RECURSE r_core_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/include/*.hpp)
# The core's source and its private headers, compiled into the package.
file(GLOB r_core_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.hpp)
add_custom_command(OUTPUT ${HASHSET_R_PACKAGE}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${r_package_dir}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${r_package_dir}/R ${r_package_dir}/src
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_BINARY_DIR}/r-package/DESCRIPTION
          ${PROJECT_SOURCE_DIR}/r/NAMESPACE ${r_package_dir}
  COMMAND ${CMAKE_COMMAND} -E copy ${r_swig_code} ${r_package_dir}/R
  COMMAND ${CMAKE_COMMAND} -E copy ${r_swig_sources} ${r_package_dir}/src/hashset_wrap.cpp
  COMMAND ${CMAKE_COMMAND} -E copy ${r_core_sources} ${PROJECT_SOURCE_DIR}/r/Makevars
          ${r_package_dir}/src
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${PROJECT_SOURCE_DIR}/src/include ${r_package_dir}/src/include
  COMMAND ${HASHSET_R_EXECUTABLE} CMD build ${r_package_dir}
  WORKING_DIRECTORY ${HASHSET_R_PATH}
  # (SWIG writes hashset.R along with the wrapper, which is the rule's declared output.)
  DEPENDS ${r_swig_sources} ${CMAKE_CURRENT_BINARY_DIR}/r-package/DESCRIPTION
          ${PROJECT_SOURCE_DIR}/r/NAMESPACE ${PROJECT_SOURCE_DIR}/r/Makevars
          ${r_core_sources} ${r_core_headers}
  COMMENT "Building the R source package hashset_${PROJECT_VERSION}.tar.gz"
  VERBATIM)
add_custom_target(hashset_r_package ALL DEPENDS ${HASHSET_R_PACKAGE})

if(HASHSET_BUILD_TESTS)
  # r_leaks: memory over many create/fill/iterate/destroy cycles
  # (HASHSET_LONG=1 in the environment selects the long profile).
  foreach(suite conformance idioms leaks)
    add_test(NAME r_${suite}
      COMMAND ${HASHSET_RSCRIPT_EXECUTABLE} --vanilla ${PROJECT_SOURCE_DIR}/tests/r/run.R
              ${PROJECT_SOURCE_DIR}/tests/r/test_${suite}.R)
  endforeach()
  set_tests_properties(r_conformance r_idioms r_leaks PROPERTIES
    LABELS r
    ENVIRONMENT "HASHSET_R_PATH=${HASHSET_R_PATH};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  # R prints an error raised in a finalizer (one that fails to free a set) and
  # goes on: the leak test fails on it.
  set_tests_properties(r_leaks PROPERTIES FAIL_REGULAR_EXPRESSION "Error in|Error:")
  # Installs the source package into a fresh library and runs the README's example from it.
  add_test(NAME r_package
    COMMAND ${CMAKE_COMMAND} -DR=${HASHSET_R_EXECUTABLE} -DRSCRIPT=${HASHSET_RSCRIPT_EXECUTABLE}
            -DPACKAGE=${HASHSET_R_PACKAGE} -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/r-package-test
            -DEXAMPLE=${PROJECT_SOURCE_DIR}/tests/r/package_example.R
            -P ${PROJECT_SOURCE_DIR}/tests/r/package.cmake)
  set_tests_properties(r_package PROPERTIES LABELS r)
endif()
