#pragma once

// Everything under /media/: compiled-in renders, thumbnails, images and voice samples, plus
// synthetic blobs generated on the fly. Answers Range requests.

#include "httpmessage.h"

#include <QHash>
#include <QMap>

namespace Sandbox {

class MediaStore
{
public:
    void addBlob(const QString &name, qint64 size);
    void setIgnoreRange(bool ignore) { m_ignoreRange = ignore; }

    HttpResponse respond(const HttpRequest &request);

    // Byte i of a blob, as documented in sandboxserver.h.
    static char blobByte(qint64 i) { return char((i * 31 + 7) % 251); }

private:
    std::shared_ptr<BodySource> resolve(const QString &path, QByteArray *contentType);
    std::shared_ptr<BodySource> resource(const QString &file);

    QMap<QString, qint64> m_blobs;
    QHash<QString, std::shared_ptr<BodySource>> m_resources;
    bool m_ignoreRange = false;
};

} // namespace Sandbox
