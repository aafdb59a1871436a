# JavaScript (Node.js): the `hashset` package (javascript/) around the SWIG
# addon hashset_native.node, built by CMake (no node-gyp) against the headers
# of the Node that runs the tests.
option(HASHSET_JAVASCRIPT "Build the JavaScript (Node.js) binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_JAVASCRIPT)
  return()
endif()

find_program(HASHSET_NODE_EXECUTABLE NAMES node nodejs)
if(NOT HASHSET_NODE_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_JAVASCRIPT is on but no `node` was found: "
                      "run scripts/install-deps.sh javascript, or -DHASHSET_JAVASCRIPT=OFF")
endif()
# The headers of this Node: <prefix>/include/node beside <prefix>/bin/node.
get_filename_component(node_bin_dir ${HASHSET_NODE_EXECUTABLE} DIRECTORY)
get_filename_component(node_prefix ${node_bin_dir} DIRECTORY)
find_path(HASHSET_NODE_INCLUDE_DIR node.h
  HINTS ${node_prefix}/include/node
  PATHS /usr/include/node /usr/local/include/node
  NO_DEFAULT_PATH)
if(NOT HASHSET_NODE_INCLUDE_DIR)
  message(FATAL_ERROR "HASHSET_JAVASCRIPT is on but node.h (the Node.js headers) was not found "
                      "(Debian's own nodejs needs libnode-dev); or -DHASHSET_JAVASCRIPT=OFF")
endif()

set(HASHSET_JAVASCRIPT_PATH ${CMAKE_BINARY_DIR}/javascript/node_modules)
set(js_package_dir ${HASHSET_JAVASCRIPT_PATH}/hashset)

hashset_add_swig_module(hashset_javascript_native
  LANGUAGE javascript
  FOLDER javascript
  OPTIONS -node)
set_target_properties(hashset_javascript_native PROPERTIES
  OUTPUT_NAME hashset_native
  PREFIX ""
  SUFFIX ".node"
  LIBRARY_OUTPUT_DIRECTORY ${js_package_dir})
target_include_directories(hashset_javascript_native PRIVATE ${HASHSET_NODE_INCLUDE_DIR})
target_compile_definitions(hashset_javascript_native PRIVATE BUILDING_NODE_EXTENSION)
# No link against node: its symbols come from the process that loads the addon.

file(GLOB js_package_sources CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/javascript/*.js ${PROJECT_SOURCE_DIR}/javascript/*.json
  ${PROJECT_SOURCE_DIR}/javascript/*.d.ts)
set(js_package_copies)
foreach(source IN LISTS js_package_sources)
  get_filename_component(name ${source} NAME)
  add_custom_command(OUTPUT ${js_package_dir}/${name}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${source} ${js_package_dir}/${name}
    DEPENDS ${source})
  list(APPEND js_package_copies ${js_package_dir}/${name})
endforeach()
add_custom_target(hashset_javascript ALL DEPENDS ${js_package_copies})
add_dependencies(hashset_javascript hashset_javascript_native)

# `npm pack` of that folder: ${CMAKE_BINARY_DIR}/javascript/hashset-<version>.tgz,
# installable offline with `npm install <tarball>`. The addon inside is built
# for this Node's ABI and platform. npm's cache stays in the build tree.
find_program(HASHSET_NPM_EXECUTABLE NAMES npm HINTS ${node_bin_dir})
if(HASHSET_NPM_EXECUTABLE)
  file(READ ${PROJECT_SOURCE_DIR}/javascript/package.json js_package_json)
  string(JSON js_package_version GET "${js_package_json}" version)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/javascript/package.json)
  set(HASHSET_NPM_TARBALL ${CMAKE_BINARY_DIR}/javascript/hashset-${js_package_version}.tgz)
  set(js_npm_env
    npm_config_cache=${CMAKE_BINARY_DIR}/javascript/npm-cache
    npm_config_update_notifier=false
    npm_config_offline=true
    npm_config_audit=false
    npm_config_fund=false)
  add_custom_command(OUTPUT ${HASHSET_NPM_TARBALL}
    COMMAND ${CMAKE_COMMAND} -E env ${js_npm_env}
            ${HASHSET_NPM_EXECUTABLE} pack --silent --pack-destination ${CMAKE_BINARY_DIR}/javascript .
    WORKING_DIRECTORY ${js_package_dir}
    DEPENDS hashset_javascript_native $<TARGET_FILE:hashset_javascript_native> ${js_package_copies}
    COMMENT "Packing the hashset Node package into hashset-${js_package_version}.tgz"
    VERBATIM)
  add_custom_target(hashset_javascript_npm ALL DEPENDS ${HASHSET_NPM_TARBALL})
else()
  message(STATUS "HASHSET_JAVASCRIPT: no `npm` was found, so no npm tarball is built")
endif()

if(HASHSET_BUILD_TESTS)
  # javascript_leaks: memory over many create/fill/iterate/destroy cycles
  # (HASHSET_LONG=1 in the environment selects the long profile).
  foreach(test_name conformance idioms leaks)
    add_test(NAME javascript_${test_name}
      COMMAND ${HASHSET_NODE_EXECUTABLE} --test
              ${PROJECT_SOURCE_DIR}/tests/javascript/${test_name}.test.js)
    set_tests_properties(javascript_${test_name} PROPERTIES
      LABELS javascript
      ENVIRONMENT "NODE_PATH=${HASHSET_JAVASCRIPT_PATH};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
  if(HASHSET_NPM_TARBALL)
    # Installs the tarball offline into a fresh project and runs the README's example there.
    add_test(NAME javascript_npm_package
      COMMAND ${CMAKE_COMMAND} -DNPM=${HASHSET_NPM_EXECUTABLE} -DNODE=${HASHSET_NODE_EXECUTABLE}
              -DPACKAGE=${HASHSET_NPM_TARBALL} -DWORK_DIR=${CMAKE_BINARY_DIR}/javascript/npm-test
              -DEXAMPLE=${PROJECT_SOURCE_DIR}/tests/javascript/npm_example.js
              -P ${PROJECT_SOURCE_DIR}/tests/javascript/npm_package.cmake)
    set_tests_properties(javascript_npm_package PROPERTIES LABELS javascript)
  endif()
endif()
