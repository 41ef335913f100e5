# What `cmake --install` installs besides the executable, and the Debian package CPack builds from
# it, so that cluster nodes get the same release with `apt install ./tofmap_VERSION_ARCH.deb`:
#
#   bin/tofmap
#   share/tofmap/configs/*.ini                   the shipped models
#   share/doc/tofmap/README.md, docs/*.md        the documentation, with the README's pictures
#   share/doc/tofmap/LICENSE, copyright          the licence, and Debian's copyright file
#   share/doc/tofmap/docs/images/*.png
#   share/doc/tofmap/examples/slurm/tofmap.sbatch
#   lib/python3/dist-packages/tofmap/            the Python module, when it is built (apps/python;
#                                                TOFMAP_PYTHON_INSTALL_DIR)
#   share/doc/tofmap/examples/python/*.py        the README's Python example
#
#   cmake --build build --target package        # build/tofmap_0.1.0_amd64.deb

install(DIRECTORY ${PROJECT_SOURCE_DIR}/configs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tofmap/configs
        FILES_MATCHING PATTERN "*.ini")
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian's machine-readable copyright file, where Debian policy wants it: share/doc/tofmap/copyright.
install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
install(PROGRAMS ${PROJECT_SOURCE_DIR}/examples/slurm/tofmap.sbatch
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/slurm)
if(TOFMAP_PYTHON_MODULE)
  install(FILES ${PROJECT_SOURCE_DIR}/apps/python/examples/ase_frequencies.py
          DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/python)
endif()

set(TOFMAP_DEB_MAINTAINER "tofmap maintainers <tofmap@localhost>" CACHE STRING
    "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tofmap)
set(CPACK_PACKAGE_VENDOR "tofmap")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Steady-state microkinetic TOF maps, on a laptop or across machines")
set(CPACK_PACKAGE_DESCRIPTION
    "tofmap computes steady-state turnover-frequency maps of mean-field microkinetic models \
(SUNDIALS CVODE plus Newton), handing the grid points out to workers on many machines through an \
actor runtime on the C++ Actor Framework. Install the same package on every node of a cluster.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)             # tofmap_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TOFMAP_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# gnuplot draws the plots; openssl makes certificates for TLS (examples/slurm does); the Python
# module is for the Python version it was built for, and read_map returns NumPy arrays.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnuplot-nox, openssl")
if(TOFMAP_PYTHON_MODULE)
  math(EXPR _next_minor "${Python3_VERSION_MINOR} + 1")
  string(APPEND CPACK_DEBIAN_PACKAGE_RECOMMENDS
         ", python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR})"
         ", python3 (<< ${Python3_VERSION_MAJOR}.${_next_minor}), python3-numpy")
endif()
find_program(TOFMAP_DPKG_SHLIBDEPS dpkg-shlibdeps)
mark_as_advanced(TOFMAP_DPKG_SHLIBDEPS)
if(TOFMAP_DPKG_SHLIBDEPS)
  # The shared libraries' packages at the versions this build linked (dpkg-dev).
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libstdc++6, libgcc-s1, libcaf-core0.17, libcaf-io0.17, \
libssl3, libsundials-cvode6")
endif()
include(CPack)
