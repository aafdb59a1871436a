option(HASHSET_RUBY "Build the Ruby binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_RUBY)
  return()
endif()
# Ruby: the extension hashset.so (module Hashset, class Hashset::HashSet) in
# ${CMAKE_BINARY_DIR}/ruby; put that folder on the load path (ruby -I) and
# `require "hashset"`.

find_program(HASHSET_RUBY_EXECUTABLE ruby)
if(NOT HASHSET_RUBY_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_RUBY is on but ruby was not found (Debian: scripts/install-deps.sh ruby)")
endif()
# Headers and link flags exactly as this interpreter was built.
foreach(key rubyhdrdir rubyarchhdrdir libdir LIBRUBYARG_SHARED DLEXT)
  execute_process(
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -rrbconfig -e "print RbConfig::CONFIG['${key}']"
    OUTPUT_VARIABLE ruby_${key} OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE ruby_result)
  if(NOT ruby_result EQUAL 0)
    message(FATAL_ERROR "HASHSET_RUBY is on but '${HASHSET_RUBY_EXECUTABLE} -rrbconfig' failed")
  endif()
endforeach()
if(NOT EXISTS ${ruby_rubyhdrdir}/ruby.h OR NOT EXISTS ${ruby_rubyarchhdrdir}/ruby/config.h)
  message(FATAL_ERROR "HASHSET_RUBY is on but Ruby's headers were not found in '${ruby_rubyhdrdir}' "
                      "(Debian: ruby-dev, scripts/install-deps.sh ruby)")
endif()
separate_arguments(ruby_link_flags UNIX_COMMAND "${ruby_LIBRUBYARG_SHARED}")

set(HASHSET_RUBY_PATH ${CMAKE_BINARY_DIR}/ruby)

# SWIG's module `hashset` becomes Ruby's module Hashset, loaded by Init_hashset
# from hashset.so.
hashset_add_swig_module(hashset_ruby
  LANGUAGE ruby
  FOLDER ruby
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/ruby-swig-support)
set_target_properties(hashset_ruby PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".${ruby_DLEXT}"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_RUBY_PATH})
target_include_directories(hashset_ruby SYSTEM PRIVATE ${ruby_rubyhdrdir} ${ruby_rubyarchhdrdir})
target_link_directories(hashset_ruby PRIVATE ${ruby_libdir})
target_link_libraries(hashset_ruby PRIVATE ${ruby_link_flags})

if(HASHSET_BUILD_TESTS)
  set(ruby_test_environment
    "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  add_test(NAME ruby_conformance
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -I${HASHSET_RUBY_PATH} ${PROJECT_SOURCE_DIR}/tests/ruby/test_conformance.rb)
  add_test(NAME ruby_idioms
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -I${HASHSET_RUBY_PATH} ${PROJECT_SOURCE_DIR}/tests/ruby/test_idioms.rb)
  set_tests_properties(ruby_conformance ruby_idioms PROPERTIES
    LABELS ruby
    ENVIRONMENT "${ruby_test_environment}")
endif()
