#include "window/singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>

#include <unistd.h>

namespace PreviewDeck {

namespace {
constexpr char kRaise[] = "raise";
constexpr char kAck[] = "ok\n";
constexpr qint64 kMaxRequest = 64; // anything longer is not one of ours
} // namespace

SingleInstance::SingleInstance(const QString &serverName, QObject *parent)
    : QObject(parent), m_serverName(serverName.isEmpty() ? defaultServerName() : serverName)
{
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close(); // removes the socket file
}

QString SingleInstance::defaultServerName()
{
    // XDG_RUNTIME_DIR is private to the user; QStandardPaths::RuntimeLocation would print a
    // warning and make a directory when it is unset, so the temp directory is used instead.
    QString dir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::tempPath();
    const QByteArray dataDir
            = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).toUtf8();
    const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(dataDir, QCryptographicHash::Sha1).toHex().left(12));
    return dir + QLatin1String("/io.github.previewdeck.PreviewDeck-") + QString::number(::getuid())
            + QLatin1Char('-') + hash;
}

SingleInstance::Role SingleInstance::claim(int timeoutMs)
{
    // Two starts at the same moment must not both become primary: the check and the listen
    // happen under a lock file.
    QLockFile lock(m_serverName + QLatin1String(".lock"));
    if (!lock.tryLock(timeoutMs)) {
        m_error = QStringLiteral("cannot lock %1.lock (QLockFile error %2)")
                          .arg(m_serverName)
                          .arg(int(lock.error()));
        return Role::Failed;
    }
    if (askPrimaryToRaise(timeoutMs) == Role::Secondary)
        return Role::Secondary;

    // Nobody answered: a socket file left is from an instance that crashed.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        m_error = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return Role::Failed;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return Role::Primary;
}

SingleInstance::Role SingleInstance::askPrimaryToRaise(int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs))
        return Role::Primary;
    socket.write(kRaise);
    socket.write("\n");
    socket.waitForBytesWritten(timeoutMs);
    // The answer says the request was read; without it the primary may be hung, and a second
    // window on the same data would be worse, so this start ends either way.
    socket.waitForReadyRead(timeoutMs);
    socket.disconnectFromServer();
    return Role::Secondary;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            while (socket->canReadLine()) {
                if (socket->readLine().trimmed() == kRaise) {
                    socket->write(kAck);
                    Q_EMIT raiseRequested();
                }
            }
            if (socket->bytesAvailable() > kMaxRequest)
                socket->abort();
        });
    }
}

} // namespace PreviewDeck
