# Perl 5: the module hashset.pm (class hashset::HashSet) and its XS library
# auto/hashset/hashset.so, both in ${CMAKE_BINARY_DIR}/perl (put it on PERL5LIB).
option(HASHSET_PERL "Build the Perl binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_PERL)
  return()
endif()

find_program(HASHSET_PERL_EXECUTABLE perl)
if(NOT HASHSET_PERL_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_PERL is on but perl was not found (Debian: scripts/install-deps.sh perl)")
endif()
# The compiler flags perl itself was built with (they fix the layout of its structs).
execute_process(
  COMMAND ${HASHSET_PERL_EXECUTABLE} -MExtUtils::Embed -e ccopts
  OUTPUT_VARIABLE perl_ccopts OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE perl_result)
execute_process(
  COMMAND ${HASHSET_PERL_EXECUTABLE} -MConfig -e [[print "$Config{archlibexp}/CORE"]]
  OUTPUT_VARIABLE perl_core_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(
  COMMAND ${HASHSET_PERL_EXECUTABLE} -MConfig -e [[print $Config{dlext}]]
  OUTPUT_VARIABLE perl_dlext OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT perl_result EQUAL 0 OR NOT EXISTS ${perl_core_dir}/perl.h)
  message(FATAL_ERROR "HASHSET_PERL is on but perl's headers (perl.h) were not found "
                      "in '${perl_core_dir}' (Debian: libperl-dev, scripts/install-deps.sh perl)")
endif()
separate_arguments(perl_ccopts UNIX_COMMAND "${perl_ccopts}")

set(HASHSET_PERL_PATH ${CMAKE_BINARY_DIR}/perl)

# DynaLoader's `bootstrap hashset` looks for auto/hashset/hashset.<dlext> on @INC.
hashset_add_swig_module(hashset_perl
  LANGUAGE perl5
  FOLDER perl
  OUTPUT_DIR ${HASHSET_PERL_PATH})
set_target_properties(hashset_perl PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".${perl_dlext}"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_PERL_PATH}/auto/hashset)
target_compile_options(hashset_perl PRIVATE ${perl_ccopts})
# Symbols of libperl come from the running perl: no link to libperl.

if(HASHSET_BUILD_TESTS)
  find_program(HASHSET_PROVE_EXECUTABLE prove)
  if(NOT HASHSET_PROVE_EXECUTABLE)
    message(FATAL_ERROR "HASHSET_PERL is on but prove (perl's Test::Harness) was not found")
  endif()
  set(perl_test_environment
    "PERL5LIB=${HASHSET_PERL_PATH}"
    "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  add_test(NAME perl_conformance
    COMMAND ${HASHSET_PROVE_EXECUTABLE} --norc -v ${PROJECT_SOURCE_DIR}/tests/perl/conformance.t)
  add_test(NAME perl_idioms
    COMMAND ${HASHSET_PROVE_EXECUTABLE} --norc ${PROJECT_SOURCE_DIR}/tests/perl/idioms.t)
  # perl_leaks: memory over many create/fill/iterate/destroy cycles
  # (HASHSET_LONG=1 in the environment selects the long profile).
  add_test(NAME perl_leaks
    COMMAND ${HASHSET_PROVE_EXECUTABLE} --norc -v ${PROJECT_SOURCE_DIR}/tests/perl/leaks.t)
  set_tests_properties(perl_conformance perl_idioms perl_leaks PROPERTIES
    LABELS perl
    ENVIRONMENT "${perl_test_environment}")
  # perl_threads: sets under ithreads (docs/threads.md), for a perl built with them.
  execute_process(COMMAND ${HASHSET_PERL_EXECUTABLE} -MConfig -e [[exit($Config{useithreads} ? 0 : 1)]]
    RESULT_VARIABLE perl_ithreads_result)
  if(perl_ithreads_result EQUAL 0)
    add_test(NAME perl_threads
      COMMAND ${HASHSET_PROVE_EXECUTABLE} --norc -v ${PROJECT_SOURCE_DIR}/tests/perl/threads.t)
    set_tests_properties(perl_threads PROPERTIES
      LABELS perl
      ENVIRONMENT "${perl_test_environment}")
  endif()
endif()
