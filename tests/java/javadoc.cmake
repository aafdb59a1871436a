# java_javadoc: runs javadoc over the generated io.hashset sources and checks
# that the Doxygen comments of src/include/hashset/hash_set.hpp, carried over
# by SWIG's -doxygen, document the Java methods they belong to.
# cmake -DJAVADOC=... -DSOURCE_DIR=<generated io/hashset> -DHEADER=<hash_set.hpp> -DWORK_DIR=... -P javadoc.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(GLOB sources ${SOURCE_DIR}/*.java)
execute_process(
  COMMAND ${JAVADOC} -quiet -encoding UTF-8 -Xdoclint:all,-missing -d ${WORK_DIR} ${sources}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "javadoc failed (${result})")
endif()
file(READ ${HEADER} header)
file(READ ${WORK_DIR}/io/hashset/HashSet.html html)

# C++ method = the anchor of its Java method in HashSet.html (reserve's comment spans two lines).
foreach(pair IN ITEMS "insert=add(long)" "contains=contains(long)"
                      "insert_many=insertMany(long[])" "reserve=reserve(long)")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 cpp_method)
  list(GET pair 1 java_anchor)

  # The /// lines right above the declaration, as one line of text.
  if(NOT header MATCHES "((  ///[^\n]*\n)+)  [^/\n][^\n]*[ *&]${cpp_method}\\(")
    message(FATAL_ERROR "no Doxygen comment above ${cpp_method} in ${HEADER}")
  endif()
  string(REGEX REPLACE "[ \n]*///[ ]*" " " comment "${CMAKE_MATCH_1}")
  string(STRIP "${comment}" comment)

  # The text of the method's detail section, tags removed, spaces collapsed.
  string(FIND "${html}" "<section class=\"detail\" id=\"${java_anchor}\">" start)
  if(start EQUAL -1)
    message(FATAL_ERROR "HashSet.html has no detail section for ${java_anchor}")
  endif()
  string(SUBSTRING "${html}" ${start} -1 section)
  string(FIND "${section}" "</section>" end)
  string(SUBSTRING "${section}" 0 ${end} section)
  string(REGEX REPLACE "<[^>]*>" " " section "${section}")
  string(REGEX REPLACE "[ \n]+" " " section "${section}")

  string(FIND "${section}" "${comment}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "the Javadoc of ${java_anchor} lacks the C++ comment of ${cpp_method}:\n"
                        "  expected: ${comment}\n  found: ${section}")
  endif()
  message("${java_anchor}: ${comment}")
endforeach()
