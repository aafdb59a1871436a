# What every language binding shares: SWIG itself, the one interface file and
# a helper that adds a language's module from it.
find_package(SWIG 4.1 REQUIRED)
include(UseSWIG)

set(HASHSET_SWIG_INTERFACE ${PROJECT_SOURCE_DIR}/swig/hashset.i)
set_property(SOURCE ${HASHSET_SWIG_INTERFACE} PROPERTY CPLUSPLUS ON)
set_property(SOURCE ${HASHSET_SWIG_INTERFACE} PROPERTY USE_TARGET_INCLUDE_DIRECTORIES ON)

# hashset_add_swig_module(<target> LANGUAGE <swig-language> [TYPE MODULE|SHARED]
#                         [FOLDER <swig/ subfolder>] [OUTPUT_DIR <dir>]
#                         [MODULE_NAME <name>] [OPTIONS <swig options>...])
# Generates and compiles the wrapper of swig/hashset.i for one language, with
# swig/<FOLDER>/ on SWIG's include path and SWIG warnings as errors.
# MODULE_NAME replaces the interface's `%module hashset` for languages where
# that name clashes with the class HashSet (a file hashset.java beside
# HashSet.java); UseSWIG passes it to SWIG as -module and names its outputs
# after it.
function(hashset_add_swig_module target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "LANGUAGE;TYPE;OUTPUT_DIR;FOLDER;MODULE_NAME" "OPTIONS")
  if(ARG_MODULE_NAME)
    # Source properties are per directory: set it for this call only.
    get_property(module_name_before SOURCE ${HASHSET_SWIG_INTERFACE} PROPERTY SWIG_MODULE_NAME)
    set_property(SOURCE ${HASHSET_SWIG_INTERFACE} PROPERTY SWIG_MODULE_NAME ${ARG_MODULE_NAME})
  endif()
  if(NOT ARG_TYPE)
    set(ARG_TYPE MODULE)
  endif()
  if(NOT ARG_FOLDER)
    set(ARG_FOLDER ${ARG_LANGUAGE})
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/${ARG_FOLDER})
  endif()
  swig_add_library(${target}
    TYPE ${ARG_TYPE}
    LANGUAGE ${ARG_LANGUAGE}
    OUTPUT_DIR ${ARG_OUTPUT_DIR}
    OUTFILE_DIR ${CMAKE_CURRENT_BINARY_DIR}/swig-wrappers/${ARG_FOLDER}
    SOURCES ${HASHSET_SWIG_INTERFACE})
  if(ARG_MODULE_NAME)
    set_property(SOURCE ${HASHSET_SWIG_INTERFACE} PROPERTY SWIG_MODULE_NAME "${module_name_before}")
  endif()
  set_property(TARGET ${target} PROPERTY SWIG_INCLUDE_DIRECTORIES
    ${PROJECT_SOURCE_DIR}/swig/${ARG_FOLDER} ${PROJECT_SOURCE_DIR}/src/include)
  set_property(TARGET ${target} PROPERTY SWIG_COMPILE_OPTIONS -Werror -Wextra ${ARG_OPTIONS})
  set_property(TARGET ${target} PROPERTY SWIG_DEPENDS
    ${PROJECT_SOURCE_DIR}/src/include/hashset/hash_set.hpp)
  file(GLOB language_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/swig/${ARG_FOLDER}/*.i)
  set_property(TARGET ${target} APPEND PROPERTY SWIG_DEPENDS ${language_files})
  target_link_libraries(${target} PRIVATE hashset::hashset)
  # Several SWIG modules may share one process (the benchmarks load a few).
  set_property(TARGET ${target} PROPERTY CXX_VISIBILITY_PRESET hidden)
endfunction()
