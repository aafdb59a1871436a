# Included by the *_package test scripts (cmake -P).
#
# run_package_step(<what> COMMAND <command>... WORKING_DIRECTORY <dir>): runs
# one step of installing or building the package; fails with "<what> failed".
function(run_package_step what)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "WORKING_DIRECTORY" "COMMAND")
  execute_process(COMMAND ${ARG_COMMAND} WORKING_DIRECTORY ${ARG_WORKING_DIRECTORY} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${what} failed (${result})")
  endif()
endfunction()

# check_package_example(COMMAND <command>... WORKING_DIRECTORY <dir>
#                       OUTPUT <exact text> | OUTPUT_MATCHES <regex>): runs the
# README example of an installed package and fails unless it exits 0 printing
# the expected text.
function(check_package_example)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "WORKING_DIRECTORY;OUTPUT;OUTPUT_MATCHES" "COMMAND")
  execute_process(COMMAND ${ARG_COMMAND}
    WORKING_DIRECTORY ${ARG_WORKING_DIRECTORY}
    OUTPUT_VARIABLE output
    RESULT_VARIABLE result)
  message("${output}")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "the example failed (${result})")
  endif()
  if(DEFINED ARG_OUTPUT_MATCHES)
    if(NOT output MATCHES "${ARG_OUTPUT_MATCHES}")
      message(FATAL_ERROR "unexpected output from the example; expected a match of:\n${ARG_OUTPUT_MATCHES}")
    endif()
  elseif(NOT output STREQUAL ARG_OUTPUT)
    message(FATAL_ERROR "unexpected output from the example; expected:\n${ARG_OUTPUT}")
  endif()
endfunction()
