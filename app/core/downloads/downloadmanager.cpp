#include "downloadmanager.h"

#include "downloadlogging_p.h"
#include "networkfactory.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace PreviewDeck {

DownloadManager::DownloadManager(QObject *parent) : DownloadManager(nullptr, parent) { }

DownloadManager::DownloadManager(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_nam(nam ? nam : createNetworkAccessManager(this))
{
}

DownloadManager::~DownloadManager()
{
    // Delete the jobs before our QNetworkAccessManager child goes, which owns their replies.
    // Deleting a job aborts its reply and keeps its .part file.
    m_queued.clear();
    m_running.clear();
    qDeleteAll(findChildren<DownloadJob *>(QString(), Qt::FindDirectChildrenOnly));
}

DownloadJob *DownloadManager::enqueue(const DownloadRequest &request)
{
    const QString target = QDir::cleanPath(QFileInfo(request.targetPath).absoluteFilePath());
    for (const auto *list : {&m_running, &m_queued}) {
        for (const QPointer<DownloadJob> &job : *list) {
            if (job && !job->isFinished()
                && QDir::cleanPath(QFileInfo(job->request().targetPath).absoluteFilePath())
                        == target)
                return job; // two writers on one .part would corrupt it
        }
    }

    auto *job = new DownloadJob(request, m_nam, m_inactivityMs, this);
    connect(job, &DownloadJob::started, this, [this, job] { Q_EMIT jobStarted(job); });
    connect(job, &DownloadJob::finished, this, [this, job] { onJobFinished(job); });
    connect(job, &QObject::destroyed, this, [this] {
        m_running.removeAll(nullptr);
        m_queued.removeAll(nullptr);
        schedulePump();
    });
    m_queued.append(job);
    schedulePump();
    return job;
}

void DownloadManager::setMaxConcurrent(int max)
{
    m_maxConcurrent = qMax(1, max);
    schedulePump();
}

void DownloadManager::setInactivityTimeout(int ms)
{
    m_inactivityMs = qMax(1, ms);
}

int DownloadManager::runningCount() const
{
    int n = 0;
    for (const auto &job : m_running)
        n += job ? 1 : 0;
    return n;
}

int DownloadManager::queuedCount() const
{
    int n = 0;
    for (const auto &job : m_queued)
        n += job ? 1 : 0;
    return n;
}

QList<DownloadJob *> DownloadManager::jobs() const
{
    QList<DownloadJob *> out;
    for (const auto *list : {&m_running, &m_queued}) {
        for (const auto &job : *list) {
            if (job)
                out.append(job);
        }
    }
    return out;
}

void DownloadManager::cancelAll(DownloadJob::PartialFile partial)
{
    // Queued first, so no queued job starts in a slot a cancelled one frees.
    const auto queued = m_queued;
    for (const auto &job : queued) {
        if (job)
            job->cancel(partial);
    }
    const auto running = m_running;
    for (const auto &job : running) {
        if (job)
            job->cancel(partial);
    }
}

void DownloadManager::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    // Start from the event loop: the caller of enqueue() connects to the job first.
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_pumpScheduled = false;
                pump();
            },
            Qt::QueuedConnection);
}

void DownloadManager::pump()
{
    m_running.removeAll(nullptr);
    m_queued.removeAll(nullptr);
    while (runningCount() < m_maxConcurrent && !m_queued.isEmpty()) {
        QPointer<DownloadJob> job = m_queued.takeFirst();
        if (!job || job->isFinished())
            continue;
        m_running.append(job);
        job->start(); // may finish at once (e.g. the folder is not writable)
    }
}

void DownloadManager::onJobFinished(DownloadJob *job)
{
    m_running.removeAll(job);
    m_queued.removeAll(job);
    Q_EMIT jobFinished(job);
    schedulePump();
}

QString DownloadManager::sanitizedFileName(const QString &name)
{
    static const QString forbidden = QStringLiteral("/\\:*?\"<>|");
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c == QChar(0x7f))
            continue;
        if (c.unicode() < 0x20)
            continue;
        out.append(forbidden.contains(c) ? QChar(u'_') : c);
    }

    const auto trim = [](QString &s) {
        const auto junk = [](QChar c) { return c == u'.' || c.isSpace(); };
        while (!s.isEmpty() && junk(s.front()))
            s.remove(0, 1);
        while (!s.isEmpty() && junk(s.back()))
            s.chop(1);
    };
    trim(out);

    constexpr int maxLength = 150;
    if (out.size() > maxLength) {
        const int dot = out.lastIndexOf(u'.');
        const QString ext = (dot > 0 && out.size() - dot <= 16) ? out.mid(dot) : QString();
        QString base = out.left(maxLength - ext.size());
        if (!base.isEmpty() && base.back().isHighSurrogate())
            base.chop(1);
        trim(base);
        out = base + ext;
    }

    // Windows device names are reserved with any extension ("nul.mp4" too).
    static const QStringList reserved = [] {
        QStringList names = {QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                             QStringLiteral("NUL")};
        for (int i = 1; i <= 9; ++i) {
            names << QStringLiteral("COM%1").arg(i) << QStringLiteral("LPT%1").arg(i);
        }
        return names;
    }();
    const QString stem = out.section(u'.', 0, 0).trimmed();
    if (reserved.contains(stem, Qt::CaseInsensitive))
        out.prepend(u'_');

    if (out.isEmpty() || out.startsWith(u'.'))
        out = QStringLiteral("download") + out;
    return out;
}

QString DownloadManager::uniqueTargetPath(const QString &dir, const QString &fileName)
{
    const QDir d(dir);
    const auto taken = [](const QString &path) {
        return QFileInfo::exists(path) || QFileInfo::exists(path + QLatin1String(".part"));
    };
    const QString first = d.filePath(fileName);
    if (!taken(first))
        return first;
    const int dot = fileName.lastIndexOf(u'.');
    const QString base = dot > 0 ? fileName.left(dot) : fileName;
    const QString ext = dot > 0 ? fileName.mid(dot) : QString();
    for (int i = 1; i < 100000; ++i) {
        const QString candidate = d.filePath(base + QStringLiteral(" (%1)").arg(i) + ext);
        if (!taken(candidate))
            return candidate;
    }
    qCWarning(lcDownloads) << "no free name for" << fileName << "in" << dir;
    return first;
}

} // namespace PreviewDeck
