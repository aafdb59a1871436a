option(HASHSET_PHP "Build the PHP binding" ${HASHSET_ALL_LANGUAGES})
if(NOT HASHSET_PHP)
  return()
endif()

# PHP: the extension hashset.so (class HashSet), loaded with
# `php -d extension=<dir>/hashset.so`. SWIG 4.1 makes the PHP classes in C,
# so there is no generated PHP code to install.
find_program(HASHSET_PHP_CONFIG NAMES php-config php-config8.2)
find_program(HASHSET_PHP_EXECUTABLE NAMES php php8.2)
if(NOT HASHSET_PHP_CONFIG OR NOT HASHSET_PHP_EXECUTABLE)
  message(FATAL_ERROR "HASHSET_PHP is ON but php-config or php was not found: "
                      "install php-dev and php-cli (scripts/install-deps.sh php)")
endif()
execute_process(COMMAND ${HASHSET_PHP_CONFIG} --includes
  OUTPUT_VARIABLE php_includes OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE php_config_result)
if(NOT php_config_result EQUAL 0 OR NOT php_includes)
  message(FATAL_ERROR "HASHSET_PHP: `${HASHSET_PHP_CONFIG} --includes` failed")
endif()
separate_arguments(php_includes UNIX_COMMAND "${php_includes}")
list(TRANSFORM php_includes REPLACE "^-I" "")

set(HASHSET_PHP_EXTENSION_DIR ${CMAKE_BINARY_DIR}/php)
hashset_add_swig_module(hashset_php
  LANGUAGE php
  FOLDER php
  # SWIG writes php_hashset.h here; nothing in it is needed at run time.
  OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/php-swig-support)
set_target_properties(hashset_php PROPERTIES
  OUTPUT_NAME hashset
  PREFIX ""
  SUFFIX ".so"
  LIBRARY_OUTPUT_DIRECTORY ${HASHSET_PHP_EXTENSION_DIR})
target_include_directories(hashset_php SYSTEM PRIVATE ${php_includes})
# PHP resolves its own symbols when it loads the extension.
if(APPLE)
  target_link_options(hashset_php PRIVATE -undefined dynamic_lookup)
endif()

if(HASHSET_BUILD_TESTS)
  find_program(HASHSET_PHPUNIT NAMES phpunit)
  if(NOT HASHSET_PHPUNIT)
    message(FATAL_ERROR "HASHSET_PHP is ON with tests but phpunit was not found: "
                        "install phpunit (scripts/install-deps.sh php)")
  endif()
  set(php_run ${HASHSET_PHP_EXECUTABLE} -d extension=$<TARGET_FILE:hashset_php>
              -d assert.exception=1 -d zend.assertions=1)
  foreach(suite Conformance Protocol)
    string(TOLOWER ${suite} name)
    add_test(NAME php_${name}
      COMMAND ${php_run} ${HASHSET_PHPUNIT} --do-not-cache-result
              ${PROJECT_SOURCE_DIR}/tests/php/${suite}Test.php)
    set_tests_properties(php_${name} PROPERTIES
      LABELS php
      ENVIRONMENT "HASHSET_SPEC=${PROJECT_SOURCE_DIR}/tests/conformance/spec.txt")
  endforeach()
endif()
