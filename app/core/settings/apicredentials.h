#pragma once

#include <QMetaType>
#include <QString>

QT_BEGIN_NAMESPACE
class QDebug;
QT_END_NAMESPACE

namespace PreviewDeck {

// The pair of values Creatify wants on every call (X-API-ID / X-API-KEY). Values are trimmed,
// because keys pasted from a browser often carry a trailing newline or space.
class ApiCredentials
{
public:
    ApiCredentials() = default;
    ApiCredentials(const QString &apiId, const QString &apiKey);

    QString apiId() const { return m_apiId; }
    QString apiKey() const { return m_apiKey; }
    void setApiId(const QString &apiId);
    void setApiKey(const QString &apiKey);

    // True unless both the ID and the key are present: half a pair cannot authenticate.
    bool isEmpty() const;

    // For display and logs, never shows the key: e.g. "id abcd…, key ••••1234". At most the
    // last 4 characters of a long key appear, none of a short one.
    QString redacted() const;

    friend bool operator==(const ApiCredentials &a, const ApiCredentials &b)
    {
        return a.m_apiId == b.m_apiId && a.m_apiKey == b.m_apiKey;
    }
    friend bool operator!=(const ApiCredentials &a, const ApiCredentials &b) { return !(a == b); }

private:
    QString m_apiId;
    QString m_apiKey;
};

// Prints the redacted() form only, so a stray qDebug() << credentials cannot leak the key.
QDebug operator<<(QDebug debug, const ApiCredentials &credentials);

} // namespace PreviewDeck

Q_DECLARE_METATYPE(PreviewDeck::ApiCredentials)
