#include "templatemediaprobe.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace PreviewDeck {

TemplateMediaProbe::TemplateMediaProbe(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
}

void TemplateMediaProbe::probe(const QStringList &urls)
{
    const int generation = ++m_generation; // answers of an earlier probe are ignored
    m_pending.clear();
    m_problems.clear();
    for (const QString &url : urls)
        m_pending.insert(url);
    if (m_pending.isEmpty()) {
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                Q_EMIT finished();
        });
        return;
    }
    const QSet<QString> pending = m_pending;
    for (const QString &url : pending) {
        QNetworkRequest request{QUrl(url)};
        request.setTransferTimeout(m_timeoutMs);
        QNetworkReply *reply = m_network->head(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply, url, generation] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 404 || status == 410) {
                m_problems.insert(url,
                                  tr("Nothing was found at this address (HTTP %1). Check "
                                     "the link.")
                                          .arg(status));
            } else if (status == 0 && reply->error() != QNetworkReply::NoError) {
                m_problems.insert(
                        url, tr("This address could not be reached: %1.").arg(reply->errorString()));
            }
            m_pending.remove(url);
            if (m_pending.isEmpty())
                Q_EMIT finished();
        });
    }
}

} // namespace PreviewDeck
