#include "templatemediaprobe.h"

#include "mediafetcher.h"

#include <QSet>
#include <QTimer>

namespace PreviewDeck {

TemplateMediaProbe::TemplateMediaProbe(MediaFetcher *fetcher, QObject *parent)
    : QObject(parent), m_fetcher(fetcher)
{
}

void TemplateMediaProbe::cancelRunning()
{
    for (const QPointer<MediaFetch> &fetch : std::as_const(m_running)) {
        if (fetch)
            fetch->cancel();
    }
    m_running.clear();
    m_pending = 0;
}

void TemplateMediaProbe::probe(const QStringList &urls)
{
    cancelRunning();
    m_problems.clear();
    const QSet<QString> distinct(urls.cbegin(), urls.cend());
    if (distinct.isEmpty()) {
        QTimer::singleShot(0, this, &TemplateMediaProbe::finished);
        return;
    }
    m_pending = int(distinct.size());
    for (const QString &url : distinct) {
        MediaRequest request;
        request.url = QUrl(url);
        request.method = MediaRequest::Method::Head;
        request.timeoutMs = m_timeoutMs;
        MediaFetch *fetch = m_fetcher->fetch(request, this);
        m_running.append(fetch);
        connect(fetch, &MediaFetch::finished, this, [this, url](const MediaResult &result) {
            using Error = MediaResult::Error;
            const bool missing = result.error == Error::HttpError
                    && (result.httpStatus == 404 || result.httpStatus == 410);
            // A timeout's transport words are Qt's "Operation canceled": say it in ours.
            if (missing || result.error == Error::TimedOut) {
                m_problems.insert(url, result.message() + QLatin1Char(' ') + tr("Check the link."));
            } else if (result.httpStatus == 0 && !result.ok()) {
                m_problems.insert(url,
                                  tr("This address could not be reached: %1.")
                                          .arg(result.transportError.isEmpty()
                                                       ? result.message()
                                                       : result.transportError));
            }
            if (--m_pending == 0) {
                m_running.clear();
                Q_EMIT finished();
            }
        });
    }
}

} // namespace PreviewDeck
