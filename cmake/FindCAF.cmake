# FindCAF.cmake - the C++ Actor Framework 0.17.x as Debian's libcaf-dev installs it.
#
# CAF 0.17 ships neither a CMake package nor a pkg-config file, so we look for the headers and
# libraries ourselves.
#
#   find_package(CAF 0.17 REQUIRED COMPONENTS core io openssl test)
#
# Imported targets: CAF::core, CAF::io (-> core), CAF::openssl (-> io), CAF::test (header-only -> core).
# Result variables: CAF_FOUND, CAF_VERSION, CAF_<component>_FOUND.
include(FindPackageHandleStandardArgs)

find_path(CAF_INCLUDE_DIR caf/config.hpp)
if(CAF_INCLUDE_DIR)
  # config.hpp holds e.g. "#define CAF_VERSION 1706" for 0.17.6.
  file(STRINGS "${CAF_INCLUDE_DIR}/caf/config.hpp" _caf_version_line
       REGEX "^#define CAF_VERSION [0-9]+")
  string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _caf_version "${_caf_version_line}")
  math(EXPR _caf_major "${_caf_version} / 10000")
  math(EXPR _caf_minor "(${_caf_version} / 100) % 100")
  math(EXPR _caf_patch "${_caf_version} % 100")
  set(CAF_VERSION "${_caf_major}.${_caf_minor}.${_caf_patch}")
endif()

find_package(Threads REQUIRED)

set(_caf_previous "")
foreach(_caf_component core io openssl) # each library links the one before it
  find_library(CAF_${_caf_component}_LIBRARY NAMES caf_${_caf_component})
  mark_as_advanced(CAF_${_caf_component}_LIBRARY)
  if(CAF_INCLUDE_DIR AND CAF_${_caf_component}_LIBRARY)
    set(CAF_${_caf_component}_FOUND TRUE)
    if(NOT TARGET CAF::${_caf_component})
      add_library(CAF::${_caf_component} SHARED IMPORTED)
      set_target_properties(CAF::${_caf_component} PROPERTIES
        IMPORTED_LOCATION "${CAF_${_caf_component}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES "${_caf_previous}")
    endif()
  endif()
  set(_caf_previous CAF::${_caf_component})
endforeach()

if(TARGET CAF::core)
  set_property(TARGET CAF::core PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()

# caf-test is header-only in 0.17; unit_test_impl.hpp provides main().
if(TARGET CAF::core AND EXISTS "${CAF_INCLUDE_DIR}/caf/test/unit_test_impl.hpp")
  set(CAF_test_FOUND TRUE)
  if(NOT TARGET CAF::test)
    add_library(CAF::test INTERFACE IMPORTED)
    set_target_properties(CAF::test PROPERTIES INTERFACE_LINK_LIBRARIES CAF::core)
  endif()
endif()

if(NOT CAF_FIND_COMPONENTS)
  set(CAF_FIND_COMPONENTS core)
endif()

find_package_handle_standard_args(CAF
  REQUIRED_VARS CAF_INCLUDE_DIR CAF_core_LIBRARY
  VERSION_VAR CAF_VERSION
  HANDLE_COMPONENTS)
mark_as_advanced(CAF_INCLUDE_DIR)
