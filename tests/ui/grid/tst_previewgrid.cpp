// The comparison grid against real preview pages served by a sandbox on loopback.

#include "apienums.h"
#include "coretesthelpers.h"
#include "grid/web/gridbar.h"
#include "grid/web/gridlayout.h"
#include "grid/gridloader.h"
#include "grid/web/previewgrid.h"
#include "grid/web/pagefitter.h"
#include "grid/web/tileheader.h"
#include "grid/web/previewtile.h"
#include "grid/web/webprofile.h"

#include <QApplication>
#include <QCheckBox>
#include <QDesktopServices>
#include <QEventLoop>
#include <QEnterEvent>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QWebEngineView>
#include <QWheelEvent>

#include <cmath>
#include <csignal>
#include <functional>
#include <memory>

using namespace PreviewDeck;

namespace {

constexpr int kLoadTimeoutMs = 60000;

// Waits with a real event loop. A sleeping wait (QTest::qWaitFor, QTRY_*) starves the
// in-process sandbox that streams the pages' media: loads and playback then crawl.
template<typename Pred>
bool spinUntil(Pred done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(20);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}
#define SPIN_VERIFY(cond, timeoutMs) \
    QVERIFY2(spinUntil([&] { return bool(cond); }, timeoutMs), #cond)
#define SPIN_COMPARE(actual, expected, timeoutMs) \
    do { \
        spinUntil([&] { return (actual) == (expected); }, timeoutMs); \
        QCOMPARE(actual, expected); \
    } while (false)
#define WAIT_LOADED(grid) SPIN_COMPARE((grid)->loadedCount(), (grid)->tileCount(), kLoadTimeoutMs)
// Every tile shown (the current page, or the focus view) has loaded and fitted its page.
#define WAIT_LOADED_SHOWN(grid) SPIN_VERIFY(allShownFitted((grid).get()), kLoadTimeoutMs)

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
        QEventLoop *loop = nullptr;
    };
    auto result = std::make_shared<Result>();
    page->runJavaScript(script, [result](const QVariant &v) {
        result->value = v;
        result->done = true;
        if (result->loop)
            result->loop->quit();
    });
    if (!result->done) {
        QEventLoop loop;
        result->loop = &loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        result->loop = nullptr;
    }
    if (!result->done)
        qWarning("script did not answer in time");
    return result->value;
}

// Counts the strongly coloured pixels (a sandbox video frame is colour bars; its page is not).
int colourPixels(const QImage &image)
{
    int n = 0;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); x += 2) {
            const int hi = qMax(qMax(qRed(line[x]), qGreen(line[x])), qBlue(line[x]));
            const int lo = qMin(qMin(qRed(line[x]), qGreen(line[x])), qBlue(line[x]));
            n += hi - lo > 100 ? 1 : 0;
        }
    }
    return n;
}

// The pointer moving onto / off a tile.
void hover(PreviewTile *t, bool in)
{
    if (in) {
        const QPointF local(5, 5);
        QEnterEvent enter(local, local, t->mapToGlobal(local));
        QCoreApplication::sendEvent(t, &enter);
    } else {
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(t, &leave);
    }
}

// Runs a script in a tile's page. A frozen page runs no script: the pointer goes over the tile
// (which makes its page live, as for a user) for the time of the call.
QVariant tileJs(PreviewTile *t, const QString &script)
{
    const bool frozen = t->isFrozen();
    if (frozen) {
        hover(t, true);
        // A tile resized while frozen fits its new size when it thaws: measure after that,
        // not in the middle of it.
        spinUntil([t] { return t->isFitted(); }, kLoadTimeoutMs);
    }
    const QVariant value = evalJs(t->page(), script);
    if (frozen)
        hover(t, false);
    return value;
}

// The page's videos: count, paused, muted, earliest and latest currentTime.
const QString kMediaState = QStringLiteral(
        "(function () { var v = Array.from(document.querySelectorAll('video'));"
        "  var t = v.map(function (x) { return x.currentTime; });"
        "  return { n: v.length,"
        "    paused: v.filter(function (x) { return x.paused; }).length,"
        "    muted: v.filter(function (x) { return x.muted; }).length,"
        "    minTime: t.length ? Math.min.apply(null, t) : -1,"
        "    maxTime: t.length ? Math.max.apply(null, t) : -1 }; })()");

// Width overflow and the largest video's box, at the page's zoom, in CSS pixels.
const QString kFitState = QStringLiteral(
        "(function () { var d = document.documentElement, best = null, area = 0;"
        "  document.querySelectorAll('video').forEach(function (v) {"
        "    var r = v.getBoundingClientRect();"
        "    if (r.width * r.height > area) { area = r.width * r.height; best = r; } });"
        "  return { scrollWidth: d.scrollWidth, innerWidth: window.innerWidth,"
        "    clientWidth: d.clientWidth, innerHeight: window.innerHeight,"
        "    videoLeft: best ? best.left : 0, videoRight: best ? best.right : 0,"
        "    videoTop: best ? best.top : 0, videoBottom: best ? best.bottom : 0 }; })()");

// Standard deviation of the grey levels in the middle of the largest video of a frozen tile's
// picture: a frame has contrast, no frame yet is black or the player's flat grey panel.
double pictureContrast(PreviewTile *t)
{
    auto *snapshot = t->findChild<QWidget *>(QStringLiteral("tileSnapshot"));
    if (!snapshot || !snapshot->isVisible())
        return -1;
    const QImage picture = snapshot->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QVariantMap fit = tileJs(t, kFitState).toMap();
    const double z = t->zoomFactor() * picture.devicePixelRatio();
    const double left = fit.value(QStringLiteral("videoLeft")).toDouble() * z;
    const double top = fit.value(QStringLiteral("videoTop")).toDouble() * z;
    const double width = fit.value(QStringLiteral("videoRight")).toDouble() * z - left;
    const double height = fit.value(QStringLiteral("videoBottom")).toDouble() * z - top;
    const QRect middle = QRectF(left + width * 0.25, top + height * 0.2, width * 0.5, height * 0.45)
                                 .toAlignedRect()
                                 .intersected(picture.rect());
    double sum = 0, squares = 0;
    int n = 0;
    for (int y = middle.top(); y <= middle.bottom(); ++y) {
        for (int x = middle.left(); x <= middle.right(); ++x, ++n) {
            const double grey = qGray(picture.pixel(x, y));
            sum += grey;
            squares += grey * grey;
        }
    }
    if (n == 0)
        return -1;
    return std::sqrt(squares / n - (sum / n) * (sum / n));
}

QList<PreviewTile *> tilesOf(PreviewGrid *grid)
{
    QList<PreviewTile *> tiles;
    for (int i = 0; i < grid->tileCount(); ++i)
        tiles << grid->tileAt(i);
    return tiles;
}

bool allFitted(PreviewGrid *grid)
{
    for (PreviewTile *t : tilesOf(grid)) {
        if (!t->isLoaded() || !t->isFitted())
            return false;
    }
    return true;
}

bool allFrozen(PreviewGrid *grid)
{
    for (PreviewTile *t : tilesOf(grid)) {
        if (!t->isFrozen() || t->page()->lifecycleState() != QWebEnginePage::LifecycleState::Frozen)
            return false;
    }
    return true;
}

bool allShownFitted(PreviewGrid *grid)
{
    for (PreviewTile *t : grid->shownTiles()) {
        if (!t->isLoaded() || !t->isFitted())
            return false;
    }
    return true;
}

bool allShownFrozen(PreviewGrid *grid)
{
    for (PreviewTile *t : grid->shownTiles()) {
        if (!t->isFrozen())
            return false;
    }
    return true;
}

// Tile `t` lies wholly inside the grid's visible area.
bool wholeOnScreen(PreviewGrid *grid, PreviewTile *t)
{
    const QRect area = grid->scrollArea()->viewport()->rect();
    const QRect tile(t->mapTo(grid->scrollArea()->viewport(), QPoint(0, 0)), t->size());
    return area.contains(tile);
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
// missing on purpose (a "server that starts later") and for pages unlike the sandbox's.
class TinyPageServer : public QTcpServer
{
public:
    explicit TinyPageServer(const QByteArray &page = "<html><body style=\"background:#136\">"
                                                     "<h1 style=\"color:#fc0\">Back</h1>"
                                                     "</body></html>")
    {
        connect(this, &QTcpServer::newConnection, this, [this, page] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [s, page] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    const QByteArray &body = page;
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

    // Fitting, layout, playback and freezing.
    void pagesFitTheirTiles();
    void widePageZoomsOutAndRefitsOnResize();
    void resizedTilesHaveNoHorizontalScrollBar();
    void tallPageShowsNoScrollBarButScrolls();
    void allTilesOnScreenWhenTheyFit_data();
    void allTilesOnScreenWhenTheyFit();
    void manyTilesShowPages();
    void marksShowAndRejectedHide();
    void focusViewShowsThePickedLarge();
    void nothingPlaysByItself();
    void playPauseRestartMuteTogether();
    void keysAndBarDrivePlayback();
    void barWordsDependOnItsWidthAlone();
    void offScreenAndPausedTilesAreFrozen();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<PreviewGrid> makeGrid(const QList<PreviewTileInfo> &infos, QSize size);
    // `n` tiles, the previews repeated (under new keys) when there are fewer.
    QList<PreviewTileInfo> previews(int n) const;

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
    // The first four are the ones most tests use; DynamicProductTemplate is a two-column page.
    const QStringList styles = {QStringLiteral("DynamicProductTemplate"),
                                QStringLiteral("DramaticTemplate"),
                                QStringLiteral("MotionCardsTemplate"),
                                QStringLiteral("VlogTemplate"),
                                QStringLiteral("AvatarBubbleTemplate"),
                                QStringLiteral("EnhancedVanillaTemplate"),
                                QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("OverCardsTemplate"),
                                QStringLiteral("SideBySideTemplate"),
                                QStringLiteral("TwitterFrameTemplate"),
                                QStringLiteral("VanillaTemplate"),
                                QStringLiteral("ScribbleTemplate"),
                                QStringLiteral("QuickTransitionTemplate"),
                                QStringLiteral("LegoTemplate"),
                                QStringLiteral("GreenScreenEffectTemplate"),
                                QStringLiteral("SimpleAvatarOverlayTemplate")};
    const QList<Preview> previews = TestHelpers::finishedPreviews(&client, styles, 30000);
    QCOMPARE(previews.size(), styles.size());
    // As the job page passes them: the readable style name, the API's name in the tooltip.
    for (const Preview &p : previews)
        m_infos.append({p.mediaJob, ApiEnums::visualStyleLabel(p.visualStyle), p.aspectRatio, p.url,
                        p.visualStyle});
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

QList<PreviewTileInfo> TestPreviewGrid::previews(int n) const
{
    QList<PreviewTileInfo> list;
    for (int i = 0; i < n; ++i) {
        PreviewTileInfo info = m_infos.at(i % m_infos.size());
        if (i >= m_infos.size())
            info.key += QStringLiteral("-%1").arg(i);
        list << info;
    }
    return list;
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
    QTRY_VERIFY_WITH_TIMEOUT(allFitted(grid.get()), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(inkPixels(grid->tileAt(1)->grab().toImage()) > 1000, 10000);
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
    // The page area: the tile less its frame, title, bar and buttons.
    auto pageArea = [](PreviewTile *t) {
        return QSize(t->width() - 2 * PreviewTile::FrameWidth, t->height() - t->chromeHeight());
    };
    const QSize tall = pageArea(grid->tileAt(0));
    const QSize square = pageArea(grid->tileAt(1));
    const QSize wide = pageArea(grid->tileAt(2));
    QVERIFY2(tall.height() > tall.width() * 1.6, qPrintable(QString::number(tall.height())));
    QVERIFY(qAbs(square.height() - square.width()) <= 2);
    QVERIFY(wide.width() > wide.height() * 1.6);
    QCOMPARE(grid->tileAt(0)->view()->size(), tall);

    // Narrower: fewer columns, same ratio.
    grid->resize(500, 900);
    QTRY_COMPARE(grid->columnCount(), 2);
    // The page keeps its width; a tile shorter than its page shows most of it (and scrolls).
    const QSize narrow = pageArea(grid->tileAt(0));
    const double natural = narrow.width() * 16.0 / 9;
    QVERIFY2(narrow.height() <= natural + 2
                     && narrow.height() >= natural * GridLayout::GridShownPart - 1,
             qPrintable(QStringLiteral("%1x%2").arg(narrow.width()).arg(narrow.height())));
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
    hover(grid->tileAt(0), true); // in use: its page stays live (not frozen)
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
    hover(grid->tileAt(0), true); // in use: its page stays live (not frozen)
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
    hover(grid->tileAt(0), true); // in use: its page stays live (not frozen)
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
    QVERIFY(t->isShowingPage());
    QVERIFY(!t->reloadButton()->isVisible());
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

void TestPreviewGrid::pagesFitTheirTiles()
{
    // Nine pages (every layout the sandbox has) in tiles about 250 px wide.
    auto grid = makeGrid(m_infos.mid(0, 9), QSize(1600, 1000));
    WAIT_LOADED(grid);
    SPIN_VERIFY(allFitted(grid.get()), 20000);
    for (PreviewTile *t : tilesOf(grid.get())) {
        const QVariantMap fit = tileJs(t, kFitState).toMap();
        const QString what = QStringLiteral("%1 at zoom %2: %3")
                                     .arg(t->info().title)
                                     .arg(t->zoomFactor())
                                     .arg(QString::fromUtf8(QJsonDocument::fromVariant(fit).toJson(
                                             QJsonDocument::Compact)));
        const double scrollWidth = fit.value(QStringLiteral("scrollWidth")).toDouble();
        // No horizontal scrolling inside the tile ...
        QVERIFY2(scrollWidth <= fit.value(QStringLiteral("innerWidth")).toDouble(),
                 qPrintable(what));
        QVERIFY2(scrollWidth <= fit.value(QStringLiteral("clientWidth")).toDouble(),
                 qPrintable(what));
        // ... and the whole player in view.
        QVERIFY2(fit.value(QStringLiteral("videoLeft")).toDouble() >= 0, qPrintable(what));
        QVERIFY2(fit.value(QStringLiteral("videoRight")).toDouble()
                         <= fit.value(QStringLiteral("clientWidth")).toDouble() + 1,
                 qPrintable(what));
        QVERIFY2(fit.value(QStringLiteral("videoTop")).toDouble() >= 0, qPrintable(what));
        QVERIFY2(fit.value(QStringLiteral("videoBottom")).toDouble()
                         <= fit.value(QStringLiteral("innerHeight")).toDouble() + 1,
                 qPrintable(what));
        QVERIFY2(t->zoomFactor() >= PageFitter::MinZoom && t->zoomFactor() <= PageFitter::MaxZoom,
                 qPrintable(what));
        qInfo("%s", qPrintable(what));

        // The title is the whole style name, with the API's name in the tooltip.
        auto *title = t->findChild<QLabel *>(QStringLiteral("tileTitle"));
        QCOMPARE(title->text(), t->info().title);
        QVERIFY2(title->fontMetrics().horizontalAdvance(title->text())
                         <= title->contentsRect().width(),
                 qPrintable(title->text()));
        QVERIFY(title->toolTip().contains(t->info().detail));
    }
}

void TestPreviewGrid::widePageZoomsOutAndRefitsOnResize()
{
    // A desktop page: two columns, 940 px wide whatever the window, its video on the right.
    const QUrl media = m_sandbox->baseUrl().resolved(
            QUrl(QStringLiteral("/media/renders/16x9/w.mp4")));
    TinyPageServer server(
            QStringLiteral("<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">"
                           "<div style=\"display:flex;gap:20px;padding:20px;width:900px\">"
                           "<div style=\"flex:0 0 400px\"><h1>A page for desktops</h1>"
                           "<p>Two columns, 940 px wide in all.</p></div>"
                           "<video controls style=\"flex:0 0 480px;height:270px;background:#000\""
                           " src=\"%1\"></video></div></body></html>")
                    .arg(media.toString())
                    .toUtf8());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const PreviewTileInfo info{
            QStringLiteral("wide"), QStringLiteral("Wide page"), QStringLiteral("16x9"),
            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()))};
    auto grid = makeGrid({info}, QSize(420, 500));
    PreviewTile *t = grid->tileAt(0);
    SPIN_VERIFY(t->isLoaded() && t->isFitted(), kLoadTimeoutMs);
    auto checkFits = [&] {
        const QVariantMap fit = tileJs(t, kFitState).toMap();
        const QString what = QString::fromUtf8(
                QJsonDocument::fromVariant(fit).toJson(QJsonDocument::Compact));
        QVERIFY2(fit.value(QStringLiteral("scrollWidth")).toDouble()
                         <= fit.value(QStringLiteral("innerWidth")).toDouble(),
                 qPrintable(what));
        QVERIFY2(fit.value(QStringLiteral("videoRight")).toDouble()
                         <= fit.value(QStringLiteral("clientWidth")).toDouble() + 1,
                 qPrintable(what));
    };
    // A ~390 px wide tile: the page is shown at about 390 / 940 of its size.
    const double narrow = t->zoomFactor();
    QVERIFY2(narrow < 0.5 && narrow >= PageFitter::MinZoom, qPrintable(QString::number(narrow)));
    checkFits();
    if (QTest::currentTestFailed())
        return;

    // A wider window: the page is fitted anew (here at 100 %).
    grid->resize(1000, 700);
    SPIN_VERIFY(t->isFitted() && t->zoomFactor() > narrow + 0.2, 10000);
    checkFits();
    if (QTest::currentTestFailed())
        return;
    // And back: the same zoom as before.
    grid->resize(420, 500);
    spinUntil([&] { return t->isFitted() && qAbs(t->zoomFactor() - narrow) < 0.02; }, 10000);
    QVERIFY2(t->isFitted() && qAbs(t->zoomFactor() - narrow) < 0.02,
             qPrintable(QStringLiteral("%1, was %2").arg(t->zoomFactor()).arg(narrow)));
    checkFits();
}

void TestPreviewGrid::resizedTilesHaveNoHorizontalScrollBar()
{
    // Tiles that were fitted, then made narrower (a window maximized to show more of them):
    // the page's vertical scroll bar keeps its screen size while the page is scaled, so the
    // content may come out a pixel too wide. Not a pixel may overflow.
    auto grid = makeGrid(m_infos.mid(0, 4), QSize(1100, 560));
    WAIT_LOADED_SHOWN(grid);
    // Narrower and wider by turns, so fits start from a remembered layout, only scaled.
    for (const int width : {1000, 1060, 930, 990, 880, 1120, 900, 970}) {
        const QSize size(width, 560);
        grid->resize(size);
        spinUntil([] { return false; }, 300); // the resize settles, the fits start
        WAIT_LOADED_SHOWN(grid);
        for (PreviewTile *t : grid->shownTiles()) {
            const QVariantMap fit = tileJs(t, kFitState).toMap();
            const QString what = QStringLiteral("%1 at %2 px, zoom %3: %4")
                                         .arg(t->info().title)
                                         .arg(t->view()->width())
                                         .arg(t->zoomFactor())
                                         .arg(QString::fromUtf8(
                                                 QJsonDocument::fromVariant(fit).toJson(
                                                         QJsonDocument::Compact)));
            QVERIFY2(fit.value(QStringLiteral("scrollWidth")).toDouble()
                             <= fit.value(QStringLiteral("clientWidth")).toDouble(),
                     qPrintable(what));
        }
    }
}

void TestPreviewGrid::tallPageShowsNoScrollBarButScrolls()
{
    // A page taller than its tile, its player on top: no scroll bar inside the tile (it would
    // take the page's width and cover the player's edge), and the wheel still scrolls.
    TinyPageServer server(
            "<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">"
            "<video controls style=\"width:100%;height:200px;background:#000\"></video>"
            "<div style=\"height:3000px;background:linear-gradient(#fff,#136)\">More</div>"
            "</body></html>");
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const PreviewTileInfo info{
            QStringLiteral("tall"), QStringLiteral("Tall page"), QStringLiteral("16x9"),
            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()))};
    auto grid = makeGrid({info}, QSize(600, 500));
    PreviewTile *t = grid->tileAt(0);
    SPIN_VERIFY(t->isLoaded() && t->isFitted(), kLoadTimeoutMs);
    hover(t, true); // in use: live, as under the user's pointer
    const QString bars = QStringLiteral(
            "(function () { var d = document.documentElement;"
            "  return { bar: window.innerWidth - d.clientWidth, height: d.scrollHeight,"
            "    shown: d.clientHeight, y: window.scrollY }; })()");
    QVariantMap before = tileJs(t, bars).toMap();
    const QString what = QString::fromUtf8(
            QJsonDocument::fromVariant(before).toJson(QJsonDocument::Compact));
    QVERIFY2(before.value(QStringLiteral("height")).toDouble()
                     > before.value(QStringLiteral("shown")).toDouble() * 2,
             qPrintable(what));
    QVERIFY2(before.value(QStringLiteral("bar")).toDouble() == 0, qPrintable(what));
    QCOMPARE(before.value(QStringLiteral("y")).toDouble(), 0.0);

    // The wheel over the page scrolls it.
    QWidget *target = t->view()->focusProxy() ? t->view()->focusProxy() : t->view();
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    // A busy renderer may drop a wheel that comes before it is ready for input: sent again
    // until the page moves (hidden bars must not stop it from moving at all).
    bool scrolled = false;
    for (int attempt = 0; attempt < 20 && !scrolled; ++attempt) {
        QWheelEvent wheel(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(target, &wheel);
        scrolled = spinUntil(
                [&] { return tileJs(t, bars).toMap().value(QStringLiteral("y")).toDouble() > 0; },
                500);
    }
    QVERIFY2(scrolled, "the wheel did not scroll the page");
    hover(t, false);
}

void TestPreviewGrid::allTilesOnScreenWhenTheyFit_data()
{
    QTest::addColumn<int>("tiles");
    QTest::addColumn<QSize>("size");
    for (int tiles : {4, 6, 9, 16})
        QTest::addRow("%d at 1600x1000", tiles) << tiles << QSize(1600, 1000);
    for (int tiles : {4, 6, 9})
        QTest::addRow("%d at 1280x720", tiles) << tiles << QSize(1280, 720);
    // The grid's own area in a 1280 x 850 window (QA: one row of 4 and a second page).
    QTest::newRow("6 at 880x600") << 6 << QSize(880, 600);
}

void TestPreviewGrid::allTilesOnScreenWhenTheyFit()
{
    QFETCH(int, tiles);
    QFETCH(QSize, size);
    auto grid = makeGrid(previews(tiles), size);
    QVERIFY(grid->allTilesFit());
    QCOMPARE(grid->pageCount(), 1);
    SPIN_COMPARE(grid->scrollArea()->verticalScrollBar()->maximum(), 0, 5000);
    // The tiles fill the area one way or the other, not a band of it.
    QRect used;
    for (PreviewTile *t : tilesOf(grid.get()))
        used |= t->geometry();
    const QSize area = grid->scrollArea()->viewport()->size();
    QVERIFY2(used.width() > area.width() * 0.85 || used.height() > area.height() * 0.85,
             qPrintable(QStringLiteral("%1x%2 of %3x%4")
                                .arg(used.width())
                                .arg(used.height())
                                .arg(area.width())
                                .arg(area.height())));
    for (PreviewTile *t : tilesOf(grid.get())) {
        // A tile may be shorter than its page, but shows most of it.
        const int natural = t->sizeForWidth(t->width()).height() - t->chromeHeight();
        QVERIFY(t->height() - t->chromeHeight() >= natural * GridLayout::GridShownPart - 1);
        QVERIFY2(wholeOnScreen(grid.get(), t), qPrintable(t->key()));
        QVERIFY2(t->width() >= PreviewGrid::minimumTileWidth(t->heightPerWidth()),
                 qPrintable(QString::number(t->width())));
        QVERIFY(t->hasView()); // all on screen: every page loads at once
    }
    qInfo("%d tiles in %dx%d: %d columns of %d x %d px", tiles, size.width(), size.height(),
          grid->columnCount(), grid->tileAt(0)->width(), grid->tileAt(0)->height());
    WAIT_LOADED(grid);
}

void TestPreviewGrid::manyTilesShowPages()
{
    // 28 tiles in a small window: pages of whole rows of usable tiles.
    auto grid = makeGrid(previews(28), QSize(1000, 700));
    QVERIFY(!grid->allTilesFit());
    QVERIFY(grid->pageCount() > 2);
    const int perPage = int(grid->shownTiles().size());
    QVERIFY(perPage >= grid->columnCount() && perPage % grid->columnCount() == 0);
    QCOMPARE(grid->pageCount(), (28 + perPage - 1) / perPage);
    auto *label = grid->findChild<QLabel *>(QStringLiteral("pageLabel"));
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("Page 1 of %1").arg(grid->pageCount()));
    // Exactly the tiles of the page show, whole, at a usable size; no scrolling.
    auto pageIs = [&](int page) {
        for (int i = 0; i < 28; ++i) {
            PreviewTile *t = grid->tileAt(i);
            const bool onPage = i / perPage == page;
            if (t->isVisible() != onPage || (onPage && !wholeOnScreen(grid.get(), t))
                || (onPage && t->width() < PreviewGrid::minimumTileWidth(t->heightPerWidth())))
                return false;
        }
        return grid->currentPage() == page;
    };
    QVERIFY(pageIs(0));
    QCOMPARE(grid->scrollArea()->verticalScrollBar()->maximum(), 0);
    // Tiles of other pages are not made ready before they are shown.
    for (int i = perPage; i < 28; ++i)
        QVERIFY2(!grid->tileAt(i)->hasView(), qPrintable(QString::number(i)));
    WAIT_LOADED_SHOWN(grid);

    // Page Down: the next page, its first tile current (the same place on the page).
    grid->setFocus();
    QTest::keyClick(grid.get(), Qt::Key_PageDown);
    QVERIFY(pageIs(1));
    QCOMPARE(label->text(), QStringLiteral("Page 2 of %1").arg(grid->pageCount()));
    QCOMPARE(grid->currentKey(), grid->tileAt(perPage)->key());
    QVERIFY(grid->tileAt(perPage)->hasView());
    // The page left behind costs nothing: its pages freeze.
    SPIN_VERIFY(
            [&] {
                for (int i = 0; i < perPage; ++i) {
                    if (!grid->tileAt(i)->isFrozen())
                        return false;
                }
                return true;
            }(),
            kLoadTimeoutMs);
    // The Next button, then the arrows across the page's edge.
    auto *next = grid->findChild<QToolButton *>(QStringLiteral("nextPageButton"));
    QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(pageIs(2));
    QTest::keyClick(grid.get(), Qt::Key_Left);
    QVERIFY(pageIs(1));
    QCOMPARE(grid->currentKey(), grid->tileAt(2 * perPage - 1)->key());
    QTest::keyClick(grid.get(), Qt::Key_PageUp);
    QVERIFY(pageIs(0));
    QCOMPARE(grid->currentKey(), grid->tileAt(perPage - 1)->key());
    QTest::keyClick(grid.get(), Qt::Key_End);
    QVERIFY(pageIs(grid->pageCount() - 1));
    QCOMPARE(grid->currentKey(), grid->tileAt(27)->key());
    QVERIFY(!next->isEnabled());
    // Enlarged and back: the same page.
    QTest::keyClick(grid.get(), Qt::Key_Return);
    QCOMPARE(grid->enlargedKey(), grid->tileAt(27)->key());
    QTest::keyClick(grid.get(), Qt::Key_Escape);
    QVERIFY(grid->enlargedKey().isEmpty());
    QVERIFY(pageIs(grid->pageCount() - 1));
    WAIT_LOADED_SHOWN(grid);
    SPIN_VERIFY(allShownFrozen(grid.get()), 20000);
    const QString path = QStringLiteral(PREVIEWDECK_GRID_SCREENSHOT_DIR)
            + QStringLiteral("/grid-paged.png");
    QVERIFY2(grid->grab().save(path), qPrintable(path));
    QTest::keyClick(grid.get(), Qt::Key_Home);
    QVERIFY(pageIs(0));

    // Fewer tiles (a larger window): one page, no page controls.
    grid->resize(1600, 1000);
    grid->setPreviews(previews(9));
    QCOMPARE(grid->pageCount(), 1);
    QVERIFY(!label->isVisible());
}

void TestPreviewGrid::marksShowAndRejectedHide()
{
    auto grid = makeGrid(m_infos.mid(0, 9), QSize(1600, 1000));
    // As the job page does through the store: what is asked is what is shown.
    QSignalSpy asked(grid.get(), &PreviewGrid::markRequested);
    QSignalSpy hideAsked(grid.get(), &PreviewGrid::hideRejectedRequested);
    connect(grid.get(), &PreviewGrid::markRequested, grid.get(),
            [g = grid.get()](const QString &key, TileMark mark) { g->setMark(key, mark); });
    connect(grid.get(), &PreviewGrid::hideRejectedRequested, grid.get(),
            [g = grid.get()](bool hide) { g->setHideRejected(hide); });
    grid->setFocus();
    QTRY_VERIFY(grid->hasFocus());

    // Keys on the current tile: F, X, the same key again clears, U clears.
    QTest::keyClick(grid.get(), Qt::Key_F);
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.last().at(1).value<TileMark>(), TileMark::Favourite);
    QCOMPARE(grid->tileAt(0)->mark(), TileMark::Favourite);
    QTest::keyClick(grid.get(), Qt::Key_F);
    QCOMPARE(grid->tileAt(0)->mark(), TileMark::None);
    QTest::keyClick(grid.get(), Qt::Key_X);
    QCOMPARE(grid->tileAt(0)->mark(), TileMark::Rejected);
    QTest::keyClick(grid.get(), Qt::Key_U);
    QCOMPARE(grid->tileAt(0)->mark(), TileMark::None);
    QTest::keyClick(grid.get(), Qt::Key_F);
    // Clicks on the headers' buttons.
    QTest::mouseClick(grid->tileAt(2)->header()->rejectButton(), Qt::LeftButton);
    QTest::mouseClick(grid->tileAt(5)->header()->rejectButton(), Qt::LeftButton);
    QTest::mouseClick(grid->tileAt(4)->header()->favouriteButton(), Qt::LeftButton);
    QCOMPARE(grid->tileAt(2)->mark(), TileMark::Rejected);
    QCOMPARE(grid->tileAt(4)->mark(), TileMark::Favourite);
    QCOMPARE(grid->currentKey(), grid->tileAt(4)->key()); // a click makes it current
    // A button shows the mark it was given, not its own click.
    grid->setMark(grid->tileAt(4)->key(), TileMark::None);
    QVERIFY(!grid->tileAt(4)->header()->favouriteButton()->isChecked());
    grid->setMark(grid->tileAt(4)->key(), TileMark::Favourite);
    QVERIFY(grid->tileAt(4)->header()->favouriteButton()->isChecked());

    WAIT_LOADED(grid);
    SPIN_VERIFY(allFrozen(grid.get()), 20000);
    const QString dir = QStringLiteral(PREVIEWDECK_GRID_SCREENSHOT_DIR);
    QString path = dir + QStringLiteral("/grid-marks.png");
    QVERIFY2(grid->grab().save(path), qPrintable(path));

    // Hide rejected (H): exactly the rejected tiles go, the others grow into their room.
    const int widthBefore = grid->tileAt(0)->width();
    QTest::keyClick(grid.get(), Qt::Key_H);
    QCOMPARE(hideAsked.count(), 1);
    QVERIFY(grid->hidesRejected());
    for (int i = 0; i < 9; ++i)
        QCOMPARE(grid->tileAt(i)->isVisible(), i != 2 && i != 5);
    QCOMPARE(grid->shownTiles().size(), 7);
    QVERIFY(grid->tileAt(0)->width() >= widthBefore);
    // Rejecting the current tile while hidden: it goes, the next one becomes current.
    grid->setCurrentKey(grid->tileAt(6)->key());
    QTest::keyClick(grid.get(), Qt::Key_X);
    QVERIFY(!grid->tileAt(6)->isVisible());
    QCOMPARE(grid->currentKey(), grid->tileAt(7)->key());
    // The arrows skip hidden tiles.
    QTest::keyClick(grid.get(), Qt::Key_Left);
    QCOMPARE(grid->currentKey(), grid->tileAt(4)->key());
    WAIT_LOADED_SHOWN(grid);
    SPIN_VERIFY(allShownFrozen(grid.get()), 20000);
    path = dir + QStringLiteral("/grid-marks-hidden.png");
    QVERIFY2(grid->grab().save(path), qPrintable(path));
    // The bar's check shows them again.
    auto *hide = grid->findChild<QCheckBox *>(QStringLiteral("hideRejectedBox"));
    QVERIFY(hide && hide->isChecked());
    QTest::mouseClick(hide, Qt::LeftButton);
    QVERIFY(!grid->hidesRejected());
    QCOMPARE(grid->shownTiles().size(), 9);
    // Off (a template's single preview): no mark buttons, no hiding, keys do nothing.
    grid->setMarksEnabled(false);
    QVERIFY(!grid->tileAt(0)->header()->favouriteButton()->isVisible());
    QVERIFY(!hide->isVisible());
    const int before = int(asked.count());
    QTest::keyClick(grid.get(), Qt::Key_F);
    QCOMPARE(asked.count(), before);
}

void TestPreviewGrid::focusViewShowsThePickedLarge()
{
    auto grid = makeGrid(m_infos.mid(0, 6), QSize(1600, 1000));
    grid->setFocus();
    QTRY_VERIFY(grid->hasFocus());
    const int gridWidth = grid->tileAt(1)->width();
    const int gridArea = gridWidth * grid->tileAt(1)->height();
    auto *compare = grid->findChild<QPushButton *>(QStringLiteral("compareButton"));
    QVERIFY(compare && compare->isVisible());
    QVERIFY(!compare->isEnabled());
    QCOMPARE(compare->text(), QStringLiteral("Compare selected (0)"));

    // Picked by the Compare check, by Ctrl+click on the tile, and by C (C again unpicks).
    QTest::mouseClick(grid->tileAt(1)->header()->compareBox(), Qt::LeftButton);
    PreviewTile *fourth = grid->tileAt(3);
    QTest::mouseClick(fourth, Qt::LeftButton, Qt::ControlModifier,
                      QPoint(fourth->width() / 2, fourth->height() - 6));
    QVERIFY(fourth->header()->compareBox()->isChecked());
    grid->setCurrentKey(grid->tileAt(5)->key());
    QTest::keyClick(grid.get(), Qt::Key_C);
    QTest::keyClick(grid.get(), Qt::Key_C);
    QCOMPARE(grid->pickedKeys(), QStringList({grid->tileAt(1)->key(), grid->tileAt(3)->key()}));
    QCOMPARE(compare->text(), QStringLiteral("Compare selected (2)"));

    // Compare: exactly those two, large, side by side, filling the area.
    QTest::mouseClick(compare, Qt::LeftButton);
    QCOMPARE(grid->focusedKeys(), grid->pickedKeys());
    for (int i = 0; i < 6; ++i)
        QCOMPARE(grid->tileAt(i)->isVisible(), i == 1 || i == 3);
    PreviewTile *a = grid->tileAt(1);
    PreviewTile *b = grid->tileAt(3);
    // Larger than in the grid, and the whole page (grid tiles may show only most of it).
    QVERIFY2(a->width() * a->height() > gridArea * 1.3,
             qPrintable(QStringLiteral("%1x%2").arg(a->width()).arg(a->height())));
    QCOMPARE(a->height(), a->sizeForWidth(a->width()).height());
    QCOMPARE(a->y(), b->y());
    QVERIFY(a->x() < b->x());
    const QSize area = grid->scrollArea()->viewport()->size();
    QVERIFY(a->height() > area.height() * 0.85 || a->width() + b->width() > area.width() * 0.85);
    QVERIFY(wholeOnScreen(grid.get(), a) && wholeOnScreen(grid.get(), b));
    auto *back = grid->findChild<QPushButton *>(QStringLiteral("backButton"));
    QVERIFY(back && back->isVisible());
    QVERIFY(!compare->isVisible());
    QVERIFY(grid->findChild<QLabel *>(QStringLiteral("focusTitle"))
                    ->text()
                    .contains(a->info().title));
    // Both play together there.
    SPIN_VERIFY(a->isLoaded() && b->isLoaded() && a->isFitted() && b->isFitted(), kLoadTimeoutMs);
    SPIN_VERIFY(a->isFrozen() && b->isFrozen(), 20000);
    const QString path = QStringLiteral(PREVIEWDECK_GRID_SCREENSHOT_DIR)
            + QStringLiteral("/focus-2.png");
    QVERIFY2(grid->grab().save(path), qPrintable(path));
    QTest::keyClick(grid.get(), Qt::Key_Space);
    for (PreviewTile *t : {a, b})
        SPIN_COMPARE(evalJs(t->page(), kMediaState).toMap().value(QStringLiteral("paused")).toInt(),
                     0, 10000);
    QTest::keyClick(grid.get(), Qt::Key_Space);
    // The arrows move between the two.
    QCOMPARE(grid->currentKey(), a->key());
    QTest::keyClick(grid.get(), Qt::Key_Right);
    QCOMPARE(grid->currentKey(), b->key());
    QCOMPARE(grid->focusedKeys().size(), 2);

    // Esc: the grid as it was, picks kept.
    QTest::keyClick(grid.get(), Qt::Key_Escape);
    QVERIFY(grid->focusedKeys().isEmpty());
    for (int i = 0; i < 6; ++i)
        QVERIFY(grid->tileAt(i)->isVisible());
    QCOMPARE(grid->tileAt(1)->width(), gridWidth);
    QCOMPARE(grid->pickedKeys().size(), 2);
    QVERIFY(!back->isVisible());

    // One picked: Enter shows it large alone.
    QTest::mouseClick(grid->tileAt(3)->header()->compareBox(), Qt::LeftButton);
    QCOMPARE(grid->pickedKeys(), QStringList({a->key()}));
    QTest::keyClick(grid.get(), Qt::Key_Return);
    QCOMPARE(grid->focusedKeys(), QStringList({a->key()}));
    QVERIFY(a->height() > area.height() * 0.8);
    QTest::mouseClick(back, Qt::LeftButton);
    QVERIFY(grid->focusedKeys().isEmpty());
}

void TestPreviewGrid::nothingPlaysByItself()
{
    // The sandbox's pages: paused after load, and muted as the grid is.
    auto grid = makeGrid(m_infos.mid(0, 4), QSize(1600, 1000));
    QVERIFY(!grid->isPlayingAll());
    QVERIFY(grid->isMutedAll());
    WAIT_LOADED(grid);
    SPIN_VERIFY(allFitted(grid.get()), 20000);
    for (PreviewTile *t : tilesOf(grid.get())) {
        const QVariantMap media = tileJs(t, kMediaState).toMap();
        QVERIFY(media.value(QStringLiteral("n")).toInt() >= 1);
        QCOMPARE(media.value(QStringLiteral("paused")), media.value(QStringLiteral("n")));
        QCOMPARE(media.value(QStringLiteral("muted")), media.value(QStringLiteral("n")));
    }

    // A page that wants to play by itself (autoplay, and play() from a timer) does not.
    const QUrl media = m_sandbox->baseUrl().resolved(
            QUrl(QStringLiteral("/media/renders/9x16/a.mp4")));
    TinyPageServer server(
            QStringLiteral("<!DOCTYPE html><html><body>"
                           "<video autoplay muted loop playsinline src=\"%1\"></video>"
                           "<video id=\"later\" muted loop src=\"%1\"></video><script>"
                           "setTimeout(function () { document.getElementById('later').play(); },"
                           " 300);</script></body></html>")
                    .arg(media.toString())
                    .toUtf8());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const PreviewTileInfo info{
            QStringLiteral("autoplay"), QStringLiteral("Autoplay"), QStringLiteral("9x16"),
            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()))};
    auto other = makeGrid({info}, QSize(500, 900));
    PreviewTile *t = other->tileAt(0);
    SPIN_VERIFY(t->isLoaded() && t->isFitted(), kLoadTimeoutMs);
    hover(t, true); // keep it live to watch it
    spinUntil([] { return false; }, 1500);
    const QVariantMap state = evalJs(t->page(), kMediaState).toMap();
    QCOMPARE(state.value(QStringLiteral("n")).toInt(), 2);
    QCOMPARE(state.value(QStringLiteral("paused")).toInt(), 2);
    QCOMPARE(evalJs(t->page(), QStringLiteral("document.querySelector('video').autoplay")),
             QVariant(false));
    // Play all plays it all the same.
    other->playAll();
    SPIN_COMPARE(evalJs(t->page(), kMediaState).toMap().value(QStringLiteral("paused")).toInt(), 0,
                 10000);
}

void TestPreviewGrid::playPauseRestartMuteTogether()
{
    auto grid = makeGrid(m_infos.mid(0, 4), QSize(1600, 1000));
    WAIT_LOADED(grid);
    SPIN_VERIFY(allFitted(grid.get()), 20000);
    // Paused and left alone: frozen.
    SPIN_VERIFY(allFrozen(grid.get()), 10000);
    const QList<PreviewTile *> tiles = tilesOf(grid.get());
    auto everyTile = [&](const std::function<bool(const QVariantMap &)> &test) {
        for (PreviewTile *t : tiles) {
            if (!test(tileJs(t, kMediaState).toMap()))
                return false;
        }
        return true;
    };
    auto value = [](const QVariantMap &m, const char *key) {
        return m.value(QLatin1String(key)).toDouble();
    };

    grid->playAll();
    QVERIFY(grid->isPlayingAll());
    for (PreviewTile *t : tiles) {
        QVERIFY(!t->isFrozen());
        QCOMPARE(t->page()->lifecycleState(), QWebEnginePage::LifecycleState::Active);
    }
    // All play, and really advance.
    SPIN_VERIFY(everyTile([&](const QVariantMap &m) {
                    return value(m, "paused") == 0 && value(m, "minTime") > 1.5;
                }),
                20000);

    // Sound on while playing: they go on playing (no gesture needed for the grid's calls).
    grid->setMutedAll(false);
    SPIN_VERIFY(everyTile([&](const QVariantMap &m) {
                    return value(m, "muted") == 0 && value(m, "paused") == 0;
                }),
                10000);
    grid->setMutedAll(true);
    SPIN_VERIFY(everyTile([&](const QVariantMap &m) { return value(m, "muted") == value(m, "n"); }),
                10000);

    grid->pauseAll();
    QVERIFY(!grid->isPlayingAll());
    SPIN_VERIFY(everyTile([&](const QVariantMap &m) { return value(m, "paused") == value(m, "n"); }),
                10000);
    SPIN_VERIFY(allFrozen(grid.get()), 10000);
    // Frozen pages stay where they were paused.
    const double pausedAt = value(tileJs(tiles.at(0), kMediaState).toMap(), "minTime");
    QVERIFY2(pausedAt > 0.3, qPrintable(QString::number(pausedAt)));

    // Restart: from the start, all together. Paused ones were at least 1.5 s in; the loop is 3 s.
    grid->restartAll();
    QVERIFY(grid->isPlayingAll());
    SPIN_VERIFY(everyTile([&](const QVariantMap &m) { return value(m, "paused") == 0; }), 5000);
    for (PreviewTile *t : tiles) {
        const QVariantMap m = tileJs(t, kMediaState).toMap();
        QVERIFY2(value(m, "maxTime") < 1.2, qPrintable(QString::number(value(m, "maxTime"))));
        QCOMPARE(value(m, "paused"), 0.0);
    }
    grid->pauseAll();
    SPIN_VERIFY(allFrozen(grid.get()), 10000);
}

void TestPreviewGrid::keysAndBarDrivePlayback()
{
    auto grid = makeGrid(m_infos.mid(0, 2), QSize(900, 800));
    WAIT_LOADED(grid);
    SPIN_VERIFY(allFitted(grid.get()), 20000);
    auto *play = grid->findChild<QToolButton *>(QStringLiteral("playAllButton"));
    auto *pause = grid->findChild<QToolButton *>(QStringLiteral("pauseAllButton"));
    auto *restart = grid->findChild<QToolButton *>(QStringLiteral("restartAllButton"));
    auto *mute = grid->findChild<QToolButton *>(QStringLiteral("muteAllButton"));
    QVERIFY(play && pause && restart && mute);
    for (QToolButton *b : {play, pause, restart, mute}) {
        QVERIFY(b->isVisible());
        QVERIFY(!b->icon().isNull());
        QVERIFY(!b->text().isEmpty());
    }
    QCOMPARE(play->text(), QStringLiteral("Play all"));
    QVERIFY(mute->isChecked());
    PreviewTile *t = grid->tileAt(0);

    // Space plays and pauses, M mutes, R restarts: only when the grid has the focus.
    grid->setFocus();
    QTest::keyClick(grid.get(), Qt::Key_Space);
    QVERIFY(grid->isPlayingAll());
    QVERIFY(t->wantsPlaying());
    SPIN_COMPARE(tileJs(t, kMediaState).toMap().value(QStringLiteral("paused")).toInt(), 0, 10000);
    QTest::keyClick(grid.get(), Qt::Key_Space);
    QVERIFY(!grid->isPlayingAll());
    QVERIFY(!t->wantsPlaying());
    QTest::keyClick(grid.get(), Qt::Key_M);
    QVERIFY(!grid->isMutedAll());
    QVERIFY(!mute->isChecked());
    QTest::keyClick(grid.get(), Qt::Key_M);
    QVERIFY(grid->isMutedAll());
    QTest::keyClick(grid.get(), Qt::Key_M, Qt::ControlModifier); // not ours
    QVERIFY(grid->isMutedAll());
    QTest::keyClick(grid.get(), Qt::Key_R);
    QVERIFY(grid->isPlayingAll());
    QTest::keyClick(grid.get(), Qt::Key_Space);
    QVERIFY(!grid->isPlayingAll());

    // Keys typed into a page are the page's, even those it leaves unused.
    hover(t, true);
    QWidget *content = t->view()->focusProxy();
    content->setFocus();
    SPIN_VERIFY(content->hasFocus(), 5000);
    QTest::keyClick(content, Qt::Key_M);
    QTest::keyClick(content, Qt::Key_R);
    spinUntil([] { return false; }, 200);
    QVERIFY(grid->isMutedAll());
    QVERIFY(!grid->isPlayingAll());
    hover(t, false);

    // The bar.
    QTest::mouseClick(play, Qt::LeftButton);
    QVERIFY(grid->isPlayingAll());
    QVERIFY(grid->hasFocus()); // so that Space works next
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!grid->isPlayingAll());
    QTest::mouseClick(restart, Qt::LeftButton);
    QVERIFY(grid->isPlayingAll());
    QVERIFY(t->wantsPlaying());
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(!grid->isMutedAll());
    QVERIFY(!t->isMuted());
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(grid->isMutedAll());
    grid->pauseAll();
}

void TestPreviewGrid::offScreenAndPausedTilesAreFrozen()
{
    // Twelve tiles in a low window: pages of one row.
    auto grid = makeGrid(m_infos.mid(0, 12), QSize(1000, 600));
    QVERIFY(!grid->allTilesFit());
    QVERIFY(grid->pageCount() > 1);
    const QList<PreviewTile *> tiles = tilesOf(grid.get());
    WAIT_LOADED_SHOWN(grid);
    // Only the tiles of the page shown have a page at all.
    for (PreviewTile *t : tiles)
        QCOMPARE(t->hasView(), t->isVisible());
    // Paused on screen: frozen.
    SPIN_VERIFY(
            [&] {
                for (PreviewTile *t : grid->shownTiles()) {
                    if (t->page()->lifecycleState() != QWebEnginePage::LifecycleState::Frozen)
                        return false;
                }
                return true;
            }(),
            10000);

    // Play all: what is on screen plays.
    grid->playAll();
    for (PreviewTile *t : grid->shownTiles())
        QCOMPARE(t->page()->lifecycleState(), QWebEnginePage::LifecycleState::Active);
    PreviewTile *top = tiles.first();
    SPIN_COMPARE(evalJs(top->page(), kMediaState).toMap().value(QStringLiteral("paused")).toInt(),
                 0, 10000);

    // The last page: the first page freezes, the last one loads and plays.
    grid->setCurrentPage(grid->pageCount() - 1);
    PreviewTile *last = tiles.last();
    QVERIFY(last->isOnScreen());
    QVERIFY(!top->isOnScreen());
    SPIN_COMPARE(top->page()->lifecycleState(), QWebEnginePage::LifecycleState::Frozen, 10000);
    SPIN_VERIFY(last->isLoaded() && last->isFitted(), kLoadTimeoutMs);
    QCOMPARE(last->page()->lifecycleState(), QWebEnginePage::LifecycleState::Active);
    SPIN_COMPARE(evalJs(last->page(), kMediaState).toMap().value(QStringLiteral("paused")).toInt(),
                 0, 10000);
    // Shown after a freeze out of view, a page is pictured again and not black.
    grid->pauseAll();
    SPIN_VERIFY(last->isFrozen(), 15000);
    QVERIFY2(colourPixels(last->grab().toImage()) > 1000,
             qPrintable(QString::number(colourPixels(last->grab().toImage()))));
    grid->playAll();

    // Back to the first page: it plays again.
    grid->setCurrentPage(0);
    SPIN_COMPARE(top->page()->lifecycleState(), QWebEnginePage::LifecycleState::Active, 5000);
    SPIN_COMPARE(evalJs(top->page(), kMediaState).toMap().value(QStringLiteral("paused")).toInt(),
                 0, 10000);
    SPIN_COMPARE(last->page()->lifecycleState(), QWebEnginePage::LifecycleState::Frozen, 10000);

    // An enlarged tile stays live; the others freeze.
    grid->pauseAll();
    grid->enlarge(top->key());
    SPIN_COMPARE(tiles.at(1)->page()->lifecycleState(), QWebEnginePage::LifecycleState::Frozen,
                 10000);
    spinUntil([] { return false; }, 1000);
    QCOMPARE(top->page()->lifecycleState(), QWebEnginePage::LifecycleState::Active);
    grid->showGrid();
    SPIN_COMPARE(top->page()->lifecycleState(), QWebEnginePage::LifecycleState::Frozen, 10000);
}

// QA saw the playback buttons with words and without at one width, as pages came and went.
void TestPreviewGrid::barWordsDependOnItsWidthAlone()
{
    GridBar bar;
    bar.show();
    auto *play = bar.findChild<QToolButton *>(QStringLiteral("playAllButton"));
    QVERIFY(play);
    bool sawWords = false;
    bool sawIcons = false;
    for (int width = 400; width <= 1600; width += 10) {
        bar.resize(width, bar.sizeHint().height());
        bar.setPage(0, 1);
        const Qt::ToolButtonStyle onePage = play->toolButtonStyle();
        bar.setPage(1, 3);
        const Qt::ToolButtonStyle paged = play->toolButtonStyle();
        bar.setFocusView(true, QStringLiteral("Avatar bubble"));
        const Qt::ToolButtonStyle focused = play->toolButtonStyle();
        bar.setFocusView(false, QString());
        QVERIFY2(onePage == paged && paged == focused, qPrintable(QString::number(width)));
        sawWords |= onePage == Qt::ToolButtonTextBesideIcon;
        sawIcons |= onePage == Qt::ToolButtonIconOnly;
    }
    QVERIFY(sawWords && sawIcons); // narrow bars do lose the words
}

void TestPreviewGrid::screenshots_data()
{
    QTest::addColumn<int>("tiles");
    QTest::addColumn<QSize>("size");
    QTest::newRow("4") << 4 << QSize(1600, 1000);
    QTest::newRow("6") << 6 << QSize(1600, 1000);
    QTest::newRow("9") << 9 << QSize(1600, 1000);
    QTest::newRow("16") << 16 << QSize(1600, 1000);
    QTest::newRow("6-1280x720") << 6 << QSize(1280, 720);
}

// For a person to look at: the grid paused (still pictures of frozen pages) and playing.
void TestPreviewGrid::screenshots()
{
    QFETCH(int, tiles);
    QFETCH(QSize, size);
    auto grid = makeGrid(m_infos.mid(0, tiles), size);
    WAIT_LOADED(grid);
    SPIN_VERIFY(allFitted(grid.get()), 20000);
    SPIN_VERIFY(allFrozen(grid.get()), 20000);
    // Freezing moved neither the focus nor the selection.
    QCOMPARE(grid->currentKey(), grid->tileAt(0)->key());
    const QString dir = QStringLiteral(PREVIEWDECK_GRID_SCREENSHOT_DIR);
    QImage shot = grid->grab().toImage();
    // Every picture shows its player's frame, not a black or grey box.
    for (PreviewTile *t : tilesOf(grid.get())) {
        const double contrast = pictureContrast(t);
        QVERIFY2(contrast > 12,
                 qPrintable(QStringLiteral("%1: %2").arg(t->info().title).arg(contrast)));
    }
    QVERIFY(inkPixels(shot) > 20000);
    QString path = dir
            + QStringLiteral("/grid-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY2(shot.save(path), qPrintable(path));

    grid->playAll();
    SPIN_VERIFY(
            [&] {
                for (PreviewTile *t : tilesOf(grid.get())) {
                    const QVariantMap m = evalJs(t->page(), kMediaState).toMap();
                    if (m.value(QStringLiteral("paused")).toInt() != 0
                        || m.value(QStringLiteral("minTime")).toDouble() < 1.0)
                        return false;
                }
                return true;
            }(),
            20000);
    spinUntil([] { return false; }, 300); // the frames show
    shot = grid->grab().toImage();
    path = dir
            + QStringLiteral("/grid-%1-playing.png")
                      .arg(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY2(shot.save(path), qPrintable(path));
    grid->pauseAll();
    SPIN_VERIFY(allFrozen(grid.get()), 10000);
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
