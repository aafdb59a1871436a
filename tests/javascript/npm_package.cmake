# javascript_npm_package: `npm install --offline` the packed tarball into an
# empty project, then run tests/javascript/npm_example.js from that project.
# cmake -DNPM=... -DNODE=... -DPACKAGE=<.tgz> -DWORK_DIR=... -DEXAMPLE=... -P npm_package.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(WRITE ${WORK_DIR}/package.json "{ \"name\": \"hashset-consumer\", \"version\": \"1.0.0\", \"private\": true }\n")
file(COPY ${EXAMPLE} DESTINATION ${WORK_DIR})
get_filename_component(example_name ${EXAMPLE} NAME)
unset(ENV{NODE_PATH})
set(ENV{npm_config_cache} ${WORK_DIR}/npm-cache)
set(ENV{npm_config_userconfig} ${WORK_DIR}/npmrc)
set(ENV{npm_config_update_notifier} false)
include(${CMAKE_CURRENT_LIST_DIR}/../package_example.cmake)
run_package_step("npm install" COMMAND ${NPM} install --offline --no-audit --no-fund ${PACKAGE}
  WORKING_DIRECTORY ${WORK_DIR})
check_package_example(COMMAND ${NODE} ${example_name} WORKING_DIRECTORY ${WORK_DIR}
  OUTPUT_MATCHES "^2 true \\[ 3, 9223372036854775807n \\] true\nfrom node_modules/hashset/hashset.js\n$")
