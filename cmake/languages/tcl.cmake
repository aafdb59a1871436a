option(HASHSET_TCL "Build the Tcl binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_TCL)
  return()
endif()
# Tcl 8.6: the loadable package hashset.so (namespace ::hashset) and its
# pkgIndex.tcl in ${CMAKE_BINARY_DIR}/tcl. Put that folder on auto_path
# (TCLLIBPATH) and `package require hashset`, or `load .../hashset.so`.
# Built against Tcl's stubs, so one build loads in any Tcl >= 8.6.

find_program(HASHSET_TCLSH_EXECUTABLE NAMES tclsh8.6 tclsh)
find_file(HASHSET_TCL_CONFIG tclConfig.sh
  PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/tcl8.6 /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}
        /usr/lib/tcl8.6 /usr/lib /usr/local/lib/tcl8.6 /usr/local/lib
  NO_DEFAULT_PATH)
if(NOT HASHSET_TCLSH_EXECUTABLE OR NOT HASHSET_TCL_CONFIG)
  message(FATAL_ERROR "HASHSET_TCL is on but tclsh or tclConfig.sh was not found "
                      "(Debian: tcl tcl-dev, scripts/install-deps.sh tcl)")
endif()
# The include and stub-library flags exactly as this Tcl was built.
execute_process(
  COMMAND sh -c ". '${HASHSET_TCL_CONFIG}' && printf '%s\\n%s\\n%s\\n' \"$TCL_VERSION\" \"$TCL_INCLUDE_SPEC\" \"$TCL_STUB_LIB_PATH\""
  OUTPUT_VARIABLE tcl_config OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE tcl_result)
string(REPLACE "\n" ";" tcl_config "${tcl_config}")
list(LENGTH tcl_config tcl_config_length)
if(NOT tcl_result EQUAL 0 OR NOT tcl_config_length EQUAL 3)
  message(FATAL_ERROR "HASHSET_TCL is on but '${HASHSET_TCL_CONFIG}' could not be read")
endif()
list(GET tcl_config 0 tcl_version)
list(GET tcl_config 1 tcl_include_spec)
list(GET tcl_config 2 tcl_stub_library)
if(tcl_version VERSION_LESS 8.6 OR NOT tcl_version VERSION_LESS 9.0)
  message(FATAL_ERROR "HASHSET_TCL needs Tcl 8.6, found ${tcl_version} ('${HASHSET_TCL_CONFIG}')")
endif()
separate_arguments(tcl_include_spec UNIX_COMMAND "${tcl_include_spec}")
string(REGEX REPLACE "^-I" "" tcl_include_dir "${tcl_include_spec}")
if(NOT EXISTS ${tcl_include_dir}/tcl.h OR NOT EXISTS ${tcl_stub_library})
  message(FATAL_ERROR "HASHSET_TCL is on but tcl.h or the stub library '${tcl_stub_library}' "
                      "was not found (Debian: tcl-dev, scripts/install-deps.sh tcl)")
endif()

set(HASHSET_TCL_PATH ${CMAKE_BINARY_DIR}/tcl)

# -namespace: every command is in ::hashset (Hashset_Init provides package hashset).
hashset_add_swig_module(hashset_tcl
  LANGUAGE tcl
  FOLDER tcl
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/tcl-swig-support
  OPTIONS -namespace -pkgversion ${PROJECT_VERSION})
set_target_properties(hashset_tcl PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".so"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_TCL_PATH})
target_include_directories(hashset_tcl SYSTEM PRIVATE ${tcl_include_dir})
target_compile_definitions(hashset_tcl PRIVATE USE_TCL_STUBS SWIG_TCL_STUBS_VERSION="8.6")
target_link_libraries(hashset_tcl PRIVATE ${tcl_stub_library})
# The stub library is static: it goes into a shared object.
set_property(TARGET hashset_tcl PROPERTY POSITION_INDEPENDENT_CODE ON)

file(GENERATE OUTPUT ${HASHSET_TCL_PATH}/pkgIndex.tcl CONTENT
"if {![package vsatisfies [package provide Tcl] 8.6]} return
package ifneeded hashset ${PROJECT_VERSION} [list load [file join $dir hashset.so] Hashset]
")

if(HASHSET_BUILD_TESTS)
  set(tcl_test_environment
    "TCLLIBPATH={${HASHSET_TCL_PATH}}"
    "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  add_test(NAME tcl_conformance
    COMMAND ${HASHSET_TCLSH_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tcl/conformance.test)
  add_test(NAME tcl_idioms
    COMMAND ${HASHSET_TCLSH_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tcl/idioms.test)
  # tcl_leaks: memory over many create/fill/iterate/destroy cycles
  # (HASHSET_LONG=1 in the environment selects the long profile).
  add_test(NAME tcl_leaks
    COMMAND ${HASHSET_TCLSH_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tcl/leaks.test)
  set_tests_properties(tcl_conformance tcl_idioms tcl_leaks PROPERTIES
    LABELS tcl
    ENVIRONMENT "${tcl_test_environment}")
endif()
