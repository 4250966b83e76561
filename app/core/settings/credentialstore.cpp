#include "credentialstore.h"

#include "settingslogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <qt6keychain/keychain.h>

#ifdef PREVIEWDECK_HAVE_QTDBUS
#    include <QDBusConnection>
#endif

namespace PreviewDeck {

namespace {

const char *operationVerb(CredentialError::Operation operation)
{
    switch (operation) {
    case CredentialError::Operation::Load:
        return "read";
    case CredentialError::Operation::Save:
        return "save";
    case CredentialError::Operation::Clear:
        return "remove";
    }
    return "use";
}

const char *kindName(CredentialError::Kind kind)
{
    switch (kind) {
    case CredentialError::Kind::NoKeychain:
        return "NoKeychain";
    case CredentialError::Kind::AccessDenied:
        return "AccessDenied";
    case CredentialError::Kind::Other:
        return "Other";
    }
    return "Other";
}

// With libsecret, a missing bus or secrets daemon arrives as a generic error (GDBus/GIO
// domain), not as NoBackendAvailable; recognise it so the user gets the actionable message.
bool looksLikeMissingService(const QString &detail)
{
    static const char *const markers[] = {
            "org.freedesktop.secrets",      "ServiceUnknown", "NoServer", "D-Bus", "DBus",
            "not provided by any .service", "autolaunch",
    };
    for (const char *marker : markers) {
        if (detail.contains(QLatin1String(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// libsecret reports a dismissed unlock prompt as a cancelled operation.
bool looksLikeRefusal(const QString &detail)
{
    return detail.contains(QLatin1String("dismissed"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("cancel"), Qt::CaseInsensitive);
}

bool sessionBusReachable()
{
#ifdef PREVIEWDECK_HAVE_QTDBUS
    return QDBusConnection::sessionBus().isConnected();
#else
    return true;
#endif
}

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text = text.simplified();
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

const QString kIdField = QStringLiteral("api_id");
const QString kKeyField = QStringLiteral("api_key");

} // namespace

CredentialError::CredentialError(Kind kind, Operation operation, const QString &detail)
    : m_kind(kind), m_operation(operation), m_detail(detail)
{
}

QString CredentialError::message() const
{
    if (!m_message.isEmpty())
        return m_message;
    switch (m_kind) {
    case Kind::NoKeychain:
        return QStringLiteral(
                "No system keychain is available, so the API key cannot be stored safely. Install "
                "and unlock a keyring (GNOME Keyring or KWallet), or set CREATIFY_API_ID and "
                "CREATIFY_API_KEY.");
    case Kind::AccessDenied:
        return QStringLiteral("The system keychain denied access to the API credentials; unlock "
                              "it and allow PreviewDeck to use it, then try again.");
    case Kind::Other:
        break;
    }
    QString text = QStringLiteral("The system keychain could not ")
            + QLatin1String(operationVerb(m_operation)) + QStringLiteral(" the API credentials");
    const QString detail = oneLine(m_detail);
    if (!detail.isEmpty())
        text += QStringLiteral(": ") + detail;
    return text + QLatin1Char('.');
}

QString CredentialStore::serviceName()
{
    return QStringLiteral("PreviewDeck");
}

QString CredentialStore::defaultEntryKey()
{
    return QStringLiteral("creatify-api");
}

CredentialStore::CredentialStore(QObject *parent) : CredentialStore(defaultEntryKey(), parent) { }

CredentialStore::CredentialStore(const QString &entryKey, QObject *parent)
    : QObject(parent), m_entryKey(entryKey.isEmpty() ? defaultEntryKey() : entryKey)
{
}

void CredentialStore::setEntryKey(const QString &entryKey)
{
    m_entryKey = entryKey.isEmpty() ? defaultEntryKey() : entryKey;
}

ApiCredentials CredentialStore::fromEnvironment()
{
    const ApiCredentials credentials(qEnvironmentVariable("CREATIFY_API_ID"),
                                     qEnvironmentVariable("CREATIFY_API_KEY"));
    return credentials.isEmpty() ? ApiCredentials() : credentials;
}

void CredentialStore::load()
{
    const ApiCredentials fromEnv = fromEnvironment();
    if (!fromEnv.isEmpty()) {
        qCDebug(lcSettings) << "Using API credentials from the environment:" << fromEnv;
        // Queued so callers see the same asynchronous contract as the keychain path.
        QMetaObject::invokeMethod(
                this, [this, fromEnv] { Q_EMIT loaded(fromEnv, CredentialSource::Environment); },
                Qt::QueuedConnection);
        return;
    }

    // No parent: a job must outlive a store destroyed mid-operation (the backend still holds
    // it); the context object on the connection drops the answer instead.
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entryKey);
    connect(job, &QKeychain::Job::finished, this, &CredentialStore::onReadFinished);
    qCDebug(lcSettings) << "Reading keychain entry" << m_entryKey;
    job->start();
}

void CredentialStore::save(const ApiCredentials &credentials)
{
    if (credentials.isEmpty()) {
        CredentialError error(CredentialError::Kind::Other, CredentialError::Operation::Save);
        error.setMessage(QStringLiteral("Both the API ID and the API key are needed."));
        failLater(error);
        return;
    }

    QJsonObject object;
    object.insert(kIdField, credentials.apiId());
    object.insert(kKeyField, credentials.apiKey());
    const QString data = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));

    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entryKey);
    job->setTextData(data);
    connect(job, &QKeychain::Job::finished, this, &CredentialStore::onWriteFinished);
    qCDebug(lcSettings) << "Writing keychain entry" << m_entryKey << credentials;
    job->start();
}

void CredentialStore::clear()
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entryKey);
    connect(job, &QKeychain::Job::finished, this, &CredentialStore::onDeleteFinished);
    qCDebug(lcSettings) << "Deleting keychain entry" << m_entryKey;
    job->start();
}

void CredentialStore::onReadFinished(QKeychain::Job *job)
{
    if (job->error() == QKeychain::EntryNotFound) {
        qCDebug(lcSettings) << "No keychain entry" << m_entryKey;
        Q_EMIT loaded(ApiCredentials(), CredentialSource::None);
        return;
    }
    if (job->error() != QKeychain::NoError) {
        Q_EMIT failed(errorFromJob(job, CredentialError::Operation::Load));
        return;
    }

    const QString data = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data.toUtf8(), &parseError);
    const QJsonObject object = document.object();
    const ApiCredentials credentials(object.value(kIdField).toString(),
                                     object.value(kKeyField).toString());
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || credentials.isEmpty()) {
        // Don't echo the data: it is (part of) a secret.
        qCWarning(lcSettings) << "Keychain entry" << m_entryKey << "holds unreadable data";
        CredentialError error(CredentialError::Kind::Other, CredentialError::Operation::Load);
        error.setMessage(QStringLiteral("The API credentials stored in the system keychain are "
                                        "unreadable; enter them again."));
        Q_EMIT failed(error);
        return;
    }
    qCDebug(lcSettings) << "Read keychain entry" << m_entryKey << credentials;
    Q_EMIT loaded(credentials, CredentialSource::Keychain);
}

void CredentialStore::onWriteFinished(QKeychain::Job *job)
{
    if (job->error() != QKeychain::NoError) {
        Q_EMIT failed(errorFromJob(job, CredentialError::Operation::Save));
        return;
    }
    qCDebug(lcSettings) << "Wrote keychain entry" << m_entryKey;
    Q_EMIT saved();
}

void CredentialStore::onDeleteFinished(QKeychain::Job *job)
{
    // Deleting what is not there leaves the wanted state, so it is a success.
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        Q_EMIT failed(errorFromJob(job, CredentialError::Operation::Clear));
        return;
    }
    qCDebug(lcSettings) << "Deleted keychain entry" << m_entryKey;
    Q_EMIT cleared();
}

void CredentialStore::failLater(const CredentialError &error)
{
    QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
}

CredentialError CredentialStore::errorFromJob(const QKeychain::Job *job,
                                              CredentialError::Operation operation) const
{
    CredentialError::Kind kind = CredentialError::Kind::Other;
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        kind = CredentialError::Kind::NoKeychain;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        kind = CredentialError::Kind::AccessDenied;
        break;
    default:
        if (looksLikeMissingService(job->errorString()) || !sessionBusReachable())
            kind = CredentialError::Kind::NoKeychain;
        else if (looksLikeRefusal(job->errorString()))
            kind = CredentialError::Kind::AccessDenied;
        break;
    }
    const CredentialError error(kind, operation, job->errorString());
    qCWarning(lcSettings).nospace()
            << "Keychain " << operationVerb(operation) << " of entry " << m_entryKey << " failed ("
            << kindName(kind) << ", QKeychain error " << int(job->error())
            << "): " << job->errorString();
    return error;
}

} // namespace PreviewDeck
