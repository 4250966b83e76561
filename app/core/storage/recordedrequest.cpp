#include "recordedrequest.h"

#include <QJsonArray>

namespace PreviewDeck {

namespace {
// Not an API field: PreviewDeck adds it to template jobs' recorded requests.
const QLatin1String kDuration("duration");
} // namespace

QString RecordedRequest::name() const
{
    return m_request.value(QLatin1String("name")).toString();
}

QStringList RecordedRequest::visualStyles() const
{
    QStringList styles;
    const QJsonArray asked = m_request.value(QLatin1String("visual_styles")).toArray();
    for (const QJsonValue &style : asked)
        styles << style.toString();
    return styles;
}

QString RecordedRequest::aspectRatio() const
{
    return m_request.value(QLatin1String("aspect_ratio")).toString();
}

QString RecordedRequest::modelVersion() const
{
    return m_request.value(QLatin1String("model_version")).toString();
}

int RecordedRequest::videoLength() const
{
    return m_request.value(QLatin1String("video_length")).toInt();
}

int RecordedRequest::durationSeconds(int fallback) const
{
    return int(m_request.value(kDuration).toDouble(fallback));
}

QJsonObject RecordedRequest::templateVariables() const
{
    return m_request.value(QLatin1String("variables")).toObject();
}

void RecordedRequest::setDurationSeconds(QJsonObject *request, int seconds)
{
    request->insert(kDuration, seconds);
}

} // namespace PreviewDeck
