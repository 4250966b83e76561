#pragma once

#include <QString>
#include <QUrl>

namespace PreviewDeck {

// Each server has its own history ("profile"): job ids of one server mean nothing to another.
namespace ConnectionProfile {

// "sandbox", "live", or "server-" and ten hex digits of the address's SHA-1 (stable across runs,
// no characters a file name cannot hold).
QString sandboxName();
QString nameFor(const QUrl &apiBase);
// <dataDirectory>/<profile>.sqlite
QString databasePath(const QString &dataDirectory, const QString &profile);
// The sandbox's workspace beside its history: <dir>/<database base name>-state.json. A workspace
// saved under the CLI's earlier name (<database>.sandbox-state.json) is moved there once.
QString sandboxStateFile(const QString &databasePath);

} // namespace ConnectionProfile
} // namespace PreviewDeck
