#pragma once

#include "apicredentials.h"

#include <QMetaType>
#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace PreviewDeck {

// Where loaded credentials came from.
enum class CredentialSource {
    None, // nothing stored (credentials are empty)
    Environment, // CREATIFY_API_ID and CREATIFY_API_KEY, both non-empty
    Keychain, // the system keychain
};

// Why a keychain operation failed, with one plain sentence for the user.
class CredentialError
{
public:
    enum class Kind {
        NoKeychain, // no secrets service (no keyring daemon, no D-Bus session, ...)
        AccessDenied, // the keychain is locked or the user refused access
        Other,
    };
    enum class Operation { Load, Save, Clear };

    CredentialError() = default;
    CredentialError(Kind kind, Operation operation, const QString &detail = {});

    Kind kind() const { return m_kind; }
    Operation operation() const { return m_operation; }
    // Sentence for the user; never contains the key.
    QString message() const;
    // The keychain backend's own error text, for logs and a "details" expander.
    QString detail() const { return m_detail; }

    // Replaces message() for errors that are not about the keychain itself (bad input, bad data).
    void setMessage(const QString &message) { m_message = message; }

private:
    Kind m_kind = Kind::Other;
    Operation m_operation = Operation::Load;
    QString m_detail;
    QString m_message;
};

// Reads and writes the API credentials in the system keychain (QtKeychain, service
// "PreviewDeck"), never in a plain file. Every call answers asynchronously with exactly one
// signal: load() -> loaded() or failed(), save() -> saved() or failed(), clear() -> cleared() or
// failed(). QtKeychain runs keychain calls one at a time, in call order.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    static QString serviceName(); // "PreviewDeck"
    static QString defaultEntryKey(); // "creatify-api"

    explicit CredentialStore(QObject *parent = nullptr);
    // Tests pass their own entry key so they never touch a user's entry.
    explicit CredentialStore(const QString &entryKey, QObject *parent = nullptr);

    QString entryKey() const { return m_entryKey; }
    void setEntryKey(const QString &entryKey);

    // CREATIFY_API_ID / CREATIFY_API_KEY; empty unless both are set and non-empty.
    static ApiCredentials fromEnvironment();

    // The environment wins over the keychain. A missing entry is not an error: loaded() then
    // carries empty credentials and CredentialSource::None.
    void load();
    // Writes to the keychain even when the environment overrides it for this process.
    void save(const ApiCredentials &credentials);
    // Removes the keychain entry; removing an absent entry succeeds.
    void clear();

Q_SIGNALS:
    void loaded(const PreviewDeck::ApiCredentials &credentials,
                PreviewDeck::CredentialSource source);
    void saved();
    void cleared();
    void failed(const PreviewDeck::CredentialError &error);

private:
    void onReadFinished(QKeychain::Job *job);
    void onWriteFinished(QKeychain::Job *job);
    void onDeleteFinished(QKeychain::Job *job);
    void failLater(const CredentialError &error);
    CredentialError errorFromJob(const QKeychain::Job *job,
                                 CredentialError::Operation operation) const;

    QString m_entryKey;
};

} // namespace PreviewDeck

Q_DECLARE_METATYPE(PreviewDeck::CredentialSource)
Q_DECLARE_METATYPE(PreviewDeck::CredentialError)
