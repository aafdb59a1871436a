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
foreach(key rubyhdrdir rubyarchhdrdir libdir bindir LIBRUBYARG_SHARED DLEXT)
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

# A platform gem holding the prebuilt extension: hashset-<version>-<platform>.gem
# in ${HASHSET_RUBY_PATH}, built offline by `gem build` from ruby/hashset.gemspec.in.
find_program(HASHSET_GEM_EXECUTABLE NAMES gem gem3.1 HINTS ${ruby_bindir})
execute_process(
  COMMAND ${HASHSET_RUBY_EXECUTABLE} -e "print Gem::Platform.local.to_s, ' ', RbConfig::CONFIG['ruby_version']"
  OUTPUT_VARIABLE ruby_gem_facts OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE ruby_result)
if(HASHSET_GEM_EXECUTABLE AND ruby_result EQUAL 0)
  separate_arguments(ruby_gem_facts UNIX_COMMAND "${ruby_gem_facts}")
  list(GET ruby_gem_facts 0 ruby_gem_platform)
  list(GET ruby_gem_facts 1 ruby_abi_version)
  set(ruby_gem_dir ${CMAKE_CURRENT_BINARY_DIR}/ruby-gem)
  set(HASHSET_RUBY_GEM ${HASHSET_RUBY_PATH}/hashset-${PROJECT_VERSION}-${ruby_gem_platform}.gem)
  configure_file(${PROJECT_SOURCE_DIR}/ruby/hashset.gemspec.in ${ruby_gem_dir}/hashset.gemspec @ONLY)
  add_custom_command(OUTPUT ${HASHSET_RUBY_GEM}
    COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:hashset_ruby> ${ruby_gem_dir}/lib/$<TARGET_FILE_NAME:hashset_ruby>
    COMMAND ${HASHSET_GEM_EXECUTABLE} build --quiet hashset.gemspec --output ${HASHSET_RUBY_GEM}
    WORKING_DIRECTORY ${ruby_gem_dir}
    DEPENDS hashset_ruby $<TARGET_FILE:hashset_ruby> ${ruby_gem_dir}/hashset.gemspec
    COMMENT "Packing hashset.so into the gem hashset-${PROJECT_VERSION}-${ruby_gem_platform}.gem"
    VERBATIM)
  add_custom_target(hashset_ruby_gem ALL DEPENDS ${HASHSET_RUBY_GEM})
else()
  message(STATUS "HASHSET_RUBY: no `gem` program (Debian: ruby-rubygems), so no gem is built")
endif()

if(HASHSET_BUILD_TESTS)
  set(ruby_test_environment
    "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  add_test(NAME ruby_conformance
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -I${HASHSET_RUBY_PATH} ${PROJECT_SOURCE_DIR}/tests/ruby/test_conformance.rb)
  add_test(NAME ruby_idioms
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -I${HASHSET_RUBY_PATH} ${PROJECT_SOURCE_DIR}/tests/ruby/test_idioms.rb)
  # ruby_threads: the threading contract (docs/threads.md); ruby_leaks: memory
  # over many create/fill/iterate/destroy cycles. HASHSET_LONG=1 in the
  # environment selects their long profiles.
  add_test(NAME ruby_threads
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -I${HASHSET_RUBY_PATH} ${PROJECT_SOURCE_DIR}/tests/ruby/test_threads.rb)
  add_test(NAME ruby_leaks
    COMMAND ${HASHSET_RUBY_EXECUTABLE} -I${HASHSET_RUBY_PATH} ${PROJECT_SOURCE_DIR}/tests/ruby/test_leaks.rb)
  set_tests_properties(ruby_conformance ruby_idioms ruby_threads ruby_leaks PROPERTIES
    LABELS ruby
    ENVIRONMENT "${ruby_test_environment}")
  if(HASHSET_RUBY_GEM)
    # Installs the gem into a fresh folder and runs the README's example from it.
    add_test(NAME ruby_gem_package
      COMMAND ${CMAKE_COMMAND} -DGEM=${HASHSET_GEM_EXECUTABLE} -DRUBY=${HASHSET_RUBY_EXECUTABLE}
              -DPACKAGE=${HASHSET_RUBY_GEM} -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/ruby-gem-test
              -DEXAMPLE=${PROJECT_SOURCE_DIR}/tests/ruby/gem_example.rb
              -P ${PROJECT_SOURCE_DIR}/tests/ruby/gem_package.cmake)
    set_tests_properties(ruby_gem_package PROPERTIES LABELS ruby)
  endif()
endif()
