#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace PreviewDeck {

// Keeps one running PreviewDeck per user and data directory. The first instance listens on a
// local socket; a later start connects, sends "raise" and exits, and the first one emits
// raiseRequested() to bring its window forward.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role {
        Primary, // nobody else runs: this process listens now
        Secondary, // another instance runs and was asked to raise its window
        Failed, // could not listen (the caller may run anyway)
    };

    // serverName: a full socket path, or empty for defaultServerName().
    explicit SingleInstance(const QString &serverName = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    // Called once at start-up, before the event loop runs. Blocks for at most timeoutMs when
    // another instance exists (a socket round trip, no event loop).
    Role claim(int timeoutMs = 2000);

    QString serverName() const { return m_serverName; }
    QString errorString() const { return m_error; }

    // Per user (the runtime directory is private, and the uid is in the name as well) and per
    // application data directory, so instances with separate data (tests, benchmarks, other
    // XDG_DATA_HOME) do not collide.
    static QString defaultServerName();

Q_SIGNALS:
    void raiseRequested();

private:
    void onNewConnection();
    Role askPrimaryToRaise(int timeoutMs);

    QString m_serverName;
    QString m_error;
    QLocalServer *m_server = nullptr;
};

} // namespace PreviewDeck
