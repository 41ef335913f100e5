// The one translation unit that instantiates caf-test's runner and main().
#define CAF_SUITE main
#include "caf/test/unit_test.hpp"
#include "caf/test/unit_test_impl.hpp"
