# Per-target build settings shared by every tofmap target. Nothing here touches global flags.
#
#   tofmap_target_defaults(<target>)  C++17, warnings (errors with TOFMAP_WERROR), sanitizers
#                                     (with TOFMAP_SANITIZE), fuzzing coverage (with TOFMAP_FUZZ),
#                                     position-independent code (with the Python module)

function(tofmap_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(TOFMAP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(TOFMAP_PYTHON_MODULE)
    # The Python module links the libraries into a shared object. Nothing interposes tofmap's own
    # functions, so calls inside the project stay direct and inlinable as in an executable.
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_compile_options(${target} PRIVATE -fno-semantic-interposition)
  endif()
  if(TOFMAP_FUZZ) # coverage for libFuzzer; tests/fuzz/ links the fuzzer's main
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
  if(TOFMAP_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
