# cmake -DVERSION=<project version> -DMETAINFO=<metainfo> -DCHANGELOG=<packaging/changelog>
#       -DSOURCE_DIR=<source dir> -P check_versions.cmake
# The one version number is project() in the top CMakeLists.txt: CPack, the CMake
# package's version file and the programs built with MCPPM_VERSION take it from there.
# Files that must carry it themselves are checked against it here.
file(STRINGS "${CHANGELOG}" first_line LIMIT_COUNT 1)
if(NOT first_line MATCHES "^mcp-pool-monitor \\(([^)]+)\\) ")
    message(FATAL_ERROR "${CHANGELOG}: first line is not a Debian changelog entry: ${first_line}")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "${CHANGELOG}: newest entry is ${CMAKE_MATCH_1}, the project is ${VERSION}: add an entry")
endif()
file(READ "${METAINFO}" metainfo_text)
if(NOT metainfo_text MATCHES "<release version=\"([^\"]+)\"")
    message(FATAL_ERROR "${METAINFO}: no <release>")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "${METAINFO}: newest <release> is ${CMAKE_MATCH_1}, the project is ${VERSION}: add one")
endif()

# Version literals still written in the sources (clientInfo, serverInfo, --version,
# User-Agent) must be the project's (the full version, or major.minor in a User-Agent).
# Deriving them from MCPPM_VERSION instead is better still: then there is nothing to match.
string(REGEX MATCH "^[0-9]+\\.[0-9]+" major_minor "${VERSION}")
file(GLOB_RECURSE sources "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp"
     "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp")
set(errors "")
set(literals 0)
foreach(file IN LISTS sources)
    file(STRINGS "${file}" lines REGEX "(clientVersion = |setApplicationVersion\\(|\"version\"\\), )QStringLiteral\\(\"[0-9]|\"mcp-pool-monitor/[0-9]")
    foreach(line IN LISTS lines)
        math(EXPR literals "${literals} + 1")
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${file}")
        if(line MATCHES "\"mcp-pool-monitor/([0-9][^\"]*)\"")
            if(NOT CMAKE_MATCH_1 STREQUAL VERSION AND NOT CMAKE_MATCH_1 STREQUAL major_minor)
                string(APPEND errors "${rel}: User-Agent version ${CMAKE_MATCH_1}, the project is ${VERSION}\n")
            endif()
        elseif(line MATCHES "QStringLiteral\\(\"([0-9][^\"]*)\"\\)")
            if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
                string(APPEND errors "${rel}: version ${CMAKE_MATCH_1}, the project is ${VERSION}\n")
            endif()
        endif()
    endforeach()
endforeach()
if(errors)
    message(FATAL_ERROR "version literals differ from project():\n${errors}")
endif()
# None is left: the code takes kVersion / kUserAgent from "net/version.h", which
# core/CMakeLists.txt generates from project(). A new literal fails here.
if(literals GREATER 0)
    message(FATAL_ERROR "${literals} version literal(s) written by hand in core/ or app/: "
                        "use kVersion or kUserAgent from \"net/version.h\" (generated from project())")
endif()
message(STATUS "changelog, metainfo and ${literals} version literals in core/ and app/ are at ${VERSION}")
