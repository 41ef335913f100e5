# Whether the Python module tofmap (apps/python) is built, and for which Python.
#
#   TOFMAP_PYTHON = AUTO (default: built when Python's headers and pybind11 are found), ON (they are
#                   required) or OFF
#   Python3_EXECUTABLE   the interpreter the module is built for: /usr/bin/python3 when it exists,
#                        because Debian's pybind11, numpy, pandas, ASE and matplotlib are packaged
#                        for it; another interpreter of the same version (X.Y) imports the module too
#   TOFMAP_PYTHON_INSTALL_DIR  where `cmake --install` puts the package, relative to the prefix
#
# Sets TOFMAP_PYTHON_MODULE (ON/OFF). With it ON, tofmap_target_defaults builds every library
# position-independent, since the module links them into a shared object.

set(TOFMAP_PYTHON AUTO CACHE STRING
    "Build the Python module tofmap: ON (needs Python's headers and pybind11), OFF, or AUTO")
set_property(CACHE TOFMAP_PYTHON PROPERTY STRINGS AUTO ON OFF)
set(TOFMAP_PYTHON_INSTALL_DIR lib/python3/dist-packages CACHE STRING
    "Where cmake --install puts the Python package tofmap, relative to the prefix")

set(TOFMAP_PYTHON_MODULE OFF)
if(TOFMAP_FUZZ OR TOFMAP_PYTHON STREQUAL "OFF")
  return()
endif()
if(TOFMAP_PYTHON STREQUAL "AUTO")
  set(_tofmap_python_find QUIET)
else()
  set(_tofmap_python_find REQUIRED)
endif()
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python the module tofmap is built for")
endif()
find_package(Python3 3.7 ${_tofmap_python_find} COMPONENTS Interpreter Development.Module)
if(Python3_FOUND)
  find_package(pybind11 2.6 CONFIG ${_tofmap_python_find}) # pybind11::module, pybind11_add_module
endif()
if(Python3_FOUND AND pybind11_FOUND)
  set(TOFMAP_PYTHON_MODULE ON)
  message(STATUS "Python module tofmap: for ${Python3_EXECUTABLE} (Python ${Python3_VERSION})")
else()
  message(STATUS "Python module tofmap not built: needs Python's headers and pybind11 "
                 "(Debian: python3-dev pybind11-dev)")
endif()
