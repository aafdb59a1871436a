# ruby_gem_package: `gem install --local` the built gem into an empty folder,
# then run tests/ruby/gem_example.rb with only that folder as GEM_HOME/GEM_PATH.
# cmake -DGEM=... -DRUBY=... -DPACKAGE=<.gem> -DWORK_DIR=... -DEXAMPLE=... -P gem_package.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(ENV{GEM_HOME} ${WORK_DIR}/gems)
set(ENV{GEM_PATH} ${WORK_DIR}/gems)
set(ENV{HOME} ${WORK_DIR})
include(${CMAKE_CURRENT_LIST_DIR}/../package_example.cmake)
run_package_step("gem install" COMMAND ${GEM} install --local --no-document --install-dir ${WORK_DIR}/gems ${PACKAGE}
  WORKING_DIRECTORY ${WORK_DIR})
check_package_example(COMMAND ${RUBY} ${EXAMPLE} WORKING_DIRECTORY ${WORK_DIR}
  OUTPUT_MATCHES "^true\n\\[-1, 1, 5, 9223372036854775807\\]\ntrue\nhashset-")
