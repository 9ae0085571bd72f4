# Helpers shared by every CMakeLists.txt in the tree.

# samverkan_library(<name> SOURCES ... DEPS ...) -> target samverkan_<name>, alias samverkan::<name>.
function(samverkan_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(samverkan_${name} STATIC ${ARG_SOURCES})
  add_library(samverkan::${name} ALIAS samverkan_${name})
  target_include_directories(samverkan_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(samverkan_${name} PUBLIC ${ARG_DEPS})
endfunction()

# samverkan_test(<name> LABEL unit|integration|e2e SOURCES ... DEPS ...)
# Integration tests get the throwaway PostgreSQL and dev broker through the test_infra fixture.
function(samverkan_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name} --gtest_brief=1)
  set_property(GLOBAL APPEND PROPERTY SAMVERKAN_TEST_TARGETS ${name})
  # "gtest" marks the C++ tests, which `make sanitize` runs (the other unit tests are Python).
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABEL};gtest" TIMEOUT 600)
  if(ARG_LABEL STREQUAL "integration")
    set_tests_properties(${name} PROPERTIES
      FIXTURES_REQUIRED test_infra
      ENVIRONMENT "SAMVERKAN_TEST_ENV_FILE=${SAMVERKAN_TEST_INFRA_DIR}/env"
      )
  endif()
endfunction()
