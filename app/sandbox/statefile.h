#pragma once

// The sandbox's workspace on disk: a SandboxState (credits, links, jobs, phases with their start
// times, previewOwner) and the port the server listened on, as one compact JSON document:
//
//   {"version": 1, "port": 8765, "credits": 87.5, "links": [...], "videoJobs": [...],
//    "templateJobs": [...], "previewOwner": {"<media_job>": "<job id>", ...}}
//
// Arrays keep the listing order (linkOrder, videoJobOrder, templateJobOrder). The step interval
// is a setting of the server, not part of the workspace. See docs/sandbox.md.

#include <QByteArray>
#include <QString>

namespace Sandbox {

class SandboxState;

namespace StateFile {

constexpr int FormatVersion = 1;

// The workspace as a compact JSON document.
QByteArray serialize(const SandboxState &state, quint16 port);
// Replaces the workspace in *state (the step interval stays) and sets *port. Returns false and
// leaves both untouched when `data` is not a version-1 workspace; *error then says why.
bool deserialize(const QByteArray &data, SandboxState *state, quint16 *port, QString *error);

enum class ReadResult {
    Missing, // no file: nothing changed
    Loaded, // *state and *port come from the file
    Corrupt, // unreadable: nothing changed, a warning was logged and the file moved to <path>.bad
};
ReadResult read(const QString &path, SandboxState *state, quint16 *port);

// Replaces the file atomically (QSaveFile). Returns false and fills *error on failure.
bool write(const QString &path, const QByteArray &data, QString *error);

} // namespace StateFile

} // namespace Sandbox
