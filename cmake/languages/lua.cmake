option(HASHSET_LUA "Build the Lua binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_LUA)
  return()
endif()
# Lua 5.4: the C module hashset.so (require "hashset" -> table with class
# hashset.HashSet) in ${CMAKE_BINARY_DIR}/lua; put that folder on LUA_CPATH
# ("<dir>/?.so;;").

find_program(HASHSET_LUA_EXECUTABLE NAMES lua5.4)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(HASHSET_LUA_PC QUIET lua5.4)
endif()
if(NOT HASHSET_LUA_EXECUTABLE OR NOT HASHSET_LUA_PC_FOUND)
  message(FATAL_ERROR "HASHSET_LUA is on but lua5.4 or its headers (pkg-config lua5.4) were not found "
                      "(Debian: lua5.4, liblua5.4-dev; scripts/install-deps.sh lua)")
endif()

set(HASHSET_LUA_PATH ${CMAKE_BINARY_DIR}/lua)

# SWIG's module `hashset` is opened by luaopen_hashset in hashset.so.
hashset_add_swig_module(hashset_lua
  LANGUAGE lua
  FOLDER lua
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/lua-swig-support)
set_target_properties(hashset_lua PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".so"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_LUA_PATH})
target_include_directories(hashset_lua SYSTEM PRIVATE ${HASHSET_LUA_PC_INCLUDE_DIRS})
# Lua's C API comes from the interpreter that loads the module: no link to liblua.

if(HASHSET_BUILD_TESTS)
  # Debian's busted is a script for `lua` (an alternative that may point to
  # another version): run its runner with lua5.4 explicitly.
  find_program(HASHSET_BUSTED_EXECUTABLE busted)
  execute_process(
    COMMAND ${HASHSET_LUA_EXECUTABLE} -e "require('busted.runner')"
    RESULT_VARIABLE busted_result OUTPUT_QUIET ERROR_QUIET)
  if(NOT HASHSET_BUSTED_EXECUTABLE OR NOT busted_result EQUAL 0)
    message(FATAL_ERROR "HASHSET_LUA is on but busted for Lua 5.4 was not found "
                        "(Debian: lua-busted, scripts/install-deps.sh lua)")
  endif()
  # The tests put HASHSET_LUA_PATH/?.so in front of package.cpath (a `;`
  # in LUA_CPATH would split this CMake list).
  set(lua_test_environment
    "HASHSET_LUA_PATH=${HASHSET_LUA_PATH}"
    "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  # lua_leaks: memory over many create/fill/iterate/destroy cycles
  # (HASHSET_LONG=1 in the environment selects the long profile).
  foreach(name conformance idioms leaks)
    add_test(NAME lua_${name}
      COMMAND ${HASHSET_LUA_EXECUTABLE} ${HASHSET_BUSTED_EXECUTABLE} --output=TAP
              ${PROJECT_SOURCE_DIR}/tests/lua/${name}_spec.lua)
    set_tests_properties(lua_${name} PROPERTIES
      LABELS lua
      ENVIRONMENT "${lua_test_environment}")
  endforeach()
endif()
