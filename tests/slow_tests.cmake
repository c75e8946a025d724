# Read by ctest after the doctest-discovered tests are added (a TEST_INCLUDE_FILES entry of
# tests/CMakeLists.txt): the CLI and unit tests that take the longest get the label `slow`, so
# that `ctest -LE slow` is the quick pass (under two minutes on -j2) and plain `ctest` still runs
# everything. The patterns match the start of a test's name (ctest shows "cli:" without the
# space TEST_PREFIX has); the tests added by name in tests/CMakeLists.txt are labelled there.
set(svc_slow_patterns
    "^cli: ?cache: every list and report reads the same with and without it"
    "^cli: ?team: offline work in three clones, synced in every order"
    "^cli: ?team simulation: "
    "^cli: ?report: every report in every format, byte for byte"
    "^unit: ?a sequence skipped undecoded is never one that must be escaped")
foreach(svc_test IN LISTS cli_tests_TESTS unit_tests_TESTS)
  foreach(svc_pattern IN LISTS svc_slow_patterns)
    if(svc_test MATCHES "${svc_pattern}")
      set_tests_properties("${svc_test}" PROPERTIES LABELS slow)
    endif()
  endforeach()
endforeach()
