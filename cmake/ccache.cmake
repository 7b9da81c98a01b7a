# Compiler cache: every preset compiles through ccache (Debian `ccache`) when it is installed, so
# a second build of the same sources (another clone, a rebuilt tree, CI on the same machine) is
# mostly cache hits. The cache lives outside the clone, in ccache's default place
# (~/.cache/ccache; CCACHE_DIR moves it). Turn it off with -DSECUREBASE_CCACHE=OFF.
#
# Two settings make a hit independent of where the clone is:
# - base_dir = the source tree: absolute paths below it are rewritten as relative ones, both in
#   what ccache hashes and in the command it runs;
# - hash_dir = false: the build folder's absolute path (which -g writes into the debug info as
#   the compilation folder) is left out of the hash. A hit from another clone keeps that clone's
#   folder there, which only matters to a debugger looking for sources.
# Nothing else is relaxed: a hit still needs the same compiler, flags and file contents.
option(SECUREBASE_CCACHE "Compile through ccache when it is installed" ON)
if(SECUREBASE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(SECUREBASE_CCACHE_PROGRAM ccache)
  if(SECUREBASE_CCACHE_PROGRAM)
    set(_sb_launcher ${CMAKE_COMMAND} -E env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}"
                     CCACHE_NOHASHDIR=1 ${SECUREBASE_CCACHE_PROGRAM})
    set(CMAKE_CXX_COMPILER_LAUNCHER ${_sb_launcher})
    set(CMAKE_C_COMPILER_LAUNCHER ${_sb_launcher})
    unset(_sb_launcher)
  endif()
endif()
