# Writes OUTPUT from INPUT with @NEEDLESIM_GIT_REVISION@ set to `git describe`,
# rewriting the file only when the revision changed (keeps rebuilds cheap).
execute_process(
  COMMAND git describe --always --dirty --abbrev=12
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE NEEDLESIM_GIT_REVISION
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT NEEDLESIM_GIT_REVISION)
  set(NEEDLESIM_GIT_REVISION "unknown")
endif()
set(NEEDLESIM_VERSION ${PROJECT_VERSION})
configure_file(${INPUT} ${OUTPUT}.tmp @ONLY)
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.tmp ${OUTPUT})
file(REMOVE ${OUTPUT}.tmp)
