option(HASHSET_GUILE "Build the Guile binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_GUILE)
  return()
endif()
# Guile 3.0: the extension libguile-hashset.so (in ${CMAKE_BINARY_DIR}/guile)
# and the Scheme module (hashset) (guile/hashset.scm, compiled beside it).
# Put the folder on GUILE_EXTENSIONS_PATH, guile/ on the load path
# (guile -L) and the build folder on GUILE_LOAD_COMPILED_PATH, then
# (use-modules (hashset)).

find_package(PkgConfig)
if(PkgConfig_FOUND)
  pkg_check_modules(GUILE IMPORTED_TARGET guile-3.0)
endif()
find_program(HASHSET_GUILE_EXECUTABLE NAMES guile-3.0 guile)
find_program(HASHSET_GUILD_EXECUTABLE NAMES guild-3.0 guild)
if(NOT GUILE_FOUND OR NOT HASHSET_GUILE_EXECUTABLE OR NOT HASHSET_GUILD_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_GUILE is on but Guile 3.0 (guile, guild and `pkg-config guile-3.0`) "
                      "was not found (Debian: guile-3.0-dev, scripts/install-deps.sh guile)")
endif()

set(HASHSET_GUILE_PATH ${CMAKE_BINARY_DIR}/guile)

hashset_add_swig_module(hashset_guile
  LANGUAGE guile
  FOLDER guile
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/guile-swig-support)
set_target_properties(hashset_guile PROPERTIES
  OUTPUT_NAME guile-hashset
  PREFIX lib
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_GUILE_PATH})
target_link_libraries(hashset_guile PRIVATE PkgConfig::GUILE)

# The module compiled ahead of time (guild also loads the extension, so its
# primitives are known and any unbound name is reported).
set(guile_module_source ${PROJECT_SOURCE_DIR}/guile/hashset.scm)
set(guile_module_object ${HASHSET_GUILE_PATH}/hashset.go)
add_custom_command(OUTPUT ${guile_module_object}
  COMMAND ${CMAKE_COMMAND} -E env GUILE_EXTENSIONS_PATH=${HASHSET_GUILE_PATH} GUILE_AUTO_COMPILE=0
          ${HASHSET_GUILD_EXECUTABLE} compile -Wunbound-variable -Warity-mismatch -Wformat
          -L ${PROJECT_SOURCE_DIR}/guile -o ${guile_module_object} ${guile_module_source}
  DEPENDS ${guile_module_source} hashset_guile
  COMMENT "Compiling the Guile module (hashset)"
  VERBATIM)
add_custom_target(hashset_guile_module ALL DEPENDS ${guile_module_object})

if(HASHSET_BUILD_TESTS)
  set(guile_test_environment
    "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt"
    "GUILE_EXTENSIONS_PATH=${HASHSET_GUILE_PATH}"
    "GUILE_LOAD_COMPILED_PATH=${HASHSET_GUILE_PATH}"
    "GUILE_AUTO_COMPILE=0")
  # guile_leaks: memory over many create/fill/iterate/destroy cycles;
  # guile_threads: the threading contract (docs/threads.md)
  # (HASHSET_LONG=1 in the environment selects their long profiles).
  foreach(test conformance idioms leaks threads)
    add_test(NAME guile_${test}
      COMMAND ${HASHSET_GUILE_EXECUTABLE} --no-auto-compile -L ${PROJECT_SOURCE_DIR}/guile
              ${PROJECT_SOURCE_DIR}/tests/guile/test-${test}.scm)
  endforeach()
  set_tests_properties(guile_conformance guile_idioms guile_leaks guile_threads PROPERTIES
    LABELS guile
    ENVIRONMENT "${guile_test_environment}")
endif()
