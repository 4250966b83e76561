// The desktop app driven as a user would, against its built-in sandbox: product URL, styles,
// previews in web tiles, render with confirmation, the MP4 in the download folder, and the
// history after the window is recreated. Saves screenshots next to the test binary.

#include "accountjobs.h"
#include "apiclient.h"
#include "window/appcontroller.h"
#include "embeddedsandbox.h"
#include "widgets/formmessages.h"
#include "appsettings.h"
#include "creditbalance.h"
#include "engine.h"
#include "history/historymodel.h"
#include "history/historyview.h"
#include "render/jobpage.h"
#include "newvideo/linkstep.h"
#include "window/mainwindow.h"
#include "newvideo/newvideopage.h"
#include "newvideo/optionsform.h"
#include "linkedwebgrid.h"
#include "grid/web/previewgrid.h"
#include "grid/web/previewtile.h"
#include "render/renderresultwidget.h"
#include "sandboxserver.h"
#include "jobtracker.h"
#include "spendguard.h"
#include "store.h"
#include "grid/web/tileheader.h"
#include "newvideo/styleselector.h"
#include "videojobs.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QToolButton>
#include <QApplication>
#include "mediaprobe.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace PreviewDeck;

namespace {

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
    QVERIFY2(widget->grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void urlToDownloadedVideo();
    void renderButtonNeverRendersTwice();
    void errorsReachTheUserInWords_data();
    void errorsReachTheUserInWords();
    void serverFieldErrorsShowAtTheField();
    void jobTheServerNoLongerKnowsIsSaidSo();
    void offlineIsShownAndRecovers();
    void rejectedPreviewsCannotBeRendered();
    void renderWaitsOutRateLimitThenGoesThroughOnce();
    void failedRenderSaysWhatItCharged();
    void samePreviewsAskedTwiceAreBoughtOnce();
    void comparisonIsKeptAcrossARestart();
    void confirmationSurvivesARefresh();
    void confirmationIsNotAskedOverOtherPreviews();
    void costHintAndBalanceAreTwoSentences();
    void failingPollsAreSaidAndCleared_data();
    void failingPollsAreSaidAndCleared();

private:
    MainWindow *window() const { return m_controller->window(); }
    void createLinkThroughTheForm(const QString &url = QStringLiteral(
                                          "https://shop.example.com/products/aurora-desk-lamp"));
    qint64 generatePreviews(const QStringList &styles);
    QPushButton *renderButtonOf(int tile);
    QMessageBox *waitForConfirmation();
    static bool accept(QMessageBox *confirm);
    // A link made through the form and one Vanilla preview whose render button is enabled: the
    // job's local id, 0 when any of that failed.
    qint64 oneRenderablePreview();
    // Clicks the tile's render button and accepts the confirmation; false when none was shown.
    bool confirmRender(int tile);
    // The job page's render result panel, null until one is shown.
    RenderResultWidget *renderResult() const
    {
        return window()->jobPage()->findChild<RenderResultWidget *>();
    }
    int renderPosts() const
    {
        return m_sandbox.server()->requestCount("POST", QStringLiteral("render_single_preview"));
    }

    QTemporaryDir m_dir;
    EmbeddedSandbox m_sandbox; // outlives the controller, which stops it
    std::unique_ptr<AppController> m_controller;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TestHelpers::useLinkedWebGrid();
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::init()
{
    AppController::Options options;
    options.forceSandbox = true;
    options.sandboxStepMs = 40;
    // A profile per test row: the sandbox keeps its workspace (balance included) in it.
    options.dataDirectory = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())
                                           + QLatin1Char('-')
                                           + QString::fromLatin1(QTest::currentDataTag()));
    options.restoreWindowState = false;
    options.sandbox = &m_sandbox;
    m_controller = std::make_unique<AppController>(options);
    m_controller->settings()->setDownloadDirectory(m_dir.filePath(QStringLiteral("videos")));
    m_controller->settings()->setAutoDownload(true);
    m_controller->start();
    // Later when the sandbox first waits for its port (another suite's sandbox on it).
    QTRY_VERIFY_WITH_TIMEOUT(window(), 10000);
    m_controller->engine()->spendGuard()->setReconcileGraceMs(100);
    window()->resize(1400, 900);
    QVERIFY(QTest::qWaitForWindowExposed(window()));
}

void TestMainWindow::cleanup()
{
    m_controller.reset();
}

void TestMainWindow::createLinkThroughTheForm(const QString &url)
{
    auto *urlField = window()->findChild<QLineEdit *>(QStringLiteral("productUrl"));
    QVERIFY(urlField);
    urlField->setFocus();
    QTest::keyClicks(urlField, url);
    QSignalSpy ready(window()->newVideoPage()->linkStep(), &LinkStep::linkReady);
    QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("readProductPage")),
                      Qt::LeftButton);
    QVERIFY(ready.wait(10000));
    QCOMPARE(window()->findChild<QLineEdit *>(QStringLiteral("linkTitle"))->text(),
             QStringLiteral("Aurora Desk Lamp"));
}

qint64 TestMainWindow::generatePreviews(const QStringList &styles)
{
    window()->newVideoPage()->options()->styleSelector()->setSelectedStyles(styles);
    auto *generate = window()->findChild<QPushButton *>(QStringLiteral("generatePreviews"));
    if (!generate || !generate->isEnabled())
        return 0;
    QSignalSpy requested(window()->newVideoPage(), &NewVideoPage::previewsRequested);
    QTest::mouseClick(generate, Qt::LeftButton);
    if (!requested.wait(10000))
        return 0;
    return requested.first().first().toLongLong();
}

QPushButton *TestMainWindow::renderButtonOf(int tile)
{
    PreviewTile *t = TestHelpers::webGrid(window()->jobPage()->grid())->tileAt(tile);
    return t ? t->renderButton() : nullptr;
}

QMessageBox *TestMainWindow::waitForConfirmation()
{
    QSignalSpy shown(window()->jobPage(), &JobPage::renderConfirmationShown);
    if (!shown.wait(10000))
        return nullptr;
    return qobject_cast<QMessageBox *>(shown.first().first().value<QWidget *>());
}

bool TestMainWindow::accept(QMessageBox *confirm)
{
    if (!confirm)
        return false;
    for (QAbstractButton *button : confirm->buttons())
        if (confirm->buttonRole(button) == QMessageBox::AcceptRole) {
            button->click();
            return true;
        }
    return false;
}

qint64 TestMainWindow::oneRenderablePreview()
{
    createLinkThroughTheForm();
    if (QTest::currentTestFailed())
        return 0;
    const qint64 jobId = generatePreviews({QStringLiteral("VanillaTemplate")});
    const bool renderable = jobId > 0
            && QTest::qWaitFor(
                                    [this] {
                                        QPushButton *render = renderButtonOf(0);
                                        return window()->jobPage()->grid()->tileCount() == 1
                                                && render && render->isEnabled();
                                    },
                                    20000);
    return renderable ? jobId : 0;
}

bool TestMainWindow::confirmRender(int tile)
{
    QPushButton *render = renderButtonOf(tile);
    if (!render)
        return false;
    QTest::mouseClick(render, Qt::LeftButton);
    return accept(waitForConfirmation());
}

void TestMainWindow::urlToDownloadedVideo()
{
    const QStringList styles = {QStringLiteral("DynamicProductTemplate"),
                                QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("VanillaTemplate")};
    createLinkThroughTheForm();
    window()->newVideoPage()->options()->styleSelector()->setSelectedStyles(styles);
    QTRY_VERIFY(window()->findChild<QLabel *>(QStringLiteral("costLabel"))
                        ->text()
                        .contains(QLatin1String("3 credits")));
    saveScreenshot(window(), QStringLiteral("screenshot-form.png"));

    const qint64 jobId = generatePreviews(styles);
    QVERIFY(jobId > 0);
    PreviewGrid *grid = TestHelpers::webGrid(window()->jobPage()->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 3, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(grid->loadedCount(), 3, 60000);
    QTest::qWait(500); // let the pages paint
    saveScreenshot(window(), QStringLiteral("screenshot-grid.png"));
    // No render yet: the grid has the page to itself.
    auto *results = window()->jobPage()->findChild<QScrollArea *>(QStringLiteral("renderResults"));
    QVERIFY(results);
    QVERIFY(!results->isVisible());

    QPushButton *render = renderButtonOf(0);
    QVERIFY(render && render->isEnabled());
    QTest::mouseClick(render, Qt::LeftButton);
    QMessageBox *confirm = waitForConfirmation();
    QVERIFY(confirm);
    QVERIFY2(confirm->text().contains(QLatin1String("4 credits")), qPrintable(confirm->text()));
    QVERIFY2(confirm->text().contains(QLatin1String("92 credits will be left")),
             qPrintable(confirm->text()));
    QVERIFY(accept(confirm));

    QTRY_VERIFY_WITH_TIMEOUT(renderResult(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!renderResult()->savedPath().isEmpty(), 30000);
    const QString path = renderResult()->savedPath();
    QVERIFY(path.startsWith(m_dir.filePath(QStringLiteral("videos"))));
    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
    QTest::qWait(800); // thumbnail and first frame
    saveScreenshot(window(), QStringLiteral("screenshot-render.png"));
    // The result panel got the room it needs (it is not a strip with its own scroll bar).
    QVERIFY(results->isVisible());
    const int wanted = qMin(renderResult()->sizeHint().height(),
                            window()->jobPage()->height() / 2 - 40);
    QVERIFY2(results->height() >= wanted,
             qPrintable(QStringLiteral("%1 < %2").arg(results->height()).arg(wanted)));

    // A new window over the same engine shows the same history.
    m_controller->recreateWindow();
    QVERIFY(window());
    auto *list = window()->historyView()->findChild<QAbstractItemView *>();
    QVERIFY(list);
    QTRY_COMPARE(list->model()->rowCount(), 1);
    const QModelIndex row = list->model()->index(0, 0);
    QVERIFY2(row.data(HistoryModel::RenderFilesRole).toStringList().contains(path),
             qPrintable(row.data(HistoryModel::StatusTextRole).toString()));

    // "Render another" (unlike Open) goes back to the previews with the keys in the grid, to
    // pick another style.
    window()->resize(1400, 900);
    window()->showNewVideo();
    list->setCurrentIndex(row);
    QPushButton *another = window()->historyView()->renderAnotherButton();
    QTRY_VERIFY(another->isEnabled());
    QTest::mouseClick(another, Qt::LeftButton);
    QVERIFY(window()->jobPage()->isVisible());
    QCOMPARE(window()->jobPage()->jobLocalId(), jobId);
    QCOMPARE(window()->focusWidget(), window()->jobPage()->grid());
    QVERIFY2(window()->statusBar()->currentMessage().contains(QLatin1String("another style")),
             qPrintable(window()->statusBar()->currentMessage()));
    saveScreenshot(window(), QStringLiteral("screenshot-render-another.png"));
}

void TestMainWindow::renderButtonNeverRendersTwice()
{
    const qint64 jobId = oneRenderablePreview();
    QVERIFY(jobId > 0);
    QPushButton *render = renderButtonOf(0);

    QSignalSpy shown(window()->jobPage(), &JobPage::renderConfirmationShown);
    QTest::mouseClick(render, Qt::LeftButton);
    QTest::mouseClick(render, Qt::LeftButton); // impatient double click
    QTest::mouseDClick(render, Qt::LeftButton);
    window()->jobPage()->requestRender(
            m_controller->engine()->store()->previews(jobId).first().mediaJob);
    QVERIFY(shown.wait(10000));
    QTest::qWait(300);
    QCOMPARE(shown.count(), 1); // one confirmation, whatever was clicked

    auto *confirm = qobject_cast<QMessageBox *>(shown.first().first().value<QWidget *>());
    // Enter on the dialog picks Cancel: a stray Enter never spends.
    QTest::keyClick(confirm, Qt::Key_Return);
    QTRY_VERIFY(!confirm->isVisible());
    QTRY_VERIFY(render->isEnabled());
    QCOMPARE(m_sandbox.server()->requestCount("POST", QStringLiteral("render_single_preview")), 0);

    QTest::mouseClick(render, Qt::LeftButton);
    QVERIFY(shown.wait(10000));
    confirm = qobject_cast<QMessageBox *>(shown.last().first().value<QWidget *>());
    for (QAbstractButton *button : confirm->buttons())
        if (confirm->buttonRole(button) == QMessageBox::AcceptRole) {
            button->click();
            button->click();
        }
    QTRY_COMPARE_WITH_TIMEOUT(
            m_sandbox.server()->requestCount("POST", QStringLiteral("render_single_preview")), 1,
            10000);
    QVERIFY(!render->isEnabled());
    // And the button stays off: once confirmed, the same preview is never bought again.
    QTest::mouseClick(render, Qt::LeftButton);
    QTest::qWait(500);
    QCOMPARE(m_sandbox.server()->requestCount("POST", QStringLiteral("render_single_preview")), 1);
}

void TestMainWindow::confirmationSurvivesARefresh()
{
    const qint64 jobId = oneRenderablePreview();
    QVERIFY(jobId > 0);
    PreviewTile *tile = TestHelpers::webGrid(window()->jobPage()->grid())->tileAt(0);
    QTest::mouseClick(tile->renderButton(), Qt::LeftButton);
    QMessageBox *confirm = waitForConfirmation();
    QVERIFY(confirm);
    QCOMPARE(tile->renderState(), TileRenderState::Confirming);
    // The store changes while the dialog is open (the tracker's next look): the page is drawn
    // again, and the tile still asks for the confirmation instead of showing "Busy".
    Store *store = m_controller->engine()->store();
    QVERIFY(store->updateJob(*store->job(jobId)));
    QCOMPARE(tile->renderState(), TileRenderState::Confirming);
    confirm->button(QMessageBox::Cancel)->click();
    QTRY_COMPARE(tile->renderState(), TileRenderState::Available);
    QCOMPARE(renderPosts(), 0);
}

// Render pressed, then another job opened while the balance for the confirmation was still
// being read: no question about the old preview comes up over the new one (where a "yes" would
// have bought nothing and said nothing), and nothing is bought.
void TestMainWindow::confirmationIsNotAskedOverOtherPreviews()
{
    const qint64 first = oneRenderablePreview();
    QVERIFY(first > 0);
    window()->showNewVideo();
    const qint64 second = generatePreviews({QStringLiteral("FullScreenTemplate")});
    QVERIFY(second > 0 && second != first);
    window()->showJob(first);
    QTRY_VERIFY(renderButtonOf(0) && renderButtonOf(0)->isEnabled());

    Sandbox::Fault slowBalance;
    slowBalance.kind = Sandbox::Fault::Kind::Slow;
    slowBalance.method = "GET";
    slowBalance.pathPattern = QStringLiteral("remaining_credits");
    slowBalance.delayMs = 1500;
    slowBalance.count = -1;
    m_sandbox.server()->addFault(slowBalance);
    QSignalSpy shown(window()->jobPage(), &JobPage::renderConfirmationShown);
    QTest::mouseClick(renderButtonOf(0), Qt::LeftButton);
    window()->showJob(second); // before the balance is back
    QCOMPARE(window()->jobPage()->jobLocalId(), second);
    // Every read of the balance is gone once answered, after what waited for it has run: a
    // question about the old preview would have been asked by then.
    const auto balanceReads = [this] {
        return m_controller->engine()->balance()->findChildren<GetCreditsJob *>().size();
    };
    QVERIFY(balanceReads() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(balanceReads(), 0, 10000);
    QCOMPARE(shown.size(), 0);
    QCOMPARE(renderPosts(), 0);

    // Back on the first job, Render asks again, and a yes buys it.
    m_sandbox.server()->clearFaults();
    window()->showJob(first);
    QTRY_VERIFY(renderButtonOf(0) && renderButtonOf(0)->isEnabled());
    QVERIFY(confirmRender(0));
    QTRY_COMPARE(renderPosts(), 1);
}

// A hint is a sentence: the balance after it is one too, not "… first. · your balance".
void TestMainWindow::costHintAndBalanceAreTwoSentences()
{
    QLabel *cost = window()->newVideoPage()->options()->costLabel();
    QTRY_VERIFY2(cost->text().contains(QStringLiteral("first. Your balance: ")),
                 qPrintable(cost->text()));
    QVERIFY2(!cost->text().contains(QStringLiteral(". ·")), qPrintable(cost->text()));
}

void TestMainWindow::failingPollsAreSaidAndCleared_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("expected");
    QTest::newRow("server error")
            << QStringLiteral("server-error,status=502")
            << QStringLiteral("Creatify has a problem on its side (HTTP 502); trying again in");
    QTest::newRow("connection dropped")
            << QStringLiteral("drop") << QStringLiteral("Can't reach Creatify (");
    QTest::newRow("rate limited") << QStringLiteral("rate-limit,retry-after=2")
                                  << QStringLiteral("Creatify asked us to wait 2 s");
}

void TestMainWindow::failingPollsAreSaidAndCleared()
{
    QFETCH(QString, fault);
    QFETCH(QString, expected);
    createLinkThroughTheForm();
    // The job's polls fail a few times, then get through.
    Sandbox::Fault polls;
    QString error;
    QVERIFY2(Sandbox::Fault::fromSpec(
                     fault
                             + QStringLiteral(",method=GET,path=^/api/link_to_videos/"
                                              ",count=3"),
                     &polls, &error),
             qPrintable(error));
    m_sandbox.server()->addFault(polls);
    QLabel *retrying = window()->statusBar()->findChild<QLabel *>(QStringLiteral("retryingStatus"));
    QVERIFY(retrying);
    QVERIFY(!retrying->isVisible());
    const qint64 jobId = generatePreviews({QStringLiteral("VanillaTemplate")});
    QVERIFY(jobId > 0);
    QTRY_VERIFY_WITH_TIMEOUT(retrying->isVisible(), 15000);
    QVERIFY2(retrying->text().contains(expected), qPrintable(retrying->text()));
    // Said once: not again as a message of the status bar's own.
    QVERIFY2(!window()->statusBar()->currentMessage().contains(QLatin1String("asked us to wait")),
             qPrintable(window()->statusBar()->currentMessage()));
    // Once a request gets through, the line goes away; the previews arrive as usual.
    QTRY_VERIFY_WITH_TIMEOUT(!retrying->isVisible(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->engine()->store()->job(jobId)->status,
                              QStringLiteral("done"), 20000);
}

void TestMainWindow::errorsReachTheUserInWords_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("auth") << 0 << QStringLiteral("did not accept the API ID and key");
    QTest::newRow("out of credits") << 1 << QStringLiteral("enough credits");
    QTest::newRow("server") << 2 << QStringLiteral("problem on its side");
    // A 429 is waited out with a countdown, then the same request goes out again.
    QTest::newRow("rate limited") << 3 << QStringLiteral("asked us to wait 2 s");
    QTest::newRow("bad response") << 4 << QStringLiteral("could not read");
    QTest::newRow("network") << 5 << QStringLiteral("Could not reach Creatify");
    QTest::newRow("timeout") << 6 << QStringLiteral("did not answer in time");
    QTest::newRow("scrape refused") << 7 << QStringLiteral("Failed to scrape url");
}

void TestMainWindow::errorsReachTheUserInWords()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    Sandbox::SandboxServer *sandbox = m_sandbox.server();
    ApiClient *client = m_controller->engine()->client();
    Sandbox::Fault fault;
    fault.method = "POST";
    fault.pathPattern = QStringLiteral("^/api/links/$");
    // One page per row: the history is shared by the rows, and a page read before is reused.
    QString url = QStringLiteral("https://shop.example.com/products/lamp-%1").arg(kind);
    switch (kind) {
    case 0:
        client->setCredentials(QStringLiteral("sandbox"), QStringLiteral("not-the-key"));
        break;
    case 1:
        sandbox->setCredits(0);
        break;
    case 2:
        fault.kind = Sandbox::Fault::Kind::ServerError;
        fault.status = 500;
        sandbox->addFault(fault);
        break;
    case 3:
        fault.kind = Sandbox::Fault::Kind::RateLimit;
        fault.retryAfterSeconds = 2;
        sandbox->addFault(fault);
        break;
    case 4:
        fault.kind = Sandbox::Fault::Kind::HtmlError;
        fault.status = 200;
        sandbox->addFault(fault);
        break;
    case 5: {
        QUrl closed = sandbox->baseUrl();
        closed.setPort(1); // nothing listens there
        client->setBaseUrl(closed);
        break;
    }
    case 6: {
        // Editing a link is free, so its timeout reaches the user as it is.
        createLinkThroughTheForm();
        fault.kind = Sandbox::Fault::Kind::Slow;
        fault.method = "PUT";
        fault.pathPattern = QStringLiteral("^/api/links/");
        fault.delayMs = 3000;
        sandbox->addFault(fault);
        client->setTimeoutMs(500);
        window()->newVideoPage()->linkStep()->editToggle()->click(); // the details open
        QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("saveLink")),
                          Qt::LeftButton);
        auto *editor = window()->findChild<QLabel *>(QStringLiteral("linkEditorMessage"));
        QTRY_VERIFY_WITH_TIMEOUT(editor->text().contains(expected), 10000);
        return;
    }
    case 7:
        url = QStringLiteral("https://shop.example.com/blocked/lamp");
        break;
    }
    auto *urlField = window()->findChild<QLineEdit *>(QStringLiteral("productUrl"));
    QTest::keyClicks(urlField, url);
    QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("readProductPage")),
                      Qt::LeftButton);
    auto *message = window()->findChild<QLabel *>(QStringLiteral("productUrlMessage"));
    auto *general = window()->findChild<QLabel *>(QStringLiteral("linkMessage"));
    const auto shown = [&]() -> QString {
        return (message->isVisible() ? message->text() : QString()) + QLatin1Char(' ')
                + (general->isVisible() ? general->text() : QString());
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown().contains(expected, Qt::CaseInsensitive), 15000);
    QVERIFY(!shown().contains(QLatin1String("{"))); // words, not JSON
}

void TestMainWindow::serverFieldErrorsShowAtTheField()
{
    // A real 400 from the server for a style it does not know, shown next to the styles.
    ApiClient *client = m_controller->engine()->client();
    PreviewListRequest request;
    request.linkId = QStringLiteral("00000000-0000-4000-8000-000000000000");
    request.visualStyles = {QStringLiteral("NoSuchTemplate")};
    auto *job = new CreatePreviewListJob(client, request);
    QSignalSpy finished(job, &ApiJob::finished);
    job->setAutoDelete(false);
    job->start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(job->error().kind, ApiError::Kind::Validation);
    auto *general = window()->findChild<FieldMessage *>(QStringLiteral("generateMessage"));
    window()->newVideoPage()->options()->showError(job->error(), general);
    auto *styles = window()->findChild<QLabel *>(QStringLiteral("stylesMessage"));
    QVERIFY(!styles->isHidden());
    QVERIFY2(styles->text().contains(QLatin1String("NoSuchTemplate")), qPrintable(styles->text()));
    delete job;
}

void TestMainWindow::jobTheServerNoLongerKnowsIsSaidSo()
{
    // A job in the history that Creatify answers 404 for (deleted, or another account's).
    JobRecord job;
    job.kind = JobKind::LinkPreviews;
    job.remoteId = QStringLiteral("00000000-0000-4000-8000-000000000000");
    job.name = QStringLiteral("Old campaign");
    job.status = JobStatus::Running;
    const qint64 jobId = m_controller->engine()->store()->insertJob(job);
    window()->showJob(jobId);
    m_controller->engine()->tracker()->poke();
    auto *message = window()->findChild<QLabel *>(QStringLiteral("jobMessage"));
    QVERIFY(message);
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible()
                                     && message->text().contains(QLatin1String("no longer knows")),
                             10000);
    auto *status = window()->findChild<QLabel *>(QStringLiteral("jobStatus"));
    QVERIFY2(status->text().contains(QLatin1String("No longer on Creatify")),
             qPrintable(status->text()));
}

void TestMainWindow::offlineIsShownAndRecovers()
{
    // Let the start-up requests (balance, avatars, voices) answer first: any answer means
    // "online" again.
    QTRY_VERIFY_WITH_TIMEOUT(
            m_sandbox.server()->requestCount("GET", QStringLiteral("^/api/(voices|personas)/")) >= 2,
            10000);
    QTest::qWait(300);
    ApiClient *client = m_controller->engine()->client();
    const QUrl good = client->baseUrl();
    QUrl closed = good;
    closed.setPort(1);
    client->setBaseUrl(closed);
    QLabel *offline = nullptr;
    for (QLabel *label : window()->statusBar()->findChildren<QLabel *>())
        if (label->text().contains(QLatin1String("Offline")))
            offline = label;
    QVERIFY(offline);
    QSignalSpy offlineSpy(client, &ApiClient::offlineChanged);
    QTest::keyClicks(window()->findChild<QLineEdit *>(QStringLiteral("productUrl")),
                     QStringLiteral("https://shop.example.com/products/lamp"));
    QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("readProductPage")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(offline->isVisible(), 10000);
    client->setBaseUrl(good);
    QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("readProductPage")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!offline->isVisible(), 10000);
}

void TestMainWindow::rejectedPreviewsCannotBeRendered()
{
    Sandbox::SandboxServer *sandbox = m_sandbox.server();
    Sandbox::Fault rejected;
    rejected.kind = Sandbox::Fault::Kind::JobRejected;
    rejected.method = "POST";
    rejected.pathPattern = QStringLiteral("preview_list_async");
    sandbox->addFault(rejected);
    createLinkThroughTheForm();
    const qint64 jobId = generatePreviews(
            {QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate")});
    QVERIFY(jobId > 0);
    Store *store = m_controller->engine()->store();
    QTRY_COMPARE_WITH_TIMEOUT(store->job(jobId)->status, QStringLiteral("rejected"), 10000);
    PreviewGrid *grid = TestHelpers::webGrid(window()->jobPage()->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 2, 10000);
    for (int i = 0; i < grid->tileCount(); ++i) {
        QTRY_COMPARE(grid->tileAt(i)->renderState(), TileRenderState::Unavailable);
        QCOMPARE(renderButtonOf(i)->text(), QStringLiteral("Cannot render"));
        QVERIFY(!renderButtonOf(i)->isEnabled());
    }

    // Were a confirmation to open anyway, it would be accepted: only the page may stop a spend.
    QSignalSpy shown(window()->jobPage(), &JobPage::renderConfirmationShown);
    connect(window()->jobPage(), &JobPage::renderConfirmationShown, this, [](QWidget *dialog) {
        QTimer::singleShot(0, dialog, [dialog] { accept(qobject_cast<QMessageBox *>(dialog)); });
    });
    grid->setFocus();
    for (int i = 0; i < grid->tileCount(); ++i) {
        const QString key = grid->tileAt(i)->key();
        grid->setCurrentKey(key);
        QTest::keyClick(grid, Qt::Key_Return, Qt::ControlModifier);
        QTest::keyClick(grid, Qt::Key_Enter, Qt::ControlModifier);
        QTest::mouseClick(renderButtonOf(i), Qt::LeftButton);
        QTest::mouseClick(grid->tileAt(i), Qt::LeftButton);
        window()->jobPage()->requestRender(key); // what the grid would ask for
    }
    QTest::qWait(500);
    QCOMPARE(shown.count(), 0);
    QCOMPARE(renderPosts(), 0);
    QVERIFY(store->renders(jobId).isEmpty());
    for (int i = 0; i < grid->tileCount(); ++i)
        QCOMPARE(grid->tileAt(i)->renderState(), TileRenderState::Unavailable);

    // The page says why.
    auto *status = window()->findChild<QLabel *>(QStringLiteral("jobStatus"));
    QVERIFY2(status->text().contains(QLatin1String("Rejected by Creatify")),
             qPrintable(status->text()));
    const QString reason = store->job(jobId)->failedReason;
    auto *message = window()->findChild<QLabel *>(QStringLiteral("jobMessage"));
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(reason.isEmpty() ? QStringLiteral("Rejected by Creatify")
                                                       : reason),
             qPrintable(message->text()));
}

void TestMainWindow::renderWaitsOutRateLimitThenGoesThroughOnce()
{
    Sandbox::SandboxServer *sandbox = m_sandbox.server();
    const qint64 jobId = oneRenderablePreview();
    QVERIFY(jobId > 0);

    Sandbox::Fault limited;
    limited.kind = Sandbox::Fault::Kind::RateLimit;
    limited.method = "POST";
    limited.pathPattern = QStringLiteral("render_single_preview");
    limited.count = 2;
    limited.retryAfterSeconds = 1;
    sandbox->addFault(limited);
    // The Retry-After sets the wait, not the client's back-off for other errors.
    m_controller->engine()->client()->setRetryBaseDelayMs(10);
    const double before = sandbox->credits();
    const double price = m_controller->engine()->spendGuard()->estimateRender(jobId);
    QCOMPARE(price, 4.0);

    QVERIFY(confirmRender(0));
    auto *message = window()->findChild<QLabel *>(QStringLiteral("jobMessage"));
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible()
                                     && message->text().contains(QLatin1String("asked us to wait")),
                             5000);
    QTRY_COMPARE_WITH_TIMEOUT(renderPosts(), 3, 10000);

    Store *store = m_controller->engine()->store();
    QTRY_VERIFY_WITH_TIMEOUT(store->renders(jobId).size() == 1
                                     && store->renders(jobId).first().status
                                             == QLatin1String("done"),
                             15000);
    QTRY_COMPARE_WITH_TIMEOUT(
            TestHelpers::webGrid(window()->jobPage()->grid())->tileAt(0)->renderState(),
            TileRenderState::Rendered, 5000);
    QVERIFY(!message->text().contains(QLatin1String("asked us to wait")));
    QTest::qWait(300);
    QCOMPARE(renderPosts(), 3); // two 429s, one accepted
    QCOMPARE(store->renders(jobId).size(), 1);
    QCOMPARE(sandbox->credits(), before - price);
}

void TestMainWindow::failedRenderSaysWhatItCharged()
{
    Sandbox::SandboxServer *sandbox = m_sandbox.server();
    const qint64 jobId = oneRenderablePreview();
    QVERIFY(jobId > 0);

    Sandbox::Fault failed;
    failed.kind = Sandbox::Fault::Kind::JobFailed;
    failed.method = "POST";
    failed.pathPattern = QStringLiteral("render_single_preview");
    failed.reason = QStringLiteral("Out of GPUs");
    sandbox->addFault(failed);
    const double before = sandbox->credits();

    QVERIFY(confirmRender(0));
    QTRY_VERIFY_WITH_TIMEOUT(renderResult(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(renderResult()->statusText().startsWith(QLatin1String("Failed")),
                             15000);
    RenderResultWidget *result = renderResult();
    QVERIFY(result->isVisible());
    QVERIFY2(result->errorText().contains(QLatin1String("Out of GPUs")),
             qPrintable(result->errorText()));
    QVERIFY2(result->errorText().contains(QLatin1String("Creatify charged 4 credits")),
             qPrintable(result->errorText()));
    QCOMPARE(sandbox->credits(), before - 4.0); // what the panel says is what was charged
    QVERIFY(!result->openButton()->isEnabled());
    QTRY_COMPARE(TestHelpers::webGrid(window()->jobPage()->grid())->tileAt(0)->renderState(),
                 TileRenderState::Failed);
    QCOMPARE(renderPosts(), 1);
}

void TestMainWindow::samePreviewsAskedTwiceAreBoughtOnce()
{
    Sandbox::SandboxServer *sandbox = m_sandbox.server();
    const QStringList styles = {QStringLiteral("VanillaTemplate"),
                                QStringLiteral("FullScreenTemplate")};
    createLinkThroughTheForm();
    const qint64 jobId = generatePreviews(styles);
    QVERIFY(jobId > 0);
    QCOMPARE(window()->jobPage()->jobLocalId(), jobId);
    QTRY_COMPARE_WITH_TIMEOUT(window()->jobPage()->grid()->tileCount(), 2, 10000);
    const auto previewPosts = [sandbox] {
        return sandbox->requestCount("POST", QStringLiteral("preview_list_async"));
    };
    QCOMPARE(previewPosts(), 1);
    const double credits = sandbox->credits();

    // Back to the form, which still holds the same product and choices.
    window()->showNewVideo();
    QTRY_VERIFY(window()->newVideoPage()->isVisible());
    QVERIFY(!window()->jobPage()->isVisible());
    window()->statusBar()->clearMessage();

    QSignalSpy requested(window()->newVideoPage(), &NewVideoPage::previewsRequested);
    QCOMPARE(generatePreviews(styles), jobId);
    QCOMPARE(requested.count(), 1);
    const QString note = requested.first().at(1).toString();
    QVERIFY2(note.contains(QLatin1String("nothing")) && note.contains(QLatin1String("charged")),
             qPrintable(note));
    // The window shows the same job, and says nothing was charged again.
    QTRY_VERIFY(window()->jobPage()->isVisible());
    QCOMPARE(window()->jobPage()->jobLocalId(), jobId);
    QCOMPARE(window()->statusBar()->currentMessage(), note);
    QTest::qWait(300);
    QCOMPARE(previewPosts(), 1);
    QCOMPARE(sandbox->credits(), credits);
    QCOMPARE(m_controller->engine()->store()->jobs().size(), 1);
}

void TestMainWindow::comparisonIsKeptAcrossARestart()
{
    const QStringList styles = {QStringLiteral("VanillaTemplate"),
                                QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("DynamicProductTemplate")};
    createLinkThroughTheForm();
    const qint64 jobId = generatePreviews(styles);
    QVERIFY(jobId > 0);
    PreviewGrid *grid = TestHelpers::webGrid(window()->jobPage()->grid());
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 3, 20000);
    Store *store = m_controller->engine()->store();
    const QString first = grid->tileAt(0)->key();
    const QString second = grid->tileAt(1)->key();
    const QString third = grid->tileAt(2)->key();

    // F on the current tile: a favourite, in the store and on the tile.
    grid->setFocus();
    QTRY_VERIFY(grid->hasFocus());
    QCOMPARE(grid->currentKey(), first);
    QTest::keyClick(grid, Qt::Key_F);
    QCOMPARE(store->previewMark(jobId, first), PreviewMark::Favourite);
    QCOMPARE(grid->tileAt(0)->mark(), TileMark::Favourite);
    QVERIFY(grid->tileAt(0)->header()->favouriteButton()->isChecked());
    // The reject button on the second tile's header.
    QTest::mouseClick(grid->tileAt(1)->header()->rejectButton(), Qt::LeftButton);
    QCOMPARE(store->previewMark(jobId, second), PreviewMark::Rejected);
    QCOMPARE(grid->tileAt(1)->mark(), TileMark::Rejected);
    QVERIFY(grid->tileAt(1)->header()->rejectButton()->isChecked());
    // X on the third, and X again clears it.
    QTest::keyClick(grid, Qt::Key_Right);
    QTest::keyClick(grid, Qt::Key_Right);
    QCOMPARE(grid->currentKey(), third);
    QTest::keyClick(grid, Qt::Key_X);
    QCOMPARE(store->previewMark(jobId, third), PreviewMark::Rejected);
    QTest::keyClick(grid, Qt::Key_X);
    QCOMPARE(store->previewMark(jobId, third), PreviewMark::None);
    QCOMPARE(grid->tileAt(2)->mark(), TileMark::None);
    // A click on the set mark clears it too; F again sets it back.
    QTest::keyClick(grid, Qt::Key_Home);
    QTest::mouseClick(grid->tileAt(0)->header()->favouriteButton(), Qt::LeftButton);
    QCOMPARE(store->previewMark(jobId, first), PreviewMark::None);
    QTest::keyClick(grid, Qt::Key_F);
    QCOMPARE(store->previewMark(jobId, first), PreviewMark::Favourite);

    // C picks the current tile to compare, Ctrl+click another: kept with the job, apart from
    // the marks (the first stays a favourite).
    QTest::keyClick(grid, Qt::Key_C);
    QTest::mouseClick(grid->tileAt(2), Qt::LeftButton, Qt::ControlModifier, QPoint(2, 2));
    QCOMPARE(grid->pickedKeys(), (QStringList{first, third}));
    QCOMPARE(store->pickedToCompare(jobId), (QStringList{first, third}));
    QCOMPARE(store->previewMark(jobId, first), PreviewMark::Favourite);

    // Hide rejected: exactly the rejected tile goes.
    auto *hide = grid->findChild<QCheckBox *>(QStringLiteral("hideRejectedBox"));
    QVERIFY(hide && hide->isVisible());
    QTest::mouseClick(hide, Qt::LeftButton);
    QVERIFY(store->hidesRejected(jobId));
    QVERIFY(hide->isChecked());
    QVERIFY(grid->tileAt(0)->isVisible());
    QVERIFY(!grid->tileAt(1)->isVisible());
    QVERIFY(grid->tileAt(2)->isVisible());
    QCOMPARE(grid->shownTiles().size(), 2);
    // Polling lists the previews again: the marks stay.
    store->setPreviews(jobId, store->previews(jobId));
    QCOMPARE(store->previewMark(jobId, second), PreviewMark::Rejected);
    QTRY_COMPARE_WITH_TIMEOUT(grid->loadedCount(), 3, 60000);
    QTest::qWait(1000); // the pages paint
    saveScreenshot(window(), QStringLiteral("screenshot-marks.png"));

    // A restart: the store is closed and opened again on the same file, in a new window. The
    // sandbox's port is still taken (the old run exiting, another program): it answers on
    // another, and the saved previews load from there.
    const quint16 oldPort = m_sandbox.server()->port();
    m_controller.reset();
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, oldPort));
    init();
    const quint16 newPort = m_sandbox.server()->port();
    QVERIFY(newPort != oldPort);
    QCOMPARE(m_controller->engine()->store()->previewMark(jobId, first), PreviewMark::Favourite);
    window()->showJob(jobId);
    grid = TestHelpers::webGrid(window()->jobPage()->grid());
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 3, 20000);
    QCOMPARE(grid->tile(first)->mark(), TileMark::Favourite);
    QCOMPARE(grid->tile(second)->mark(), TileMark::Rejected);
    QCOMPARE(grid->tile(third)->mark(), TileMark::None);
    QCOMPARE(grid->pickedKeys(), (QStringList{first, third}));
    QCOMPARE(grid->tile(first)->info().url.port(), int(newPort));
    QTRY_VERIFY_WITH_TIMEOUT(grid->tile(first)->isLoaded() && grid->tile(third)->isLoaded(), 60000);
    QVERIFY(grid->hidesRejected());
    QVERIFY(grid->findChild<QCheckBox *>(QStringLiteral("hideRejectedBox"))->isChecked());
    QTRY_VERIFY(grid->tile(first)->isVisible());
    QVERIFY(!grid->tile(second)->isVisible());
    QVERIFY(grid->tile(third)->isVisible());
    // H shows the rejected again, and that is kept too.
    grid->setFocus();
    QTRY_VERIFY(grid->hasFocus());
    QTest::keyClick(grid, Qt::Key_H);
    QVERIFY(!m_controller->engine()->store()->hidesRejected(jobId));
    QVERIFY(grid->tile(second)->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
