// The comparison grid against real preview pages served by a sandbox on loopback.

#include "coretesthelpers.h"
#include "gridloader.h"
#include "previewgrid.h"
#include "previewtile.h"
#include "webprofile.h"

#include <QApplication>
#include <QDesktopServices>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebEngineView>

#include <csignal>
#include <memory>

using namespace PreviewDeck;

namespace {

constexpr int kLoadTimeoutMs = 60000;
#define WAIT_LOADED(grid) \
    QTRY_COMPARE_WITH_TIMEOUT((grid)->loadedCount(), (grid)->tileCount(), kLoadTimeoutMs)

// Counts the non-white pixels of an image (a blank page is all white).
int inkPixels(const QImage &image)
{
    int n = 0;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); x += 2)
            n += (qRed(line[x]) < 230 || qGreen(line[x]) < 230 || qBlue(line[x]) < 230) ? 1 : 0;
    }
    return n;
}

// Runs a script and waits for its value. The holder outlives the call: a late callback (after a
// timeout) must not write into a dead stack frame.
QVariant evalJs(QWebEnginePage *page, const QString &script, int timeoutMs = 10000)
{
    struct Result
    {
        bool done = false;
        QVariant value;
    };
    auto result = std::make_shared<Result>();
    page->runJavaScript(script, [result](const QVariant &v) {
        result->value = v;
        result->done = true;
    });
    if (!QTest::qWaitFor([&] { return result->done; }, timeoutMs))
        qWarning("script did not answer in time");
    return result->value;
}

// Stands in for the system browser: QDesktopServices::openUrl lands here.
class UrlSink : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

// A web server that answers every request with one small page; used where the sandbox is
// missing on purpose (a "server that starts later").
class TinyPageServer : public QTcpServer
{
public:
    TinyPageServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    const QByteArray body = "<html><body style=\"background:#136\">"
                                            "<h1 style=\"color:#fc0\">Back</h1></body></html>";
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                             + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                             + body);
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
};

} // namespace

class TestPreviewGrid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void tilesLoadAndShowPages();
    void incrementalUpdateKeepsLoadedTiles();
    void tileShapeFollowsAspectRatio();
    void renderButtonEmitsOnce();
    void keyboardMovesEnlargesAndReturns();
    void offHostNavigationGoesExternal();
    void newWindowGoesExternal();
    void permissionRequestsAreDenied();
    void failedLoadShowsErrorAndReloads();
    void killedRendererShowsErrorAndReloads();

private:
    std::unique_ptr<PreviewGrid> makeGrid(const QList<PreviewTileInfo> &infos, QSize size);

    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    QList<PreviewTileInfo> m_infos; // from a real preview_list_async job
    UrlSink m_browser;
};

void TestPreviewGrid::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");

    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    m_sandbox->setStepIntervalMs(20);
    QVERIFY(m_sandbox->listen());

    ApiClient client;
    TestHelpers::pointAt(&client, *m_sandbox);
    const QStringList styles = {
            QStringLiteral("DynamicProductTemplate"), QStringLiteral("DramaticTemplate"),
            QStringLiteral("MotionCardsTemplate"), QStringLiteral("VlogTemplate")};
    const QList<Preview> previews = TestHelpers::finishedPreviews(&client, styles);
    QCOMPARE(previews.size(), styles.size());
    for (const Preview &p : previews)
        m_infos.append({p.mediaJob, p.visualStyle, p.aspectRatio, p.url});
}

void TestPreviewGrid::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
}

void TestPreviewGrid::cleanup()
{
    m_browser.opened.clear();
}

std::unique_ptr<PreviewGrid> TestPreviewGrid::makeGrid(const QList<PreviewTileInfo> &infos,
                                                       QSize size)
{
    auto grid = std::make_unique<PreviewGrid>();
    grid->resize(size);
    grid->setPreviews(infos);
    grid->show();
    return grid;
}

void TestPreviewGrid::tilesLoadAndShowPages()
{
    const QList<PreviewTileInfo> three = m_infos.mid(0, 3);
    auto grid = std::make_unique<PreviewGrid>();
    QSignalSpy allLoaded(grid.get(), &PreviewGrid::allLoaded);
    grid->resize(900, 640);
    grid->setPreviews(three);
    grid->show();
    QCOMPARE(grid->tileCount(), 3);
    QCOMPARE(grid->columnCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(grid->loadedCount(), 3, kLoadTimeoutMs);
    QTRY_COMPARE(allLoaded.count(), 1);
    for (int i = 0; i < 3; ++i) {
        PreviewTile *t = grid->tileAt(i);
        QCOMPARE(t->key(), three.at(i).key);
        QCOMPARE(t->state(), PreviewTile::State::Loaded);
        QCOMPARE(t->view()->url(), three.at(i).url);
        QCOMPARE(t->findChild<QLabel *>(QStringLiteral("tileTitle"))->text(), three.at(i).title);
        QCOMPARE(t->view()->page()->profile(), sharedPreviewProfile());
    }
    // Pages paint (offscreen grabs capture web content): not a blank tile.
    QTRY_VERIFY_WITH_TIMEOUT(inkPixels(grid->tileAt(1)->view()->grab().toImage()) > 1000, 10000);
    const QImage shot = grid->grab().toImage();
    QVERIFY(inkPixels(shot) > 3000);
    const QString path = QStringLiteral(PREVIEWDECK_GRID_SCREENSHOT_DIR "/grid.png");
    QVERIFY2(shot.save(path), qPrintable(path));
}

void TestPreviewGrid::incrementalUpdateKeepsLoadedTiles()
{
    auto grid = makeGrid(m_infos.mid(0, 2), QSize(1100, 700));
    WAIT_LOADED(grid);
    QWebEngineView *first = grid->tile(m_infos.at(0).key)->view();
    QWebEngineView *second = grid->tile(m_infos.at(1).key)->view();
    QSignalSpy firstStarts(first->page(), &QWebEnginePage::loadStarted);
    QSignalSpy secondStarts(second->page(), &QWebEnginePage::loadStarted);

    // The job lists one more preview (and a renamed one): the others stay as they are.
    QList<PreviewTileInfo> more = m_infos.mid(0, 3);
    more[1].title = QStringLiteral("Renamed");
    grid->setPreviews(more);
    QCOMPARE(grid->tileCount(), 3);
    QCOMPARE(grid->tile(m_infos.at(0).key)->view(), first);
    QCOMPARE(grid->tile(m_infos.at(1).key)->view(), second);
    QCOMPARE(grid->tile(m_infos.at(1).key)->findChild<QLabel *>(QStringLiteral("tileTitle"))->text(),
             QStringLiteral("Renamed"));
    QCOMPARE(grid->tile(m_infos.at(0).key)->state(), PreviewTile::State::Loaded);
    WAIT_LOADED(grid);
    QCOMPARE(firstStarts.count(), 0);
    QCOMPARE(secondStarts.count(), 0);

    // A changed URL reloads that tile only.
    QList<PreviewTileInfo> moved = more;
    moved[0].url = m_infos.at(3).url;
    grid->setPreviews(moved);
    QTRY_VERIFY(firstStarts.count() >= 1);
    WAIT_LOADED(grid);
    QCOMPARE(first->url(), m_infos.at(3).url);
    QCOMPARE(secondStarts.count(), 0);

    // A preview no longer listed goes away.
    grid->setPreviews(moved.mid(1));
    QCOMPARE(grid->tileCount(), 2);
    QVERIFY(!grid->tile(m_infos.at(0).key));
}

void TestPreviewGrid::tileShapeFollowsAspectRatio()
{
    QList<PreviewTileInfo> infos = m_infos.mid(0, 3);
    infos[1].aspectRatio = QStringLiteral("1x1");
    infos[2].aspectRatio = QStringLiteral("16x9");
    auto grid = makeGrid(infos, QSize(1400, 900));
    WAIT_LOADED(grid);
    const QSize tall = grid->tileAt(0)->view()->size();
    const QSize square = grid->tileAt(1)->view()->size();
    const QSize wide = grid->tileAt(2)->view()->size();
    QVERIFY2(tall.height() > tall.width() * 1.6, qPrintable(QString::number(tall.height())));
    QVERIFY(qAbs(square.height() - square.width()) <= 2);
    QVERIFY(wide.width() > wide.height() * 1.6);

    // Narrower: fewer columns, same ratio.
    grid->resize(900, 900);
    QTRY_COMPARE(grid->columnCount(), 2);
    const QSize narrow = grid->tileAt(0)->view()->size();
    QVERIFY(qAbs(narrow.height() * 9 - narrow.width() * 16) <= 16 * 2);
}

void TestPreviewGrid::renderButtonEmitsOnce()
{
    auto grid = makeGrid(m_infos.mid(0, 2), QSize(900, 700));
    QSignalSpy render(grid.get(), &PreviewGrid::renderRequested);
    PreviewTile *t = grid->tileAt(1);
    QPushButton *button = t->renderButton();
    QCOMPARE(button->text(), QStringLiteral("Render"));
    QTest::mouseClick(button, Qt::LeftButton);
    QTest::mouseClick(button, Qt::LeftButton); // a double click: still one request
    QCOMPARE(render.count(), 1);
    QCOMPARE(render.at(0).at(0).toString(), m_infos.at(1).key);
    // Not "Rendering…" yet: the user has still to confirm the cost.
    QCOMPARE(t->renderState(), TileRenderState::Confirming);
    QVERIFY(!button->isEnabled());
    QCOMPARE(button->text(), QStringLiteral("Confirm the cost…"));
    QCOMPARE(grid->currentKey(), m_infos.at(1).key);

    grid->setRenderState(t->key(), TileRenderState::Failed);
    QVERIFY(button->isEnabled());
    QCOMPARE(button->text(), QStringLiteral("Render again"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(render.count(), 2);
    grid->setRenderState(t->key(), TileRenderState::Rendered);
    QVERIFY(!button->isEnabled());
    QCOMPARE(button->text(), QStringLiteral("Rendered"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(render.count(), 2);
}

void TestPreviewGrid::keyboardMovesEnlargesAndReturns()
{
    // 600 px: two columns of tall tiles.
    auto grid = makeGrid(m_infos.mid(0, 3), QSize(600, 900));
    QCOMPARE(grid->columnCount(), 2);
    QSignalSpy current(grid.get(), &PreviewGrid::currentChanged);
    QSignalSpy render(grid.get(), &PreviewGrid::renderRequested);
    QCOMPARE(grid->currentKey(), m_infos.at(0).key);
    QVERIFY(grid->tileAt(0)->isSelected());

    QTest::keyClick(grid.get(), Qt::Key_Right);
    QCOMPARE(grid->currentKey(), m_infos.at(1).key);
    QCOMPARE(current.count(), 1);
    QVERIFY(grid->tileAt(1)->isSelected());
    QVERIFY(!grid->tileAt(0)->isSelected());
    QTest::keyClick(grid.get(), Qt::Key_Left);
    QCOMPARE(grid->currentKey(), m_infos.at(0).key);
    QTest::keyClick(grid.get(), Qt::Key_Down);
    QCOMPARE(grid->currentKey(), m_infos.at(2).key);
    QTest::keyClick(grid.get(), Qt::Key_Up);
    QCOMPARE(grid->currentKey(), m_infos.at(0).key);
    QTest::keyClick(grid.get(), Qt::Key_Right);

    // Enter enlarges the current tile: it alone fills the area, with a way back.
    QTest::keyClick(grid.get(), Qt::Key_Return);
    QCOMPARE(grid->enlargedKey(), m_infos.at(1).key);
    PreviewTile *big = grid->tileAt(1);
    QVERIFY(big->isVisible());
    QVERIFY(!grid->tileAt(0)->isVisible());
    QVERIFY(!grid->tileAt(2)->isVisible());
    auto *back = grid->findChild<QPushButton *>(QStringLiteral("backButton"));
    QVERIFY(back && back->isVisible());
    QCOMPARE(back->text(), QStringLiteral("Back (Esc)"));
    QVERIFY(big->height() > grid->height() * 0.8);
    QVERIFY(big->view()); // an enlarged tile always has its page

    // Enter again does nothing else — it must never render.
    QTest::keyClick(grid.get(), Qt::Key_Return);
    QTest::keyClick(grid.get(), Qt::Key_Enter);
    QCOMPARE(render.count(), 0);
    QCOMPARE(grid->enlargedKey(), m_infos.at(1).key);

    QTest::keyClick(grid.get(), Qt::Key_Escape);
    QVERIFY(grid->enlargedKey().isEmpty());
    QVERIFY(!back->isVisible());
    QVERIFY(grid->tileAt(0)->isVisible() && grid->tileAt(2)->isVisible());
    QCOMPARE(grid->currentKey(), m_infos.at(1).key);

    // Ctrl+Enter renders the current tile, once.
    QTest::keyClick(grid.get(), Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClick(grid.get(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(render.count(), 1);
    QCOMPARE(render.at(0).at(0).toString(), m_infos.at(1).key);

    // Double-click on a tile (its header) enlarges it too; the Back button returns.
    QTest::mouseDClick(grid->tileAt(2), Qt::LeftButton, {}, QPoint(10, 10));
    QCOMPARE(grid->enlargedKey(), m_infos.at(2).key);
    QTest::mouseClick(back, Qt::LeftButton);
    QVERIFY(grid->enlargedKey().isEmpty());
}

void TestPreviewGrid::offHostNavigationGoesExternal()
{
    auto grid = makeGrid(m_infos.mid(0, 1), QSize(500, 900));
    WAIT_LOADED(grid);
    PreviewTile *t = grid->tileAt(0);
    QSignalSpy external(grid.get(), &PreviewGrid::externalLinkRequested);
    QSignalSpy refused(t->page(), &PreviewWebPage::navigationRefused);
    const QUrl elsewhere(QStringLiteral("http://shop.example.com/products/test-lamp"));
    t->page()->runJavaScript(QStringLiteral("location.href = '%1';").arg(elsewhere.toString()));
    QTRY_COMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(0).toUrl(), elsewhere);
    QTRY_COMPARE(external.count(), 1);
    QCOMPARE(external.at(0).at(0).toUrl(), elsewhere);
    QTRY_COMPARE(m_browser.opened, QList<QUrl>{elsewhere}); // the default handler opened it
    // The tile still shows its preview.
    QCOMPARE(t->view()->url(), m_infos.at(0).url);
    QCOMPARE(t->state(), PreviewTile::State::Loaded);

    // Same host is fine, other schemes never leave the app.
    QVERIFY(t->page()->isAllowed(m_sandbox->baseUrl().resolved(QUrl(QStringLiteral("/x")))));
    QVERIFY(!t->page()->isAllowed(
            QUrl(QStringLiteral("http://127.0.0.2:%1/").arg(m_sandbox->port()))));
    QVERIFY(!t->page()->isAllowed(QUrl(QStringLiteral("file:///etc/passwd"))));
}

void TestPreviewGrid::newWindowGoesExternal()
{
    auto grid = makeGrid(m_infos.mid(0, 1), QSize(500, 900));
    WAIT_LOADED(grid);
    PreviewTile *t = grid->tileAt(0);
    QSignalSpy external(grid.get(), &PreviewGrid::externalLinkRequested);
    const QUrl target(QStringLiteral("https://www.creatify.ai/pricing"));

    // Script popups without a user gesture are blocked outright (the shared profile's policy).
    QCOMPARE(evalJs(t->page(), QStringLiteral("window.open('%1') === null").arg(target.toString())),
             QVariant(true));

    // A target=_blank link the user clicks: no window, the URL goes to the system browser.
    QCOMPARE(evalJs(t->page(),
                    QStringLiteral("var a = document.createElement('a');"
                                   "a.href = '%1'; a.target = '_blank'; a.textContent = 'x';"
                                   "a.style = 'position:fixed;left:0;top:0;width:100%;"
                                   "height:100%;z-index:99999;display:block';"
                                   "document.body.appendChild(a); true;")
                            .arg(target.toString())),
             QVariant(true));
    QWidget *content = t->view()->focusProxy();
    QVERIFY(content);
    QTest::mouseClick(content, Qt::LeftButton, {}, content->rect().center());
    QTRY_COMPARE_WITH_TIMEOUT(external.count(), 1, 10000);
    QCOMPARE(external.at(0).at(0).toUrl(), target);
    QTRY_COMPARE(m_browser.opened, QList<QUrl>{target});
    QCOMPARE(t->view()->url(), m_infos.at(0).url);
}

void TestPreviewGrid::permissionRequestsAreDenied()
{
    auto grid = makeGrid(m_infos.mid(0, 1), QSize(500, 900));
    WAIT_LOADED(grid);
    PreviewWebPage *page = grid->tileAt(0)->page();
    QSignalSpy denied(page, &PreviewWebPage::featureDenied);
    page->runJavaScript(QStringLiteral("window.geoResult = 'pending';"
                                       "navigator.geolocation.getCurrentPosition("
                                       "  () => { window.geoResult = 'granted'; },"
                                       "  (e) => { window.geoResult = 'error ' + e.code; });"));
    QTRY_VERIFY_WITH_TIMEOUT(!denied.isEmpty(), 10000);
    QCOMPARE(denied.at(0).at(1).value<QWebEnginePage::Feature>(), QWebEnginePage::Geolocation);
    QTRY_COMPARE_WITH_TIMEOUT(evalJs(page, QStringLiteral("window.geoResult")).toString(),
                              QStringLiteral("error 1"), 10000); // 1 = PERMISSION_DENIED

    // The slot answers every feature the same way.
    denied.clear();
    Q_EMIT page->featurePermissionRequested(m_infos.at(0).url, QWebEnginePage::MediaVideoCapture);
    QCOMPARE(denied.count(), 1);
}

void TestPreviewGrid::failedLoadShowsErrorAndReloads()
{
    // A port nobody listens on (picked by the OS, then released).
    TinyPageServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    server.close();
    PreviewTileInfo info{QStringLiteral("offline"), QStringLiteral("Offline"),
                         QStringLiteral("9x16"),
                         QUrl(QStringLiteral("http://127.0.0.1:%1/preview").arg(port))};
    auto grid = makeGrid({info}, QSize(500, 900));
    PreviewTile *t = grid->tileAt(0);
    QTRY_COMPARE_WITH_TIMEOUT(t->state(), PreviewTile::State::Error, kLoadTimeoutMs);
    QVERIFY(t->reloadButton()->isVisible());
    QVERIFY(!t->view()->isVisible());
    QVERIFY2(t->errorText().endsWith(QLatin1Char('.')), qPrintable(t->errorText()));
    QCOMPARE(grid->loadedCount(), 0);

    QVERIFY(server.listen(QHostAddress::LocalHost, port));
    QTest::mouseClick(t->reloadButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(t->state(), PreviewTile::State::Loaded, kLoadTimeoutMs);
    QVERIFY(t->view()->isVisible());
    QCOMPARE(grid->loadedCount(), 1);
}

void TestPreviewGrid::killedRendererShowsErrorAndReloads()
{
    auto grid = makeGrid(m_infos.mid(0, 1), QSize(500, 900));
    WAIT_LOADED(grid);
    PreviewTile *t = grid->tileAt(0);
    const qint64 pid = t->page()->renderProcessPid();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0); // the renderer this test started
    QTRY_COMPARE_WITH_TIMEOUT(t->state(), PreviewTile::State::Error, 10000);
    QVERIFY(t->errorText().contains(QStringLiteral("stopped")));
    QVERIFY(t->reloadButton()->isVisible());
    QCOMPARE(grid->loadedCount(), 0);
    QTest::mouseClick(t->reloadButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(t->state(), PreviewTile::State::Loaded, kLoadTimeoutMs);
    QVERIFY(t->page()->renderProcessPid() != pid);
}

int main(int argc, char **argv)
{
    // As the app does: before the QApplication, so Chromium sees them.
    GridLoader::applyRecommendedChromiumFlags();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestPreviewGrid test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_previewgrid.moc"
