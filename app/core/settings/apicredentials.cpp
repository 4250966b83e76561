#include "apicredentials.h"

#include <QDebug>

namespace PreviewDeck {

namespace {
// Below this length even the last 4 characters would reveal too much of the key.
constexpr int MinKeyLengthForHint = 12;
constexpr int HintLength = 4;
constexpr int IdPrefixLength = 4;
} // namespace

ApiCredentials::ApiCredentials(const QString &apiId, const QString &apiKey)
    : m_apiId(apiId.trimmed()), m_apiKey(apiKey.trimmed())
{
}

void ApiCredentials::setApiId(const QString &apiId)
{
    m_apiId = apiId.trimmed();
}

void ApiCredentials::setApiKey(const QString &apiKey)
{
    m_apiKey = apiKey.trimmed();
}

bool ApiCredentials::isEmpty() const
{
    return m_apiId.isEmpty() || m_apiKey.isEmpty();
}

QString ApiCredentials::redacted() const
{
    const QChar ellipsis(0x2026);
    const QString dots(4, QChar(0x2022));

    QString id;
    if (m_apiId.isEmpty())
        id = QStringLiteral("(none)");
    else if (m_apiId.size() > IdPrefixLength)
        id = m_apiId.left(IdPrefixLength) + ellipsis;
    else
        id = m_apiId;

    QString key;
    if (m_apiKey.isEmpty())
        key = QStringLiteral("(none)");
    else if (m_apiKey.size() >= MinKeyLengthForHint)
        key = dots + m_apiKey.right(HintLength);
    else
        key = dots;

    return QStringLiteral("id ") + id + QStringLiteral(", key ") + key;
}

QDebug operator<<(QDebug debug, const ApiCredentials &credentials)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "ApiCredentials(" << credentials.redacted() << ')';
    return debug;
}

} // namespace PreviewDeck
