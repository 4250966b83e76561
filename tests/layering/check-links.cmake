cmake_minimum_required(VERSION 3.21)
# Fails when a target links what it must not (see CMakeLists.txt here).
include(${CLOSURE_FILE})

set(failures "")
function(forbid target forbidden)
    if(forbidden IN_LIST LINKS_${target})
        set(failures "${failures}\n  ${target} links ${forbidden}" PARENT_SCOPE)
    endif()
endfunction()
function(require target required)
    if(NOT required IN_LIST LINKS_${target})
        set(failures "${failures}\n  ${target} does not link ${required}" PARENT_SCOPE)
    endif()
endfunction()

# The sandbox comes in only through the composition roots' SandboxStarter.
forbid(previewdeck_ui previewdeck_sandbox)
forbid(previewdeck_ui previewdeck_embeddedsandbox)
forbid(previewdeck_cli previewdeck_sandbox)
forbid(previewdeck_connection previewdeck_sandbox)
# The connection library is core only.
forbid(previewdeck_connection Qt6::Gui)
forbid(previewdeck_connection Qt6::Widgets)
forbid(previewdeck_connection Qt::Gui)
forbid(previewdeck_connection Qt::Widgets)
# The walk sees through targets, so a miss above means something: the desktop executable does
# carry the sandbox (through EmbeddedSandbox), and the widgets reach the core.
require(previewdeck previewdeck_sandbox)
require(previewdeck_ui previewdeck_core)

if(failures)
    message(FATAL_ERROR "Layering broken:${failures}")
endif()
message(STATUS "ui: ${LINKS_previewdeck_ui}")
