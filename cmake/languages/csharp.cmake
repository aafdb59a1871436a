# C#: the assembly HashSetLib.dll (namespace HashSetLib, class HashSet : ISet<long>)
# over the native library libhashset_csharp.so, built with Mono's mcs and
# tested with NUnit 2.6 (nunit-console).
option(HASHSET_CSHARP "Build the C# binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_CSHARP)
  return()
endif()

find_program(HASHSET_MCS mcs)
find_program(HASHSET_MONO mono)
if(NOT HASHSET_MCS OR NOT HASHSET_MONO)
  message(FATAL_ERROR "HASHSET_CSHARP is ON but Mono's mcs/mono were not found: "
                      "install the packages of scripts/deps/csharp.txt (scripts/install-deps.sh csharp) "
                      "or configure with -DHASHSET_CSHARP=OFF")
endif()

set(csharp_dir ${CMAKE_BINARY_DIR}/csharp)
set(csharp_swig_dir ${CMAKE_CURRENT_BINARY_DIR}/csharp-swig)

# The module class would be `hashset`, whose file clashes with HashSet.cs on
# case-insensitive file systems (SWIG warning 518): name it HashSetModule.
# UseSWIG adds `-dllimport libhashset_csharp` (the library's file name) itself.
hashset_add_swig_module(hashset_csharp_native
  LANGUAGE csharp
  FOLDER csharp
  MODULE_NAME HashSetModule
  OUTPUT_DIR ${csharp_swig_dir}
  OPTIONS -namespace HashSetLib)
set_target_properties(hashset_csharp_native PROPERTIES
  OUTPUT_NAME hashset_csharp
  PREFIX "lib"
  LIBRARY_OUTPUT_DIRECTORY ${csharp_dir})

# The C# files SWIG writes (one per class, plus the module and P/Invoke classes).
set(csharp_generated
  ${csharp_swig_dir}/HashSet.cs
  ${csharp_swig_dir}/HashSetIterator.cs
  ${csharp_swig_dir}/HashSetModule.cs
  ${csharp_swig_dir}/HashSetModulePINVOKE.cs)
set(csharp_assembly ${csharp_dir}/HashSetLib.dll)
add_custom_command(OUTPUT ${csharp_assembly}
  COMMAND ${HASHSET_MCS} -nologo -target:library -optimize+ -warnaserror+
          -doc:${csharp_dir}/HashSetLib.xml -nowarn:1591
          -out:${csharp_assembly} ${csharp_generated}
  DEPENDS hashset_csharp_native
  COMMENT "Compiling HashSetLib.dll"
  VERBATIM)
set(csharp_outputs ${csharp_assembly})

if(HASHSET_BUILD_TESTS)
  find_program(HASHSET_NUNIT_CONSOLE nunit-console)
  find_file(HASHSET_NUNIT_FRAMEWORK nunit.framework.dll
    PATHS /usr/lib/cli/nunit.framework-2.6.3 /usr/lib/nunit /usr/lib/cli
    PATH_SUFFIXES nunit.framework-2.6.3)
  if(NOT HASHSET_NUNIT_CONSOLE OR NOT HASHSET_NUNIT_FRAMEWORK)
    message(FATAL_ERROR "HASHSET_CSHARP tests need NUnit 2.6 (nunit-console, libnunit-cil-dev): "
                        "install scripts/deps/csharp.txt or configure with -DHASHSET_BUILD_TESTS=OFF")
  endif()
  file(GLOB csharp_test_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/csharp/*.cs)
  set(csharp_tests ${csharp_dir}/HashSetLib.Tests.dll)
  add_custom_command(OUTPUT ${csharp_tests}
    COMMAND ${HASHSET_MCS} -nologo -target:library -warnaserror+
            -r:${csharp_assembly} -r:${HASHSET_NUNIT_FRAMEWORK}
            -out:${csharp_tests} ${csharp_test_sources}
    DEPENDS ${csharp_assembly} ${csharp_test_sources}
    COMMENT "Compiling HashSetLib.Tests.dll"
    VERBATIM)
  list(APPEND csharp_outputs ${csharp_tests})

  # One ctest per fixture; mono finds libhashset_csharp.so through LD_LIBRARY_PATH.
  # csharp_threads: the thread-safety contract (docs/threads.md); csharp_leaks:
  # memory over time. HASHSET_LONG=1 in the environment selects their long profiles.
  foreach(fixture IN ITEMS conformance idioms threads leaks)
    if(fixture STREQUAL "conformance")
      set(fixture_class HashSetLib.Tests.ConformanceTests)
    elseif(fixture STREQUAL "threads")
      set(fixture_class HashSetLib.Tests.ThreadTests)
    elseif(fixture STREQUAL "leaks")
      set(fixture_class HashSetLib.Tests.LeakTests)
    else()
      set(fixture_class HashSetLib.Tests.IdiomTests)
    endif()
    add_test(NAME csharp_${fixture}
      COMMAND ${HASHSET_NUNIT_CONSOLE} -nologo -noshadow -nothread -labels
              -run:${fixture_class} -result:${csharp_dir}/TestResult-${fixture}.xml
              ${csharp_tests})
    set_tests_properties(csharp_${fixture} PROPERTIES
      LABELS csharp
      ENVIRONMENT "LD_LIBRARY_PATH=${csharp_dir};HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
endif()

add_custom_target(hashset_csharp ALL DEPENDS ${csharp_outputs})
