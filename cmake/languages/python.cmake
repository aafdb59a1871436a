# Python: the `hashset` package (python/hashset) around the SWIG module _hashset.
option(HASHSET_PYTHON "Build the Python package" ON)
if(NOT HASHSET_PYTHON)
  return()
endif()

# The interpreter is chosen by the caller (the presets name Debian's
# /usr/bin/python3, which has pytest); the tests run with this same one.
find_package(Python3 3.8 REQUIRED COMPONENTS Interpreter Development.Module)

set(HASHSET_PYTHON_PATH ${CMAKE_BINARY_DIR}/python)
set(package_dir ${HASHSET_PYTHON_PATH}/hashset)

hashset_add_swig_module(hashset_python_native
  LANGUAGE python
  # The generated hashset.py only re-exports the builtin types: the package's
  # own __init__.py imports _hashset directly, so it stays out of the package.
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/python-swig-support
  OPTIONS -builtin -doxygen)
set_target_properties(hashset_python_native PROPERTIES
  OUTPUT_NAME _hashset
  PREFIX ""
  SUFFIX ".${Python3_SOABI}${CMAKE_SHARED_MODULE_SUFFIX}"
  LIBRARY_OUTPUT_DIRECTORY ${package_dir})
target_link_libraries(hashset_python_native PRIVATE Python3::Module)

file(GLOB package_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/python/hashset/*.py
     ${PROJECT_SOURCE_DIR}/python/hashset/*.pyi ${PROJECT_SOURCE_DIR}/python/hashset/py.typed)
set(package_copies)
foreach(source IN LISTS package_sources)
  get_filename_component(name ${source} NAME)
  add_custom_command(OUTPUT ${package_dir}/${name}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${source} ${package_dir}/${name}
    DEPENDS ${source})
  list(APPEND package_copies ${package_dir}/${name})
endforeach()
add_custom_target(hashset_python ALL DEPENDS ${package_copies})
add_dependencies(hashset_python hashset_python_native)

add_custom_target(demo
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${HASHSET_PYTHON_PATH}
          ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/python/examples/demo.py
  DEPENDS hashset_python
  USES_TERMINAL)

if(HASHSET_BUILD_TESTS)
  add_test(NAME python
    COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider ${PROJECT_SOURCE_DIR}/tests/python)
  set_tests_properties(python PROPERTIES
    LABELS python
    ENVIRONMENT "PYTHONPATH=${HASHSET_PYTHON_PATH};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  # The same tests against the wheel that `python3 -m build` makes, installed
  # in a fresh venv.
  add_test(NAME python_wheel
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/python/run_wheel_test.py
            ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/python-wheel-test)
  set_tests_properties(python_wheel PROPERTIES LABELS python)
endif()
