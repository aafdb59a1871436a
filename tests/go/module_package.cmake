# go_module_package: a module of its own (tests/go/module/main.go) that uses
# the built module through a replace directive, built and run offline.
# cmake -DGO=... -DMODULE=<build>/go/hashset -DWORK_DIR=... -DEXAMPLE=... -P module_package.cmake
# (GOCACHE, GOPATH, GOPROXY=off, GOFLAGS=-mod=mod come from the test's environment.)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(COPY ${EXAMPLE} DESTINATION ${WORK_DIR})
include(${CMAKE_CURRENT_LIST_DIR}/../package_example.cmake)
foreach(step
    "mod;init;example.com/consumer"
    "mod;edit;-require=hashset@v0.0.0;-replace=hashset=${MODULE}"
    "vet;."
    "build;-o;consumer;.")
  run_package_step("go ${step}" COMMAND ${GO} ${step} WORKING_DIRECTORY ${WORK_DIR})
endforeach()
check_package_example(COMMAND ${WORK_DIR}/consumer WORKING_DIRECTORY ${WORK_DIR}
  OUTPUT "true 4\n[-9223372036854775808 1 2 3] <nil>\n")
