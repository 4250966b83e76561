#include "downloadmanager.h"
#include "sandboxserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace PreviewDeck;
using Kind = DownloadError::Kind;
using Sandbox::Fault;

namespace {

constexpr int kWait = 10000;

// These tests read a job after it finished, so they keep it (the manager deletes it).
DownloadJob *kept(DownloadJob *job)
{
    job->setAutoDelete(false);
    return job;
}

// The sandbox's blob content: byte i == (i * 31 + 7) % 251.
QByteArray blobBytes(qint64 from, qint64 count)
{
    QByteArray out(int(count), Qt::Uninitialized);
    for (qint64 i = 0; i < count; ++i)
        out[int(i)] = char(((from + i) * 31 + 7) % 251);
    return out;
}

// Empty string when the file holds exactly the blob of `size` bytes, else what is wrong.
QString checkBlobFile(const QString &path, qint64 size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot open ") + path;
    if (f.size() != size)
        return QStringLiteral("size %1, expected %2").arg(f.size()).arg(size);
    qint64 pos = 0;
    while (pos < size) {
        const QByteArray chunk = f.read(1 << 20);
        if (chunk.isEmpty())
            return QStringLiteral("short read");
        if (chunk != blobBytes(pos, chunk.size()))
            return QStringLiteral("content differs in the chunk at %1").arg(pos);
        pos += chunk.size();
    }
    return QString();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), qint64(data.size()));
}

QList<Sandbox::RequestLogEntry> blobGets(const Sandbox::SandboxServer &server)
{
    QList<Sandbox::RequestLogEntry> out;
    const auto log = server.requestLog();
    for (const auto &e : log) {
        if (e.method == "GET" && e.path.startsWith(QLatin1String("/media/blob/")))
            out.append(e);
    }
    return out;
}

} // namespace

class TestDownloadManager : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DownloadManager> m_manager;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    DownloadRequest blobRequest(const QString &blob, qint64 size, const QString &file,
                                bool withExpected = false)
    {
        DownloadRequest r;
        r.url = m_server->addBlob(blob, size);
        r.targetPath = path(file);
        if (withExpected)
            r.expectedSize = size;
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_server = std::make_unique<Sandbox::SandboxServer>();
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_manager = std::make_unique<DownloadManager>();
        m_manager->setInactivityTimeout(5000);
    }

    void cleanup()
    {
        m_manager.reset();
        m_server.reset();
        m_dir.reset();
    }

    void fullDownload()
    {
        const qint64 size = 3 * 1024 * 1024 + 123;
        const DownloadRequest req = blobRequest(QStringLiteral("full"), size,
                                                QStringLiteral("full.mp4"));
        DownloadJob *job = kept(m_manager->enqueue(req));
        QSignalSpy finished(job, &DownloadJob::finished);
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job->error().kind, Kind::None);
        QVERIFY(job->errorMessage().isEmpty());
        QCOMPARE(job->targetPath(), req.targetPath);
        QCOMPARE(checkBlobFile(req.targetPath, size), QString());
        QVERIFY(!QFileInfo::exists(job->partPath()));
        QCOMPARE(job->bytesReceived(), size);
        QCOMPARE(job->bytesTotal(), size);

        const auto gets = blobGets(*m_server);
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets.first().status, 200);
        // Exactly one terminal signal, even after the event loop ran on.
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void progressSignals()
    {
        const qint64 size = 16 * 1024 * 1024;
        DownloadJob *job = kept(m_manager->enqueue(
                blobRequest(QStringLiteral("prog"), size, QStringLiteral("prog.bin"))));
        QSignalSpy progress(job, &DownloadJob::progress);
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::None);
        QVERIFY(progress.count() >= 1);
        qint64 last = -1;
        for (const auto &args : std::as_const(progress)) {
            const qint64 received = args.at(0).toLongLong();
            QVERIFY(received >= last);
            QCOMPARE(args.at(1).toLongLong(), size);
            QVERIFY(args.at(2).toLongLong() >= 0);
            last = received;
        }
        const auto final = progress.last();
        QCOMPARE(final.at(0).toLongLong(), size);
        QCOMPARE(final.at(3).toLongLong(), qint64(0)); // nothing left
    }

    // The connection drops mid-body; the job resumes with Range and the file is byte-exact.
    void dropThenResume()
    {
        const qint64 size = 4 * 1024 * 1024;
        Fault fault;
        fault.kind = Fault::Kind::DropConnection;
        fault.pathPattern = QStringLiteral("^/media/blob/");
        fault.dropAfterBytes = 1024 * 1024;
        fault.count = 1;
        m_server->addFault(fault);

        const DownloadRequest req = blobRequest(QStringLiteral("drop"), size,
                                                QStringLiteral("drop.mp4"));
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::None);
        QCOMPARE(checkBlobFile(req.targetPath, size), QString());
        QVERIFY(job->resumedFrom() > 0);
        QVERIFY(job->resumedFrom() < size);

        const auto gets = blobGets(*m_server);
        QCOMPARE(gets.size(), 2);
        QCOMPARE(gets.at(1).status, 206); // the second request carried Range
    }

    // A .part with wrong bytes and a server that ignores Range: start over, still correct.
    void serverIgnoresRange()
    {
        const qint64 size = 2 * 1024 * 1024 + 7;
        m_server->setIgnoreRange(true);
        const DownloadRequest req = blobRequest(QStringLiteral("norange"), size,
                                                QStringLiteral("norange.mp4"));
        writeFile(req.targetPath + QLatin1String(".part"), QByteArray(300000, 'x'));
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::None);
        QCOMPARE(job->resumedFrom(), qint64(0));
        QCOMPARE(checkBlobFile(req.targetPath, size), QString());
        const auto gets = blobGets(*m_server);
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets.first().status, 200);
    }

    // The app quits mid-download; a brand-new manager picks the .part up and finishes it.
    void resumeAfterRestart()
    {
        const qint64 size = 3 * 1024 * 1024;
        Fault fault;
        fault.kind = Fault::Kind::DropConnection;
        fault.pathPattern = QStringLiteral("^/media/blob/");
        fault.dropAfterBytes = 256 * 1024;
        fault.count = -1; // every attempt of the first "session" dies
        m_server->addFault(fault);

        const DownloadRequest req = blobRequest(QStringLiteral("restart"), size,
                                                QStringLiteral("restart.mp4"), true);
        qint64 partSize = 0;
        {
            auto first = std::make_unique<DownloadManager>();
            DownloadJob *job = kept(first->enqueue(req));
            QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
            QCOMPARE(job->error().kind, Kind::Network);
            QVERIFY(!job->errorMessage().isEmpty());
            QVERIFY(!QFileInfo::exists(req.targetPath));
            partSize = QFileInfo(job->partPath()).size();
            QVERIFY(partSize > 0);
            QVERIFY(partSize < size);
        }
        m_server->clearFaults();
        m_server->clearRequestLog();

        DownloadManager second;
        DownloadJob *job = kept(second.enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::None);
        QCOMPARE(job->resumedFrom(), partSize);
        QCOMPARE(checkBlobFile(req.targetPath, size), QString());
        const auto gets = blobGets(*m_server);
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets.first().status, 206);
    }

    // A crash between the last byte and the rename: the server answers 416, the job finishes.
    void completePartFinishes()
    {
        const qint64 size = 100000;
        const DownloadRequest req = blobRequest(QStringLiteral("complete"), size,
                                                QStringLiteral("complete.mp4"), true);
        writeFile(req.targetPath + QLatin1String(".part"), blobBytes(0, size));
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::None);
        QCOMPARE(checkBlobFile(req.targetPath, size), QString());
    }

    void lengthMismatch()
    {
        const qint64 size = 500000;
        DownloadRequest req = blobRequest(QStringLiteral("len"), size, QStringLiteral("len.mp4"));
        req.expectedSize = size + 10;
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::LengthMismatch);
        QVERIFY(!job->errorMessage().isEmpty());
        QVERIFY(!QFileInfo::exists(req.targetPath));
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("503") << 503;
        QTest::newRow("404") << 404;
    }

    void httpErrors()
    {
        QFETCH(int, status);
        DownloadRequest req = blobRequest(QStringLiteral("err"), 1000, QStringLiteral("err.mp4"));
        if (status == 404) {
            req.url = m_server->baseUrl().resolved(QUrl(QStringLiteral("/media/blob/missing")));
        } else {
            Fault fault;
            fault.kind = Fault::Kind::ServerError;
            fault.status = status;
            fault.pathPattern = QStringLiteral("^/media/blob/");
            m_server->addFault(fault);
        }
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::HttpStatus);
        QCOMPARE(job->error().httpStatus, status);
        QVERIFY(job->errorMessage().contains(QString::number(status)));
        QVERIFY(!QFileInfo::exists(req.targetPath));
        QVERIFY(!QFileInfo::exists(job->partPath())); // no empty litter
    }

    void networkError()
    {
        DownloadRequest req;
        const quint16 port = m_server->port();
        m_server.reset(); // nothing listens there any more
        req.url = QUrl(QStringLiteral("http://127.0.0.1:%1/media/blob/x").arg(port));
        req.targetPath = path(QStringLiteral("net.mp4"));
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::Network);
        m_server = std::make_unique<Sandbox::SandboxServer>();
    }

    void inactivityTimeout()
    {
        m_manager->setInactivityTimeout(300);
        Fault fault;
        fault.kind = Fault::Kind::Slow;
        fault.delayMs = 5000;
        fault.pathPattern = QStringLiteral("^/media/blob/");
        m_server->addFault(fault);
        const DownloadRequest req = blobRequest(QStringLiteral("slow"), 1000,
                                                QStringLiteral("slow.mp4"));
        QElapsedTimer clock;
        clock.start();
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 4000);
        QCOMPARE(job->error().kind, Kind::Timeout);
        QVERIFY(clock.elapsed() < 4000);
        QVERIFY(job->errorMessage().contains(QLatin1String("1 second;")));
        QVERIFY(!QFileInfo::exists(req.targetPath));
    }

    // Cancel: no target file; the .part stays (Keep, the default) so a later job resumes, or
    // goes (Remove).
    void cancel_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::newRow("keep") << false;
        QTest::newRow("remove") << true;
    }

    void cancel()
    {
        QFETCH(bool, remove);
        const qint64 size = 1024 * 1024;
        Fault fault;
        fault.kind = Fault::Kind::Slow;
        fault.delayMs = 3000;
        fault.pathPattern = QStringLiteral("^/media/blob/");
        m_server->addFault(fault);
        const DownloadRequest req = blobRequest(QStringLiteral("cancel"), size,
                                                QStringLiteral("cancel.mp4"));
        const QString part = req.targetPath + QLatin1String(".part");
        writeFile(part, blobBytes(0, 4096));

        DownloadJob *job = kept(m_manager->enqueue(req));
        QSignalSpy finished(job, &DownloadJob::finished);
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), DownloadJob::State::Running, kWait);
        job->cancel(remove ? DownloadJob::PartialFile::Remove : DownloadJob::PartialFile::Keep);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job->error().kind, Kind::Cancelled);
        QVERIFY(!QFileInfo::exists(req.targetPath));
        QCOMPARE(QFileInfo::exists(part), !remove);
        if (!remove)
            QCOMPARE(QFileInfo(part).size(), qint64(4096));
        job->cancel(); // no second terminal signal
        QTest::qWait(20);
        QCOMPARE(finished.count(), 1);
    }

    void cancelAllCancelsQueued()
    {
        m_manager->setMaxConcurrent(1);
        Fault fault;
        fault.kind = Fault::Kind::Slow;
        fault.delayMs = 3000;
        fault.count = -1;
        fault.pathPattern = QStringLiteral("^/media/blob/");
        m_server->addFault(fault);
        DownloadJob *a = kept(m_manager->enqueue(
                blobRequest(QStringLiteral("ca"), 1000, QStringLiteral("a.mp4"))));
        DownloadJob *b = kept(m_manager->enqueue(
                blobRequest(QStringLiteral("cb"), 1000, QStringLiteral("b.mp4"))));
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->runningCount(), 1, kWait);
        QCOMPARE(m_manager->queuedCount(), 1);
        m_manager->cancelAll();
        QVERIFY(a->isFinished());
        QVERIFY(b->isFinished());
        QCOMPARE(b->error().kind, Kind::Cancelled);
        QCOMPARE(m_manager->runningCount(), 0);
        QCOMPARE(m_manager->queuedCount(), 0);
    }

    // A file that exists is never replaced: the download takes the next free name.
    void neverOverwrite()
    {
        const qint64 size = 200000;
        const DownloadRequest req = blobRequest(QStringLiteral("exists"), size,
                                                QStringLiteral("video.mp4"));
        writeFile(req.targetPath, QByteArrayLiteral("mine"));
        DownloadJob *job = kept(m_manager->enqueue(req));
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(job->error().kind, Kind::None);
        QCOMPARE(job->targetPath(), path(QStringLiteral("video (1).mp4")));
        QCOMPARE(checkBlobFile(job->targetPath(), size), QString());
        QFile mine(req.targetPath);
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArrayLiteral("mine"));
    }

    void sameTargetTwiceIsOneJob()
    {
        const DownloadRequest req = blobRequest(QStringLiteral("twice"), 1000,
                                                QStringLiteral("twice.mp4"));
        DownloadJob *a = kept(m_manager->enqueue(req));
        DownloadJob *b = kept(m_manager->enqueue(req));
        QCOMPARE(a, b);
        QTRY_VERIFY_WITH_TIMEOUT(a->isFinished(), kWait);
        QCOMPARE(a->error().kind, Kind::None);
    }

    void sanitizedFileName_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("My Ad.mp4") << QStringLiteral("My Ad.mp4");
        QTest::newRow("separators")
                << QStringLiteral("../a/b\\c.mp4") << QStringLiteral("_a_b_c.mp4");
        QTest::newRow("control") << QStringLiteral("a\tb\nc\x01.mp4") << QStringLiteral("abc.mp4");
        QTest::newRow("windows chars")
                << QStringLiteral("a:b*c?\"<>|.mp4") << QStringLiteral("a_b_c_____.mp4");
        QTest::newRow("dots and spaces")
                << QStringLiteral("  .hidden.mp4. . ") << QStringLiteral("hidden.mp4");
        QTest::newRow("reserved") << QStringLiteral("CON.mp4") << QStringLiteral("_CON.mp4");
        QTest::newRow("reserved lower") << QStringLiteral("lpt1") << QStringLiteral("_lpt1");
        QTest::newRow("not reserved")
                << QStringLiteral("console.mp4") << QStringLiteral("console.mp4");
        QTest::newRow("empty") << QString() << QStringLiteral("download");
        QTest::newRow("only junk") << QStringLiteral("/../..") << QStringLiteral("_.._");
        QTest::newRow("only dots") << QStringLiteral(" ... ") << QStringLiteral("download");
        QTest::newRow("long") << (QString(300, u'a') + QStringLiteral(".mp4"))
                              << (QString(146, u'a') + QStringLiteral(".mp4"));
    }

    void sanitizedFileName()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString out = DownloadManager::sanitizedFileName(input);
        QCOMPARE(out, expected);
        QVERIFY(!out.isEmpty());
        QVERIFY(out.size() <= 150);
        QVERIFY(!out.contains(u'/'));
    }

    void uniqueTargetPath()
    {
        const QString dir = m_dir->path();
        QCOMPARE(DownloadManager::uniqueTargetPath(dir, QStringLiteral("video.mp4")),
                 path(QStringLiteral("video.mp4")));
        writeFile(path(QStringLiteral("video.mp4")), "x");
        QCOMPARE(DownloadManager::uniqueTargetPath(dir, QStringLiteral("video.mp4")),
                 path(QStringLiteral("video (1).mp4")));
        // A .part reserves its name too (another download is writing it).
        writeFile(path(QStringLiteral("video (1).mp4.part")), "x");
        QCOMPARE(DownloadManager::uniqueTargetPath(dir, QStringLiteral("video.mp4")),
                 path(QStringLiteral("video (2).mp4")));
        writeFile(path(QStringLiteral("noext")), "x");
        QCOMPARE(DownloadManager::uniqueTargetPath(dir, QStringLiteral("noext")),
                 path(QStringLiteral("noext (1)")));
    }

    void boundedConcurrency()
    {
        m_manager->setMaxConcurrent(2);
        QCOMPARE(m_manager->maxConcurrent(), 2);
        Fault fault;
        fault.kind = Fault::Kind::Slow;
        fault.delayMs = 150;
        fault.count = -1;
        fault.pathPattern = QStringLiteral("^/media/blob/");
        m_server->addFault(fault);

        int inFlight = 0;
        int maxInFlight = 0;
        QList<DownloadJob *> jobs;
        for (int i = 0; i < 5; ++i) {
            const QString name = QStringLiteral("c%1").arg(i);
            DownloadJob *job = kept(m_manager->enqueue(
                    blobRequest(name, 50000 + i, name + QLatin1String(".mp4"), true)));
            connect(job, &DownloadJob::started, this,
                    [&] { maxInFlight = qMax(maxInFlight, ++inFlight); });
            connect(job, &DownloadJob::finished, this, [&] { --inFlight; });
            jobs.append(job);
        }
        QCOMPARE(m_manager->queuedCount(), 5); // nothing starts before the event loop runs
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->runningCount(), 2, kWait);
        QCOMPARE(m_manager->queuedCount(), 3);
        for (DownloadJob *job : std::as_const(jobs))
            QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), kWait);
        QCOMPARE(maxInFlight, 2);
        QCOMPARE(inFlight, 0);
        for (int i = 0; i < jobs.size(); ++i) {
            QCOMPARE(jobs.at(i)->error().kind, Kind::None);
            QCOMPARE(checkBlobFile(jobs.at(i)->targetPath(), 50000 + i), QString());
        }
    }
};

QTEST_GUILESS_MAIN(TestDownloadManager)
#include "tst_downloadmanager.moc"
