#include "apienums.h"
#include "uiresultsfixture.h"

#include "history/historymodel.h"
#include "window/notifier.h"
#include "render/renderresultwidget.h"
#include "render/videoframeview.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMediaPlayer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSlider>
#include <QStandardPaths>
#include <QSystemTrayIcon>

using namespace PreviewDeck;

// Stands in for the desktop: catches what Open / Show in folder would hand to the system.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

class TestRenderResult : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); }
    void init();
    void cleanup();

    void finishedRenderShowsProgressThenFileThumbnailAndPlayer();
    void failedDownloadCanBeRetried_data();
    void failedDownloadCanBeRetried();
    void notifierReportsReadyAndFailedRenders();

private:
    std::unique_ptr<EngineFixture> m_f;
    QString m_linkId;
    UrlCatcher m_catcher;
};

void TestRenderResult::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_catcher, "open");
}

void TestRenderResult::init()
{
    m_f = std::make_unique<EngineFixture>();
    QVERIFY(m_f->setUp(QString::fromLatin1(QTest::currentTestFunction())));
    m_linkId = m_f->createLink();
    QVERIFY(!m_linkId.isEmpty());
    m_catcher.urls.clear();
}

void TestRenderResult::cleanup()
{
    m_f->tearDown();
    m_f.reset();
}

void TestRenderResult::finishedRenderShowsProgressThenFileThumbnailAndPlayer()
{
    const qint64 jobId = m_f->previewsDone(m_linkId);
    QVERIFY(jobId);
    const PreviewRecord preview = m_f->engine->store()->previews(jobId).first();
    QSignalSpy progress(m_f->engine.get(), &Engine::downloadProgress);

    SpendOperation *op = m_f->engine->spendGuard()->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = op->renderLocalId();
    RenderResultWidget widget(m_f->engine.get(), renderId);
    widget.resize(480, 560);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));

    // Before anything is known: working, nothing to open.
    QCOMPARE(widget.statusText(), QStringLiteral("Submitting…"));
    QVERIFY(widget.renderProgressBar()->isVisible());
    QVERIFY(!widget.downloadProgressBar()->isVisible());
    QVERIFY(!widget.openButton()->isEnabled());
    QVERIFY(!widget.showInFolderButton()->isEnabled());
    QVERIFY(!widget.retryButton()->isVisible());
    QVERIFY(widget.titleText().contains(m_f->engine->store()->link(m_linkId)->title));
    // The style by the name people read ("Vanilla"), as on the tiles.
    QVERIFY(widget.titleText().contains(ApiEnums::visualStyleLabel(preview.visualStyle)));

    // What the panel says at every step, read right after each refresh.
    QStringList seen;
    auto record = [&] {
        if (seen.isEmpty() || seen.constLast() != widget.statusText())
            seen << widget.statusText();
    };
    connect(m_f->engine->store(), &Store::renderChanged, &widget, record);
    connect(m_f->engine->store(), &Store::downloadChanged, &widget, record);
    connect(m_f->engine.get(), &Engine::downloadProgress, &widget, record);
    bool downloadBarShown = false;
    const QDir shots(QCoreApplication::applicationDirPath());
    connect(m_f->engine.get(), &Engine::downloadProgress, &widget, [&] {
        if (!downloadBarShown && widget.downloadProgressBar()->isVisible())
            widget.grab().save(shots.filePath(QStringLiteral("renderresult-downloading.png")));
        downloadBarShown = downloadBarShown || widget.downloadProgressBar()->isVisible();
    });
    widget.grab().save(shots.filePath(QStringLiteral("renderresult-submitting.png")));

    QVERIFY(EngineFixture::finish(op));
    QTRY_VERIFY_WITH_TIMEOUT(!widget.savedPath().isEmpty(), 10000);
    const QString path = widget.savedPath();
    QVERIFY(QFileInfo(path).size() > 0);
    QCOMPARE(m_f->engine->store()->downloadForRender(renderId)->targetPath, path);
    QCOMPARE(widget.statusText(), QStringLiteral("Saved"));
    QVERIFY(!progress.isEmpty());
    QVERIFY(downloadBarShown);
    QVERIFY2(seen.indexOf(QRegularExpression(QStringLiteral("^Downloading \\d+%$"))) >= 0,
             qPrintable(seen.join(u'|')));
    QCOMPARE(seen.constLast(), QStringLiteral("Saved"));
    QVERIFY2(widget.downloadDetailText().contains(QLatin1String(" of ")),
             qPrintable(widget.downloadDetailText()));
    qInfo("panel sequence: %s; download: %s", qPrintable(seen.join(QLatin1String(" -> "))),
          qPrintable(widget.downloadDetailText()));

    // Finished: the progress goes, the file can be opened and played.
    QVERIFY(!widget.renderProgressBar()->isVisible());
    QVERIFY(!widget.downloadProgressBar()->isVisible());
    QVERIFY(widget.openButton()->isEnabled());
    QVERIFY(widget.showInFolderButton()->isEnabled());
    QVERIFY(!widget.retryButton()->isVisible());
    QVERIFY(widget.errorText().isEmpty());
    QCOMPARE(widget.player()->source(), QUrl::fromLocalFile(path));
    QVERIFY(widget.playButton()->isVisible());
    QVERIFY(widget.positionSlider()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!widget.thumbnail().isNull(), 5000);
    QVERIFY(widget.thumbnail().width() > 16);

    // Whether this machine can decode H.264 depends on its media backend (GStreamer needs
    // gst-libav); when it cannot, the button says why instead of failing silently.
    if (!widget.playButton()->isEnabled())
        QVERIFY(widget.playButton()->toolTip().contains(QLatin1String("Open")));

    // The video is painted in the panel like any widget: no native child window (with one,
    // from QVideoWidget, the whole window stopped repainting next to the grid's web views).
    const QList<QWidget *> children = widget.findChildren<QWidget *>();
    for (const QWidget *child : children) {
        QVERIFY2(!child->testAttribute(Qt::WA_NativeWindow), child->metaObject()->className());
        QVERIFY2(qstrcmp(child->metaObject()->className(), "QWindowContainer") != 0,
                 "a native window container in the result panel");
    }
    if (widget.playButton()->isEnabled()) {
        widget.playButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(widget.videoView()->hasFrame(), 10000);
        QTRY_COMPARE(widget.playButton()->text(), QStringLiteral("Pause"));
        QVERIFY(widget.videoView()->isVisible());
        widget.playButton()->click();
        QTRY_COMPARE(widget.playButton()->text(), QStringLiteral("Play"));
    }
    qInfo("played in the panel: %s", widget.videoView()->hasFrame() ? "yes" : "no (no decoder)");

    widget.openButton()->click();
    QCOMPARE(m_catcher.urls.size(), 1);
    QCOMPARE(m_catcher.urls.first(), QUrl::fromLocalFile(path));
    widget.showInFolderButton()->click();
    // Without a file manager on D-Bus (or without QtDBus) the folder itself is opened.
    QTRY_COMPARE(m_catcher.urls.size(), 2);
    QCOMPARE(m_catcher.urls.at(1), QUrl::fromLocalFile(QFileInfo(path).absolutePath()));

    const QString shot = QDir(QCoreApplication::applicationDirPath())
                                 .filePath(QStringLiteral("renderresult.png"));
    QVERIFY(widget.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));

    // The file went away: say so plainly and offer to fetch it again.
    QVERIFY(QFile::remove(path));
    m_f->engine->store()->upsertDownload(*m_f->engine->store()->downloadForRender(renderId));
    QVERIFY(widget.savedPath().isEmpty());
    QVERIFY(!widget.openButton()->isEnabled());
    QVERIFY(widget.errorText().contains(QLatin1String("no longer")));
    QVERIFY(widget.retryButton()->isVisible());
    widget.retryButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!widget.savedPath().isEmpty(), 10000);
    QVERIFY(QFileInfo::exists(widget.savedPath()));
}

void TestRenderResult::failedDownloadCanBeRetried_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("resumes");
    // A server error fails at once; a connection that keeps dropping fails once the download's
    // automatic resumes are used up, and leaves a .part that the retry continues from.
    QTest::newRow("server error") << int(Sandbox::Fault::Kind::ServerError) << false;
    QTest::newRow("dropped connection") << int(Sandbox::Fault::Kind::DropConnection) << true;
}

void TestRenderResult::failedDownloadCanBeRetried()
{
    QFETCH(int, kind);
    QFETCH(bool, resumes);
    const qint64 jobId = m_f->previewsDone(m_linkId);
    QVERIFY(jobId);
    Sandbox::Fault broken;
    broken.kind = Sandbox::Fault::Kind(kind);
    broken.status = 500;
    broken.dropAfterBytes = 4096;
    broken.method = "GET";
    broken.pathPattern = QStringLiteral("^/media/renders/");
    broken.count = -1;
    m_f->sandbox->addFault(broken);

    HistoryModel model(m_f->engine.get());
    Notifier notifier(m_f->engine.get(), nullptr);
    QSignalSpy notified(&notifier, &Notifier::notified);
    SpendOperation *op = m_f->engine->spendGuard()->renderPreview(
            jobId, m_f->engine->store()->previews(jobId).first().mediaJob);
    const qint64 renderId = op->renderLocalId();
    RenderResultWidget widget(m_f->engine.get(), renderId);
    QVERIFY(EngineFixture::finish(op));
    QVERIFY(m_f->waitDownloadStatus(renderId, QStringLiteral("failed")));

    QCOMPARE(widget.statusText(), QStringLiteral("Download failed"));
    QCOMPARE(model.indexOfJob(jobId).data(HistoryModel::StatusTextRole).toString(),
             QStringLiteral("Download failed"));
    QVERIFY(widget.retryButton()->isVisibleTo(&widget));
    QCOMPARE(widget.retryButton()->text(), QStringLiteral("Retry download"));
    QVERIFY(!widget.openButton()->isEnabled());
    QVERIFY(widget.savedPath().isEmpty());
    QCOMPARE(widget.errorText(), m_f->engine->store()->downloadForRender(renderId)->error);
    QVERIFY(widget.errorText().endsWith(u'.')); // a sentence, not an error code
    QCOMPARE(notified.size(), 1);
    QVERIFY(notified.first().first().toString().startsWith(QLatin1String("Download failed: ")));

    // The server recovers; the retry saves the file.
    m_f->sandbox->clearFaults();
    widget.retryButton()->click();
    DownloadJob *retry = m_f->engine->runningDownload(renderId);
    QVERIFY(retry);
    qint64 resumedFrom = -1;
    connect(retry, &DownloadJob::finished, this, [&] { resumedFrom = retry->resumedFrom(); });
    QTRY_VERIFY_WITH_TIMEOUT(!widget.savedPath().isEmpty(), 10000);
    QCOMPARE(resumedFrom > 0, resumes);
    QVERIFY(QFileInfo(widget.savedPath()).size() > 0);
    QVERIFY(widget.errorText().isEmpty());
    QVERIFY(!widget.retryButton()->isVisibleTo(&widget));
    QVERIFY(widget.openButton()->isEnabled());
    QCOMPARE(model.indexOfJob(jobId).data(HistoryModel::StatusTextRole).toString(),
             QStringLiteral("Saved"));
    QTRY_COMPARE(notified.size(), 2);
    QVERIFY(notified.last().first().toString().startsWith(QLatin1String("Your video is ready: ")));
}

void TestRenderResult::notifierReportsReadyAndFailedRenders()
{
    const qint64 jobId = m_f->previewsDone(
            m_linkId, {QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate")});
    QVERIFY(jobId);
    const QList<PreviewRecord> previews = m_f->engine->store()->previews(jobId);
    QCOMPARE(previews.size(), 2);
    const QString title = m_f->engine->store()->link(m_linkId)->title;

    QSystemTrayIcon tray; // offscreen: no tray, the signal still carries the message
    Notifier notifier(m_f->engine.get(), &tray);
    Notifier silent(m_f->engine.get(), nullptr);
    silent.setEnabled(false);
    QSignalSpy notified(&notifier, &Notifier::notified);
    QSignalSpy silentSpy(&silent, &Notifier::notified);

    SpendOperation *op = m_f->engine->spendGuard()->renderPreview(jobId, previews.at(0).mediaJob);
    const qint64 readyRender = op->renderLocalId(); // the operation is gone once finished
    QVERIFY(EngineFixture::finish(op));
    QVERIFY(notified.wait(10000));
    QCOMPARE(notified.size(), 1); // once, when the file is saved (not also at render end)
    QCOMPARE(notified.first().at(0).toString(),
             QStringLiteral("Your video is ready: %1 (%2)")
                     .arg(title, ApiEnums::visualStyleLabel(previews.at(0).visualStyle)));
    const QString savedPath = m_f->engine->store()->downloadForRender(readyRender)->targetPath;
    QVERIFY(notified.first().at(1).toString().contains(QDir::toNativeSeparators(savedPath)));

    Sandbox::Fault fail;
    fail.kind = Sandbox::Fault::Kind::JobFailed;
    fail.method = "POST";
    fail.pathPattern = QStringLiteral("render_single_preview/$");
    fail.reason = QStringLiteral("Out of GPUs");
    m_f->sandbox->addFault(fail);
    SpendOperation *failing = m_f->engine->spendGuard()->renderPreview(jobId,
                                                                       previews.at(1).mediaJob);
    const qint64 failedRender = failing->renderLocalId();
    QVERIFY(EngineFixture::finish(failing));
    QVERIFY(notified.wait(10000));
    QCOMPARE(notified.size(), 2);
    QCOMPARE(notified.last().at(0).toString(), QStringLiteral("Render failed: Out of GPUs"));
    QVERIFY(notified.last().at(1).toString().contains(title));
    QCOMPARE(silentSpy.size(), 0);

    // The panel of the failed render explains it in a sentence and offers no download.
    RenderResultWidget widget(m_f->engine.get(), failedRender);
    QCOMPARE(widget.statusText(), QStringLiteral("Failed: Out of GPUs"));
    // What the failure cost is said, since Creatify's docs do not say whether it is refunded.
    QCOMPARE(widget.errorText(),
             QStringLiteral("Creatify could not make this video: Out of GPUs. Creatify charged 4 "
                            "credits when it accepted this render."));
    QVERIFY(!widget.retryButton()->isVisibleTo(&widget));
    QVERIFY(!widget.openButton()->isEnabled());

    // Removed from the history (the window asked first): the panel says so.
    m_f->engine->store()->removeJob(jobId);
    QCOMPARE(widget.statusText(), QStringLiteral("This video is no longer in the history."));
}

QTEST_MAIN(TestRenderResult)
#include "tst_renderresult.moc"
