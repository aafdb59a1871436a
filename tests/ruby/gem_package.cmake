# ruby_gem_package: `gem install --local` the built gem into an empty folder,
# then run tests/ruby/gem_example.rb with only that folder as GEM_HOME/GEM_PATH.
# cmake -DGEM=... -DRUBY=... -DPACKAGE=<.gem> -DWORK_DIR=... -DEXAMPLE=... -P gem_package.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(ENV{GEM_HOME} ${WORK_DIR}/gems)
set(ENV{GEM_PATH} ${WORK_DIR}/gems)
set(ENV{HOME} ${WORK_DIR})
execute_process(
  COMMAND ${GEM} install --local --no-document --install-dir ${WORK_DIR}/gems ${PACKAGE}
  WORKING_DIRECTORY ${WORK_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "gem install failed (${result})")
endif()
execute_process(
  COMMAND ${RUBY} ${EXAMPLE}
  WORKING_DIRECTORY ${WORK_DIR}
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result)
message("${output}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the example failed (${result})")
endif()
if(NOT output MATCHES "^true\n\\[-1, 1, 5, 9223372036854775807\\]\ntrue\nhashset-")
  message(FATAL_ERROR "unexpected output from the example")
endif()
