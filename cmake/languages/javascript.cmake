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

if(HASHSET_BUILD_TESTS)
  foreach(test_name conformance idioms)
    add_test(NAME javascript_${test_name}
      COMMAND ${HASHSET_NODE_EXECUTABLE} --test
              ${PROJECT_SOURCE_DIR}/tests/javascript/${test_name}.test.js)
    set_tests_properties(javascript_${test_name} PROPERTIES
      LABELS javascript
      ENVIRONMENT "NODE_PATH=${HASHSET_JAVASCRIPT_PATH};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
endif()
