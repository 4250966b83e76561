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
# The core's layers: each links only the layers below it, and none a GUI module.
set(_layers previewdeck_common previewdeck_api previewdeck_storage previewdeck_tracking
    previewdeck_engine previewdeck_batch)
list(LENGTH _layers _count)
math(EXPR _last "${_count} - 1")
foreach(i RANGE ${_last})
    list(GET _layers ${i} lower)
    foreach(module Qt6::Gui Qt6::Widgets Qt6::WebEngineCore Qt::Gui Qt::Widgets)
        forbid(${lower} ${module})
    endforeach()
    math(EXPR _above "${i} + 1")
    if(_above LESS_EQUAL _last)
        foreach(j RANGE ${_above} ${_last})
            list(GET _layers ${j} upper)
            forbid(${lower} ${upper})
        endforeach()
    endif()
endforeach()
require(previewdeck_batch previewdeck_engine)
require(previewdeck_engine previewdeck_tracking)
require(previewdeck_tracking previewdeck_storage)
require(previewdeck_storage previewdeck_api)
require(previewdeck_api previewdeck_common)

# The walk sees through targets, so a miss above means something: the desktop executable does
# carry the sandbox (through EmbeddedSandbox), and the widgets reach the core.
require(previewdeck previewdeck_sandbox)
require(previewdeck_ui previewdeck_core)

if(failures)
    message(FATAL_ERROR "Layering broken:${failures}")
endif()
message(STATUS "ui: ${LINKS_previewdeck_ui}")
