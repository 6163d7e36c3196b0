# needlesim_layer(NAME SOURCES <files...> LINKS <layers...>)
#
# One folder of the source tree as one static library. Its folder is its
# include directory, handed on to the layers that link it and to nothing
# else: a source file can include the headers of its own folder and of the
# layers below it, and an include of a higher layer does not compile.
function(needlesim_layer NAME)
  cmake_parse_arguments(LAYER "" "" "SOURCES;LINKS" ${ARGN})
  add_library(${NAME} STATIC ${LAYER_SOURCES})
  target_include_directories(${NAME} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  # deal_ii_setup_target uses the plain signature of target_link_libraries,
  # so this does too (the plain signature links transitively)
  if(LAYER_LINKS)
    target_link_libraries(${NAME} ${LAYER_LINKS})
  endif()
  deal_ii_setup_target(${NAME})
endfunction()
