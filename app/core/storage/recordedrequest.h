#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace PreviewDeck {

// What a job's request recorded (JobRecord::request, the body that was sent), read by name so
// that no caller needs the API's JSON keys. A field the request did not carry reads as empty.
class RecordedRequest
{
public:
    explicit RecordedRequest(const QJsonObject &request) : m_request(request) { }

    QString name() const;
    QStringList visualStyles() const; // in the order asked for
    QString aspectRatio() const; // "9x16", "16x9", "1x1"; empty for template jobs
    QString modelVersion() const; // empty: the server's default
    int videoLength() const; // seconds asked for (link jobs); 0 when not recorded
    // Template jobs: the length their render is priced for (the server's figure once known,
    // else the guess made when asking); `fallback` when neither was recorded.
    int durationSeconds(int fallback) const;
    QJsonObject templateVariables() const; // name -> {"type": …, "properties": {…}}

    // Records the template's length (the guess when asking, the server's figure later).
    static void setDurationSeconds(QJsonObject *request, int seconds);

private:
    QJsonObject m_request;
};

} // namespace PreviewDeck
