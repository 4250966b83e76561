// DownloadJob's resume and commit rules: checking the server's answer against the .part file
// (Content-Range, lengths), starting over when a resume cannot be trusted, and making the
// finished file durable under its final name.

#include "downloadjob.h"

#include "downloadlogging_p.h"
#include "downloadmanager.h"

#include <QFileInfo>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#    include <unistd.h>
#endif

namespace PreviewDeck {

namespace {

// Starting over from zero after a bad Range answer, at most this many times per job.
constexpr int kMaxRestarts = 2;

struct ContentRange
{
    bool valid = false;
    qint64 first = -1; // -1 for "bytes */total"
    qint64 last = -1;
    qint64 total = -1; // -1 for "/*"
};

ContentRange parseContentRange(const QByteArray &value)
{
    static const QRegularExpression re(
            QStringLiteral(R"(^\s*bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$)"),
            QRegularExpression::CaseInsensitiveOption);
    ContentRange range;
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return range;
    range.valid = true;
    if (m.capturedLength(1) > 0) {
        range.first = m.captured(1).toLongLong();
        range.last = m.captured(2).toLongLong();
    }
    if (m.captured(3) != QLatin1String("*"))
        range.total = m.captured(3).toLongLong();
    return range;
}

} // namespace

bool DownloadJob::handleHeaders()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // No HTTP answer yet, or a redirect Qt is about to follow.
    if (status == 0 || (status >= 300 && status < 400 && !m_reply->isFinished()))
        return true;
    m_headersHandled = true;

    if (status == 206) {
        const ContentRange range = parseContentRange(m_reply->rawHeader("Content-Range"));
        if (!range.valid || range.first != m_offset) {
            qCWarning(lcDownloads)
                    << "unexpected Content-Range" << m_reply->rawHeader("Content-Range")
                    << "for offset" << m_offset;
            restartFromZero();
            return false;
        }
        m_resumedFrom = m_offset;
        m_total = range.total;
    } else if (status >= 200 && status < 300) {
        if (m_offset > 0) {
            // The server ignored Range and sends the whole file: start over.
            qCInfo(lcDownloads) << "server ignored Range, starting over" << m_request.url;
            if (!m_file.resize(0)) {
                failOnPartFile();
                return false;
            }
            m_offset = 0;
            m_received = 0;
            m_attemptStart = 0;
            m_sampleBytes = 0;
        }
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        m_total = length.isValid() ? length.toLongLong() : -1;
    } else if (status == 416 && m_offset > 0) {
        const ContentRange range = parseContentRange(m_reply->rawHeader("Content-Range"));
        const qint64 total = range.total >= 0 ? range.total : m_request.expectedSize;
        if (total == m_offset) {
            // The .part is already complete (we stopped between the last byte and the rename).
            m_total = total;
            dropReply();
            complete();
        } else {
            restartFromZero();
        }
        return false;
    } else {
        DownloadError e;
        e.kind = DownloadError::Kind::HttpStatus;
        e.httpStatus = status;
        e.detail = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        fail(e);
        return false;
    }

    if (m_request.expectedSize >= 0 && m_total >= 0 && m_total != m_request.expectedSize) {
        DownloadError e;
        e.kind = DownloadError::Kind::LengthMismatch;
        e.detail = QStringLiteral("server announces %1 bytes, expected %2")
                           .arg(m_total)
                           .arg(m_request.expectedSize);
        fail(e);
        return false;
    }
    return true;
}

void DownloadJob::restartFromZero()
{
    dropReply();
    if (++m_restarts > kMaxRestarts || !m_file.resize(0)) {
        DownloadError e;
        e.kind = m_file.error() != QFileDevice::NoError ? DownloadError::Kind::FileSystem
                                                        : DownloadError::Kind::Network;
        e.path = partPath();
        e.detail = QStringLiteral("could not resume, and starting over failed");
        fail(e);
        return;
    }
    m_offset = 0;
    m_received = 0;
    m_total = -1;
    sendRequest();
}

void DownloadJob::complete()
{
    m_received = m_total;
    updateProgress(true);
#ifdef Q_OS_UNIX
    // Make the data durable before the rename makes it visible under the final name.
    // (Write-back during the download keeps this cheap; see startWriteBack().)
    if (m_file.isOpen() && ::fsync(m_file.handle()) != 0) {
        DownloadError e;
        e.kind = DownloadError::Kind::FileSystem;
        e.path = partPath();
        e.detail = QStringLiteral("fsync failed: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        fail(e);
        return;
    }
#endif
    m_file.close();

    // QFile::rename never replaces an existing file (renameat2 RENAME_NOREPLACE on Linux), so a
    // file that appeared meanwhile is kept and we take the next free name.
    QString candidate = m_request.targetPath;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!QFileInfo::exists(candidate) && QFile::rename(partPath(), candidate)) {
            m_targetPath = candidate;
            qCInfo(lcDownloads) << "saved" << candidate << m_total << "bytes";
            finish();
            return;
        }
        if (!QFileInfo::exists(candidate))
            break; // the rename failed for another reason
        const QFileInfo info(m_request.targetPath);
        candidate = DownloadManager::uniqueTargetPath(info.absolutePath(), info.fileName());
    }
    DownloadError e;
    e.kind = DownloadError::Kind::FileSystem;
    e.path = m_request.targetPath;
    e.detail = QStringLiteral("could not rename %1").arg(partPath());
    fail(e);
}

} // namespace PreviewDeck
