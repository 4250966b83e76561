#include "mediastore.h"

#include <QFile>
#include <QRegularExpression>

namespace Sandbox {

namespace {

class BytesSource : public BodySource
{
public:
    explicit BytesSource(QByteArray data) : m_data(std::move(data)) { }
    qint64 size() const override { return m_data.size(); }
    QByteArray read(qint64 offset, qint64 length) const override
    {
        return m_data.mid(offset, length);
    }

private:
    QByteArray m_data;
};

// Generates blob bytes from a precomputed period-251 pattern: each read is one memcpy, which
// keeps streaming far above disk speed and memory flat whatever the blob size.
class BlobSource : public BodySource
{
public:
    explicit BlobSource(qint64 size) : m_size(size)
    {
        m_pattern.resize(Period + MaxRead);
        for (qint64 i = 0; i < m_pattern.size(); ++i)
            m_pattern[i] = MediaStore::blobByte(i);
    }
    qint64 size() const override { return m_size; }
    QByteArray read(qint64 offset, qint64 length) const override
    {
        QByteArray out;
        out.reserve(length);
        while (length > 0) {
            const qint64 n = qMin<qint64>(length, MaxRead);
            out.append(m_pattern.constData() + offset % Period, n);
            offset += n;
            length -= n;
        }
        return out;
    }

private:
    static constexpr qint64 Period = 251;
    static constexpr qint64 MaxRead = 1024 * 1024;
    qint64 m_size;
    QByteArray m_pattern;
};

} // namespace

void MediaStore::addBlob(const QString &name, qint64 size)
{
    m_blobs.insert(name, size);
}

std::shared_ptr<BodySource> MediaStore::resource(const QString &file)
{
    auto it = m_resources.constFind(file);
    if (it != m_resources.constEnd())
        return it.value();
    QFile f(QStringLiteral(":/sandbox/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    auto source = std::make_shared<BytesSource>(f.readAll());
    m_resources.insert(file, source);
    return source;
}

std::shared_ptr<BodySource> MediaStore::resolve(const QString &path, QByteArray *contentType)
{
    static const QRegularExpression renderRe(
            QStringLiteral("^/media/renders/(16x9|1x1|9x16)/[^/]+\\.mp4$"));
    static const QRegularExpression thumbRe(
            QStringLiteral("^/media/thumbs/(16x9|1x1|9x16)/[^/]+\\.jpg$"));
    static const QRegularExpression productRe(
            QStringLiteral("^/media/products/[^/]*?(\\d*)\\.jpg$"));
    static const QRegularExpression personaRe(
            QStringLiteral("^/media/personas/persona_(\\d+)\\.jpg$"));
    static const QRegularExpression voiceRe(QStringLiteral("^/media/voices/voice_(\\d+)\\.mp3$"));

    QRegularExpressionMatch m;
    if ((m = renderRe.match(path)).hasMatch()) {
        *contentType = "video/mp4";
        return resource(QStringLiteral("render_") + m.captured(1) + QStringLiteral(".mp4"));
    }
    if ((m = thumbRe.match(path)).hasMatch()) {
        *contentType = "image/jpeg";
        return resource(QStringLiteral("thumb_") + m.captured(1) + QStringLiteral(".jpg"));
    }
    if ((m = productRe.match(path)).hasMatch()) {
        *contentType = "image/jpeg";
        const int n = m.captured(1).isEmpty() ? 1 : (m.captured(1).toInt() + 3) % 4 + 1;
        return resource(QStringLiteral("product_%1.jpg").arg(n));
    }
    if ((m = personaRe.match(path)).hasMatch()) {
        *contentType = "image/jpeg";
        return resource(QStringLiteral("persona_") + m.captured(1) + QStringLiteral(".jpg"));
    }
    if ((m = voiceRe.match(path)).hasMatch()) {
        *contentType = "audio/mpeg";
        return resource(QStringLiteral("voice_") + m.captured(1) + QStringLiteral(".mp3"));
    }
    if (path.startsWith(QLatin1String("/media/blob/"))) {
        const QString name = path.mid(12);
        auto it = m_blobs.constFind(name);
        if (it == m_blobs.constEnd())
            return {};
        *contentType = "application/octet-stream";
        return std::make_shared<BlobSource>(it.value());
    }
    return {};
}

HttpResponse MediaStore::respond(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse r = HttpResponse::detail(
                405,
                QStringLiteral("Method \"%1\"").arg(QLatin1String(request.method))
                        + QStringLiteral(" not allowed."));
        r.setHeader("Allow", "GET, HEAD");
        return r;
    }
    QByteArray contentType;
    const auto source = resolve(request.path, &contentType);
    if (!source) {
        HttpResponse r;
        r.status = 404;
        r.contentType = "text/plain";
        r.body = "Not found\n";
        r.headOnly = request.method == "HEAD";
        return r;
    }
    const qint64 size = source->size();
    HttpResponse r;
    r.contentType = contentType;
    r.source = source;
    r.sourceOffset = 0;
    r.sourceLength = size;
    r.headOnly = request.method == "HEAD";
    r.setHeader("Cache-Control", "private, max-age=3600");

    const QByteArray range = request.header("Range").trimmed();
    if (m_ignoreRange || range.isEmpty()) {
        if (!m_ignoreRange)
            r.setHeader("Accept-Ranges", "bytes");
        return r;
    }
    r.setHeader("Accept-Ranges", "bytes");
    static const QRegularExpression rangeRe(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const auto m = rangeRe.match(QString::fromLatin1(range));
    if (!m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).isEmpty()))
        return r; // unsupported form (e.g. multi-range): whole body, as RFC 9110 allows
    qint64 first = 0;
    qint64 last = size - 1;
    if (m.captured(1).isEmpty()) {
        const qint64 suffix = m.captured(2).toLongLong();
        first = qMax<qint64>(0, size - suffix);
        if (suffix == 0)
            first = size; // unsatisfiable
    } else {
        first = m.captured(1).toLongLong();
        if (!m.captured(2).isEmpty())
            last = qMin(last, m.captured(2).toLongLong());
    }
    if (first >= size || last < first) {
        HttpResponse bad;
        bad.status = 416;
        bad.contentType = "text/plain";
        bad.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        bad.setHeader("Accept-Ranges", "bytes");
        bad.headOnly = r.headOnly;
        return bad;
    }
    r.status = 206;
    r.sourceOffset = first;
    r.sourceLength = last - first + 1;
    r.setHeader("Content-Range",
                "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                        + QByteArray::number(size));
    return r;
}

} // namespace Sandbox
