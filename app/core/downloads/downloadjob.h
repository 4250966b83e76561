#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace PreviewDeck {

// What to download and where. The .part file next to targetPath is the whole resume state.
struct DownloadRequest
{
    QUrl url;
    QString targetPath; // final path; "<targetPath>.part" while downloading
    qint64 expectedSize = -1; // checked against the server's length when >= 0
};

struct DownloadError
{
    enum class Kind {
        None,
        Network, // connection refused, dropped, DNS, TLS...
        Timeout, // no bytes for the inactivity timeout
        HttpStatus, // the server answered with a non-success status
        LengthMismatch, // the file's length is not what the server or the caller announced
        FileSystem, // cannot create, write or rename (disk full, permissions)
        Cancelled,
    };

    Kind kind = Kind::None;
    int httpStatus = 0; // HttpStatus
    QString detail; // technical detail for logs (Qt's error string, path, lengths)
    QString path; // FileSystem: the file concerned
    int timeoutSeconds = 0; // Timeout

    bool isError() const { return kind != Kind::None; }
    // One plain sentence for the user: what happened and what to do.
    QString message() const;
};

// One file. Created and started by DownloadManager (its QObject parent). Follows the job
// contract of docs/decisions.md ("One job contract"): finished(this) exactly once, then deleted
// unless setAutoDelete(false) was called before; cancel() finishes with Kind::Cancelled.
class DownloadJob : public QObject
{
    Q_OBJECT
public:
    enum class State { Queued, Running, Finished };
    enum class PartialFile { Keep, Remove };

    ~DownloadJob() override;

    const DownloadRequest &request() const { return m_request; }
    QUrl url() const { return m_request.url; }
    // The final path. Differs from request().targetPath when that name was taken meanwhile.
    QString targetPath() const { return m_targetPath; }
    QString partPath() const { return m_request.targetPath + QLatin1String(".part"); }

    State state() const { return m_state; }
    bool isFinished() const { return m_state == State::Finished; }
    DownloadError error() const { return m_error; }
    QString errorMessage() const { return m_error.message(); }

    qint64 bytesReceived() const { return m_received; } // including resumed bytes
    qint64 bytesTotal() const { return m_total; } // -1 while unknown
    qint64 resumedFrom() const { return m_resumedFrom; } // bytes the server skipped for us
    qint64 bytesPerSecond() const { return qint64(m_speed); }

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    // Stops the job and emits finished(this) with Kind::Cancelled (no-op once finished). By default
    // the .part file stays so a later job for the same target resumes; Remove deletes it.
    void cancel(PartialFile partial = PartialFile::Keep);

Q_SIGNALS:
    void started();
    // secondsLeft is -1 while unknown; bytesPerSecond is smoothed.
    void progress(qint64 bytesReceived, qint64 bytesTotal, qint64 bytesPerSecond,
                  qint64 secondsLeft);
    void finished(PreviewDeck::DownloadJob *job);
    // The connection dropped after `error`; the job resumes from the .part file in `delayMs`.
    void retrying(PreviewDeck::DownloadJob *job, int delayMs,
                  const PreviewDeck::DownloadError &error);

private:
    friend class DownloadManager;
    DownloadJob(const DownloadRequest &request, QNetworkAccessManager *nam, int inactivityMs,
                QObject *parent);
    void start();

    void sendRequest();
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    // Resumes after a connection lost with progress made; false when it may not (no progress,
    // or resumed too often already).
    bool resumeAfterDrop(const QString &why);
    void onInactivity();
    bool handleHeaders(); // false when the job ended or restarted
    bool writeAvailable();
    void restartFromZero();
    void startWriteBack();
    void complete();
    void fail(const DownloadError &error);
    void failOnPartFile(); // the .part could not be opened, written or emptied
    void finish();
    void dropReply();
    void updateProgress(bool force);

    DownloadRequest m_request;
    QString m_targetPath;
    QPointer<QNetworkAccessManager> m_nam;
    QPointer<QNetworkReply> m_reply; // owned by the QNetworkAccessManager
    QFile m_file;
    QTimer m_inactivity;
    int m_inactivityMs;
    State m_state = State::Queued;
    DownloadError m_error;
    bool m_headersHandled = false;
    bool m_autoDelete = true;
    int m_restarts = 0; // starting over from zero after a bad Range answer
    int m_resumes = 0; // automatic resumes after a dropped connection
    qint64 m_attemptStart = 0;
    qint64 m_writeBackFrom = 0; // start of the file range not yet handed to the disk
    qint64 m_offset = 0; // bytes in .part when the current request was sent
    qint64 m_received = 0;
    qint64 m_total = -1;
    qint64 m_resumedFrom = 0;
    // Speed: exponential moving average of samples taken at least every 250 ms.
    QElapsedTimer m_clock;
    qint64 m_sampleAt = 0;
    qint64 m_sampleBytes = 0;
    double m_speed = 0;
    qint64 m_lastProgressAt = -1;
    QByteArray m_buffer; // reused for every chunk
};

} // namespace PreviewDeck
