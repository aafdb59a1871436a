# r_package: `R CMD INSTALL` the source package into an empty library, then
# run tests/r/package_example.R in a fresh R with only that library added.
# cmake -DR=... -DRSCRIPT=... -DPACKAGE=<.tar.gz> -DWORK_DIR=... -DEXAMPLE=... -P package.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/library)
# Only the system's libraries and the new one: no hashset from elsewhere.
unset(ENV{R_LIBS})
unset(ENV{R_LIBS_USER})
set(ENV{TMPDIR} ${WORK_DIR})
include(${CMAKE_CURRENT_LIST_DIR}/../package_example.cmake)
run_package_step("R CMD INSTALL" COMMAND ${R} CMD INSTALL --library=${WORK_DIR}/library ${PACKAGE}
  WORKING_DIRECTORY ${WORK_DIR})
check_package_example(COMMAND ${RSCRIPT} --vanilla ${EXAMPLE} ${WORK_DIR}/library WORKING_DIRECTORY ${WORK_DIR}
  OUTPUT "[1] TRUE\n[1]  TRUE FALSE\n<HashSet of 3 elements: 1 2 9007199254740993>\nfrom <library>/hashset/libs/hashset.so\n")
