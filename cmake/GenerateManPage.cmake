# cmake -DHVPAT=<built hvpat> -DOUT=<.../hvpat.1.gz> -P GenerateManPage.cmake
# Runs `hvpat help --man` with the environment defaults cleared (the page must not show
# the builder's HVPAT_DB) and gzips it reproducibly (-n: no name or timestamp).
get_filename_component(dir ${OUT} DIRECTORY)
set(page ${dir}/hvpat.1)
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=HVPAT_DB --unset=HVPAT_RULES ${HVPAT} help --man
  OUTPUT_FILE ${page}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "hvpat help --man failed: ${status}")
endif()
execute_process(COMMAND gzip -9 -n -f ${page} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip of the man page failed: ${status}")
endif()
