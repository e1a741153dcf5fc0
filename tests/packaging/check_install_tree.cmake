# cmake -DBUILD_DIR=<build>/packaging -DSTAGE=<scratch dir> [-DAPPSTREAMCLI=<path>] -P check_install_tree.cmake
# Installs only packaging/'s rules (not the executables) under STAGE/usr and checks them.
file(REMOVE_RECURSE "${STAGE}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${STAGE}/usr"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install ${BUILD_DIR} failed (${rc}):\n${out}")
endif()

set(expected
    share/applications/mcp-pool-monitor.desktop
    share/metainfo/io.github.mcppoolmonitor.McpPoolMonitor.metainfo.xml
    share/icons/hicolor/scalable/apps/mcp-pool-monitor.svg
    share/doc/mcp-pool-monitor/copyright
    share/doc/mcp-pool-monitor/changelog.gz)
foreach(size 16 32 48 64 128 256)
    list(APPEND expected share/icons/hicolor/${size}x${size}/apps/mcp-pool-monitor.png)
endforeach()
list(SORT expected)

file(GLOB_RECURSE installed RELATIVE "${STAGE}/usr" "${STAGE}/usr/*")
list(SORT installed)
if(NOT installed STREQUAL expected)
    string(REPLACE ";" "\n  " e "${expected}")
    string(REPLACE ";" "\n  " i "${installed}")
    message(FATAL_ERROR "installed files differ.\nexpected:\n  ${e}\ninstalled:\n  ${i}")
endif()

if(APPSTREAMCLI)
    execute_process(COMMAND "${APPSTREAMCLI}" validate-tree --no-net --strict --explain "${STAGE}"
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message("${out}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "appstreamcli validate-tree failed (${rc})")
    endif()
else()
    message(STATUS "appstreamcli not found: validate-tree skipped")
endif()
list(LENGTH installed n)
message(STATUS "install tree: ${n} files as expected")
