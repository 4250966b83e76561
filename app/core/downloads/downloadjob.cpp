#include "downloadjob.h"

#include "downloadlogging_p.h"
#include "downloadmanager.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <cmath>

#ifdef Q_OS_LINUX
#    include <fcntl.h>
#endif

namespace PreviewDeck {

Q_LOGGING_CATEGORY(lcDownloads, "previewdeck.downloads", QtInfoMsg)

namespace {

// Qt's HTTP thread stops reading the socket when this much is buffered: memory stays flat
// whatever the file size, and it is large enough not to throttle a fast link.
constexpr qint64 kReadBufferSize = 4 * 1024 * 1024;
// We move data from the reply to the file in chunks of this size.
constexpr qint64 kChunkSize = 1024 * 1024;
// A connection that drops after making progress is resumed at once, this many times per job.
constexpr int kMaxResumes = 3;
constexpr int kResumeDelayMs = 250;

} // namespace

QString DownloadError::message() const
{
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Network:
        return QStringLiteral("The download was interrupted by a network problem; check your "
                              "connection and try again, it will continue where it stopped.");
    case Kind::Timeout:
        return QStringLiteral("The server sent no data for %1 %2; try again later, the "
                              "download will continue where it stopped.")
                .arg(timeoutSeconds)
                .arg(timeoutSeconds == 1 ? QStringLiteral("second") : QStringLiteral("seconds"));
    case Kind::HttpStatus:
        if (httpStatus == 404 || httpStatus == 410)
            return QStringLiteral("The file is no longer on the server (HTTP %1); render the "
                                  "video again to get a new link.")
                    .arg(httpStatus);
        if (httpStatus == 401 || httpStatus == 403)
            return QStringLiteral("The server refused access to the file (HTTP %1); the link "
                                  "may have expired, so render the video again.")
                    .arg(httpStatus);
        if (httpStatus >= 500)
            return QStringLiteral("The server had a problem sending the file (HTTP %1); try "
                                  "again in a few minutes.")
                    .arg(httpStatus);
        return QStringLiteral("The server answered with an unexpected status (HTTP %1); try "
                              "again later.")
                .arg(httpStatus);
    case Kind::LengthMismatch:
        return QStringLiteral("The downloaded file does not have the expected size; try the "
                              "download again.");
    case Kind::FileSystem:
        return QStringLiteral("Could not write \"%1\"; check that the disk has free space and "
                              "that you may write to that folder, then try again.")
                .arg(QDir::toNativeSeparators(path));
    case Kind::Cancelled:
        return QStringLiteral("The download was cancelled.");
    }
    return QString();
}

DownloadJob::DownloadJob(const DownloadRequest &request, QNetworkAccessManager *nam,
                         int inactivityMs, QObject *parent)
    : QObject(parent),
      m_request(request),
      m_targetPath(request.targetPath),
      m_nam(nam),
      m_inactivityMs(inactivityMs)
{
    m_inactivity.setSingleShot(true);
    m_inactivity.setInterval(inactivityMs);
    connect(&m_inactivity, &QTimer::timeout, this, &DownloadJob::onInactivity);
}

DownloadJob::~DownloadJob()
{
    dropReply();
    m_file.close();
}

void DownloadJob::start()
{
    if (m_state != State::Queued)
        return;
    m_state = State::Running;
    Q_EMIT started();

    m_file.setFileName(partPath());
    const QString dir = QFileInfo(m_request.targetPath).absolutePath();
    // Unbuffered: we write large chunks ourselves; QFile's buffer would only add a copy.
    if (!QDir().mkpath(dir)
        || !m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        failOnPartFile();
        return;
    }
    m_offset = m_file.size();
    if (m_request.expectedSize >= 0 && m_offset > m_request.expectedSize) {
        qCInfo(lcDownloads) << "partial file larger than expected, starting over" << partPath();
        m_file.resize(0);
        m_offset = 0;
    }
    m_received = m_offset;
    m_clock.start();
    sendRequest();
}

void DownloadJob::sendRequest()
{
    if (!m_nam) {
        DownloadError e;
        e.kind = DownloadError::Kind::Network;
        e.detail = QStringLiteral("network access manager is gone");
        fail(e);
        return;
    }
    QNetworkRequest req(m_request.url);
    // Compressed transfer would make lengths and ranges refer to different bytes.
    req.setRawHeader("Accept-Encoding", "identity");
    if (m_offset > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);

    m_headersHandled = false;
    m_attemptStart = m_received;
    m_sampleAt = m_clock.elapsed();
    m_sampleBytes = m_received;
    qCDebug(lcDownloads) << "GET" << m_request.url.toDisplayString() << "from" << m_offset;
    m_reply = m_nam->get(req);
    m_reply->setReadBufferSize(kReadBufferSize);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &DownloadJob::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onReplyFinished);
    m_inactivity.start();
}

void DownloadJob::onMetaData()
{
    m_inactivity.start();
    if (!m_headersHandled)
        handleHeaders();
}

void DownloadJob::onReadyRead()
{
    m_inactivity.start();
    if (!m_headersHandled && !handleHeaders())
        return;
    if (!m_headersHandled) // a redirect's body
        return;
    if (writeAvailable())
        updateProgress(false);
}

bool DownloadJob::writeAvailable()
{
    if (m_buffer.size() < kChunkSize)
        m_buffer.resize(kChunkSize);
    while (m_reply->bytesAvailable() > 0) {
        const qint64 n = m_reply->read(m_buffer.data(), kChunkSize);
        if (n <= 0)
            break;
        if (m_file.write(m_buffer.constData(), n) != n) {
            failOnPartFile();
            return false;
        }
        m_received += n;
    }
    startWriteBack();
    if (m_total >= 0 && m_received > m_total) {
        DownloadError e;
        e.kind = DownloadError::Kind::LengthMismatch;
        e.detail = QStringLiteral("received more than the announced %1 bytes").arg(m_total);
        QFile::remove(partPath()); // the bytes cannot be trusted for a resume
        fail(e);
        return false;
    }
    return true;
}

void DownloadJob::startWriteBack()
{
#ifdef Q_OS_LINUX
    // Start writing finished stretches to disk as we go, so the fsync before the rename has
    // little left to do instead of flushing the whole file at once.
    constexpr qint64 kWriteBackStep = 8 * 1024 * 1024;
    const qint64 end = m_file.size();
    if (end < m_writeBackFrom) // truncated: start over
        m_writeBackFrom = 0;
    if (end - m_writeBackFrom >= kWriteBackStep) {
        ::sync_file_range(m_file.handle(), m_writeBackFrom, end - m_writeBackFrom,
                          SYNC_FILE_RANGE_WRITE);
        m_writeBackFrom = end;
    }
#endif
}

bool DownloadJob::resumeAfterDrop(const QString &why)
{
    if (m_received <= m_attemptStart || m_resumes >= kMaxResumes)
        return false;
    ++m_resumes;
    qCInfo(lcDownloads) << "connection lost at" << m_received << "bytes, resuming:" << why;
    dropReply();
    m_offset = m_file.size();
    m_received = m_offset;
    QTimer::singleShot(kResumeDelayMs, this, [this] {
        if (m_state == State::Running && !m_reply)
            sendRequest();
    });
    DownloadError dropped;
    dropped.kind = DownloadError::Kind::Network;
    dropped.detail = why;
    Q_EMIT retrying(this, kResumeDelayMs, dropped);
    return true;
}

void DownloadJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!m_headersHandled && !handleHeaders())
        return;
    if (m_state == State::Finished || reply != m_reply)
        return;
    if (m_headersHandled && !writeAvailable())
        return;

    if (reply->error() != QNetworkReply::NoError) {
        if (resumeAfterDrop(reply->errorString()))
            return;
        DownloadError e;
        e.kind = DownloadError::Kind::Network;
        e.detail = reply->errorString();
        qCInfo(lcDownloads) << "download interrupted at" << m_received << "bytes:" << e.detail;
        fail(e);
        return;
    }
    if (!m_headersHandled) {
        DownloadError e;
        e.kind = DownloadError::Kind::HttpStatus;
        e.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        fail(e);
        return;
    }
    const qint64 wanted = m_total >= 0 ? m_total : m_request.expectedSize;
    // A connection closed early can also end "without error" (seen under load): a short file
    // after progress is a drop like any other, and is resumed.
    if (wanted >= 0 && m_file.size() < wanted && m_file.size() == m_received
        && resumeAfterDrop(
                QStringLiteral("connection closed at %1 of %2 bytes").arg(m_received).arg(wanted)))
        return;
    dropReply();

    const qint64 size = m_file.size();
    if (size != m_received || (wanted >= 0 && size != wanted)) {
        DownloadError e;
        e.kind = DownloadError::Kind::LengthMismatch;
        e.detail = QStringLiteral("file has %1 bytes, expected %2").arg(size).arg(wanted);
        // A short file may be resumed; a long one is garbage.
        if (size > wanted) {
            m_file.close();
            QFile::remove(partPath());
        }
        fail(e);
        return;
    }
    m_total = size;
    complete();
}

void DownloadJob::onInactivity()
{
    DownloadError e;
    e.kind = DownloadError::Kind::Timeout;
    e.timeoutSeconds = qMax(1, (m_inactivityMs + 999) / 1000);
    e.detail = QStringLiteral("no data for %1 ms").arg(m_inactivityMs);
    qCInfo(lcDownloads) << "inactivity timeout" << m_request.url;
    fail(e);
}

void DownloadJob::cancel(PartialFile partial)
{
    if (m_state == State::Finished)
        return;
    DownloadError e;
    e.kind = DownloadError::Kind::Cancelled;
    dropReply();
    m_file.close();
    if (partial == PartialFile::Remove)
        QFile::remove(partPath());
    fail(e);
}

void DownloadJob::fail(const DownloadError &error)
{
    if (m_state == State::Finished)
        return;
    m_error = error;
    dropReply();
    m_file.close();
    // An empty .part holds nothing worth resuming; do not leave litter after e.g. a 404.
    if (QFileInfo(partPath()).size() == 0)
        QFile::remove(partPath());
    if (error.kind != DownloadError::Kind::Cancelled)
        qCInfo(lcDownloads) << "download failed" << m_request.url.toDisplayString()
                            << int(error.kind) << error.httpStatus << error.detail;
    finish();
}

void DownloadJob::failOnPartFile()
{
    DownloadError e;
    e.kind = DownloadError::Kind::FileSystem;
    e.path = partPath();
    e.detail = m_file.errorString();
    fail(e);
}

void DownloadJob::finish()
{
    m_state = State::Finished;
    m_inactivity.stop();
    m_buffer = QByteArray();
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

void DownloadJob::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    // abort() on an error-status reply makes Qt report its error twice (a warning); deleting
    // the reply aborts the request anyway.
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!reply->isFinished() && reply->error() == QNetworkReply::NoError && status < 400)
        reply->abort();
    reply->deleteLater();
}

void DownloadJob::updateProgress(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (now - m_sampleAt >= 250) {
        const double instant = double(m_received - m_sampleBytes) * 1000.0
                / double(now - m_sampleAt);
        m_speed = m_speed <= 0 ? instant : 0.7 * m_speed + 0.3 * instant;
        m_sampleAt = now;
        m_sampleBytes = m_received;
    }
    if (force && m_speed <= 0 && now > m_sampleAt) // finished before the first sample
        m_speed = double(m_received - m_sampleBytes) * 1000.0 / double(now - m_sampleAt);
    if (!force && m_lastProgressAt >= 0 && now - m_lastProgressAt < 100)
        return;
    m_lastProgressAt = now;
    qint64 secondsLeft = -1;
    if (m_total >= 0 && m_received >= m_total)
        secondsLeft = 0;
    else if (m_total >= 0 && m_speed > 0)
        secondsLeft = qint64(std::ceil(double(m_total - m_received) / m_speed));
    Q_EMIT progress(m_received, m_total, qint64(m_speed), secondsLeft);
}

} // namespace PreviewDeck
