option(HASHSET_OCTAVE "Build the Octave binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_OCTAVE)
  return()
endif()
# Octave: the module hashset.oct in ${CMAKE_BINARY_DIR}/octave; put that folder
# on Octave's path (addpath) and run `hashset;` to load it: then
# `s = hashset.HashSet()` makes a set.

find_program(HASHSET_OCTAVE_EXECUTABLE octave-cli)
find_program(HASHSET_MKOCTFILE_EXECUTABLE mkoctfile)
if(NOT HASHSET_OCTAVE_EXECUTABLE OR NOT HASHSET_MKOCTFILE_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_OCTAVE is on but octave-cli or mkoctfile was not found "
                      "(Debian: octave, liboctave-dev; scripts/install-deps.sh octave)")
endif()
# The compiler and linker flags of the installed Octave, as mkoctfile would
# use them (compiling through CMake is much faster than running mkoctfile).
foreach(key OCTINCLUDEDIR OCTLIBDIR)
  execute_process(
    COMMAND ${HASHSET_MKOCTFILE_EXECUTABLE} -p ${key}
    OUTPUT_VARIABLE octave_${key} OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE octave_result)
  if(NOT octave_result EQUAL 0)
    message(FATAL_ERROR "HASHSET_OCTAVE is on but '${HASHSET_MKOCTFILE_EXECUTABLE} -p ${key}' failed")
  endif()
endforeach()
if(NOT EXISTS ${octave_OCTINCLUDEDIR}/oct.h)
  message(FATAL_ERROR "HASHSET_OCTAVE is on but Octave's headers (oct.h) were not found in "
                      "'${octave_OCTINCLUDEDIR}' (Debian: liboctave-dev, scripts/install-deps.sh octave)")
endif()

set(HASHSET_OCTAVE_PATH ${CMAKE_BINARY_DIR}/octave)

hashset_add_swig_module(hashset_octave
  LANGUAGE octave
  FOLDER octave
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/octave-swig-support)
set_target_properties(hashset_octave PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".oct"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_OCTAVE_PATH})
target_include_directories(hashset_octave SYSTEM PRIVATE ${octave_OCTINCLUDEDIR}/.. ${octave_OCTINCLUDEDIR})
target_link_directories(hashset_octave PRIVATE ${octave_OCTLIBDIR})
target_link_libraries(hashset_octave PRIVATE octinterp octave)
# Octave loads the module through its exported installer function (DEFUN_DLD).
# Debian's Octave is built without visibility flags, so its OCTAVE_EXPORT is
# empty and the helper's hidden visibility would hide that function: turn on
# the flag that makes OCTAVE_EXPORT mean default visibility (only the
# installer is exported; everything else stays hidden).
target_compile_definitions(hashset_octave PRIVATE OCTAVE_ENABLE_LIB_VISIBILITY_FLAGS)

if(HASHSET_BUILD_TESTS)
  # Octave's test() runs the %!test blocks of a file and returns false when one
  # fails; exit() turns that into the status ctest sees. The module is loaded
  # first so that test() does not report its globals as leaked by the file.
  # octave_leaks: memory over many create/fill/iterate/destroy cycles
  # (HASHSET_LONG=1 in the environment selects the long profile).
  foreach(suite conformance idioms leaks)
    add_test(NAME octave_${suite}
      COMMAND ${HASHSET_OCTAVE_EXECUTABLE} --no-gui --no-init-file --no-site-file --quiet
              --path ${HASHSET_OCTAVE_PATH} --path ${PROJECT_SOURCE_DIR}/tests/octave
              --eval "hashset; exit(double(!test('test_${suite}', 'quiet', stdout)))")
    set_tests_properties(octave_${suite} PROPERTIES
      LABELS octave
      ENVIRONMENT "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
endif()
