# cmake -DBUILD_DIR=<build> -DSTAGE=<scratch dir> -P check_components.cmake
# The .deb (CPack) holds the Runtime component only, and the core's headers, library
# and CMake package are all in the Development component, none in Runtime: so the
# package cannot ship development files by accident.
set(errors "")
include("${BUILD_DIR}/CPackConfig.cmake")
list(LENGTH CPACK_INSTALL_CMAKE_PROJECTS n)
if(NOT n EQUAL 4)
    string(APPEND errors "CPACK_INSTALL_CMAKE_PROJECTS is '${CPACK_INSTALL_CMAKE_PROJECTS}', expected one project with component Runtime\n")
else()
    list(GET CPACK_INSTALL_CMAKE_PROJECTS 2 component)
    if(NOT component STREQUAL "Runtime")
        string(APPEND errors "CPack installs component '${component}', expected Runtime\n")
    endif()
endif()

# install_component(<subdir of BUILD_DIR> <component> <out var>): files installed, relative.
function(install_component dir component out)
    set(stage "${STAGE}/${component}")
    file(REMOVE_RECURSE "${stage}")
    execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}/${dir}" --prefix "${stage}"
                            --component ${component}
        RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "cmake --install ${dir} --component ${component} failed (${rc}):\n${log}")
    endif()
    file(GLOB_RECURSE files RELATIVE "${stage}" "${stage}/*")
    set(${out} "${files}" PARENT_SCOPE)
endfunction()

install_component(core Runtime core_runtime)
if(core_runtime)
    string(REPLACE ";" "\n  " f "${core_runtime}")
    string(APPEND errors "core/ installs into the Runtime component (the .deb):\n  ${f}\n")
endif()
install_component(core Development core_development)
set(headers ${core_development})
list(FILTER headers INCLUDE REGEX "^include/mcppm/[a-z]+/[a-z0-9]+\\.h$")
set(rest ${core_development})
list(FILTER rest EXCLUDE REGEX "^include/mcppm/[a-z]+/[a-z0-9]+\\.h$")
list(LENGTH headers header_count)
if(header_count LESS 10)
    string(APPEND errors "Development installs ${header_count} headers under include/mcppm/<layer>/\n")
endif()
foreach(file libmcppm_core.a cmake/McpPoolMonitor/McpPoolMonitorConfig.cmake
        cmake/McpPoolMonitor/McpPoolMonitorConfigVersion.cmake
        cmake/McpPoolMonitor/McpPoolMonitorTargets.cmake)
    set(found ${rest})
    list(FILTER found INCLUDE REGEX "^lib[^/]*(/[^/]+)?/${file}$")
    if(NOT found)
        string(APPEND errors "Development does not install <libdir>/${file}\n")
    endif()
endforeach()
list(FILTER rest EXCLUDE REGEX "^lib[^/]*(/[^/]+)?/(libmcppm_core\\.a|cmake/McpPoolMonitor/McpPoolMonitor[A-Za-z-]*\\.cmake)$")
if(rest)
    string(REPLACE ";" "\n  " f "${rest}")
    string(APPEND errors "Development installs unexpected files:\n  ${f}\n")
endif()

if(errors)
    message(FATAL_ERROR "install components:\n${errors}")
endif()
list(LENGTH core_development n)
message(STATUS "components: the .deb takes Runtime; core/ installs ${n} files (${header_count} headers), all in Development")
