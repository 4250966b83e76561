#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace PreviewDeck {

// What a front end asks ServerConnection for: which server, where the history lives, and which
// settings its own flags override. The GUI fills it from its command line and AppSettings, the
// CLI from its flags.
struct ConnectionRequest
{
    enum class Server {
        FromSettings, // AppSettings::apiMode(): the sandbox, live Creatify or another server
        Sandbox, // the built-in sandbox, no key asked for
        Live, // live Creatify
        Custom, // customBase
    };
    // How the job tracker paces its polling.
    enum class Polling {
        // The desktop: the user's poll-interval setting on a server (followed live), one look
        // per sandbox step (at most a second apart) on the sandbox.
        FollowSettings,
        // A script: the tracker's own quick pace on a server, 200 ms on the sandbox.
        Script,
    };

    Server server = Server::FromSettings;
    QUrl customBase; // Server::Custom
    // Without a key for the server chosen: the sandbox instead (true), or failed() (false).
    bool sandboxWithoutKey = true;
    Polling polling = Polling::FollowSettings;

    int sandboxStepMs = 1500;
    quint16 sandboxPort = 0; // preferred after the remembered one; 0: any free port

    QString dataDirectory; // empty: the application's data location
    QString databasePath; // empty: <dataDirectory>/<profile>.sqlite
    // False: the sandbox starts afresh, with its history in memory unless databasePath is given
    // (the CLI's self-contained demo).
    bool sandboxKeepsWorkspace = true;
    // A history that cannot be opened: carry on in memory (true) or failed() (false).
    bool memoryIfUnopenable = false;

    // Override the user's settings for this run (the CLI's --download-dir, --wait/--no-download);
    // an overridden setting is not followed live.
    std::optional<QString> downloadDirectory;
    std::optional<bool> autoDownload;

    QString credentialEntryKey; // empty: CredentialStore's default entry
};

} // namespace PreviewDeck
