# sanad_module(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Declares the library target sanad_<name> for src/<name>/. Headers are included
# as "<name>/file.h" from src/.
function(sanad_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(sanad_${name} STATIC ${ARG_SOURCES})
  target_include_directories(sanad_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sanad_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# sanad_test(<name> LABELS ... SOURCES ... DEPS ... [PREFIX p.] [TIMEOUT s])
# A GoogleTest executable whose cases are registered with ctest one by one.
function(sanad_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT;PREFIX" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    SANAD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SANAD_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  gtest_discover_tests(${name}
    TEST_PREFIX "${ARG_PREFIX}"
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
endfunction()
