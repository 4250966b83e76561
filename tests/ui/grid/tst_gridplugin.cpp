// The web grid as the application gets it: a plugin loaded with the first grid, so that the
// application starts without Qt WebEngine. This program links no WebEngine of its own.

#include "grid/comparisongrid.h"
#include "coretesthelpers.h"
#include "grid/gridloader.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QOpenGLContext>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace PreviewDeck;

namespace {

bool webEngineLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return false;
    return maps.readAll().contains("libQt6WebEngineCore");
}

// Pixels of the grid that are neither white nor the window background: page content.
int pagePixels(QWidget *grid)
{
    const QImage image = grid->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QRgb background = grid->palette().color(QPalette::Window).rgb();
    int n = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QRgb p = image.pixel(x, y);
            n += (p != background && qGray(p) < 200) ? 1 : 0;
        }
    }
    return n;
}

} // namespace

class TestGridPlugin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startsWithoutWebEngine();
    void missingPluginIsSaidInWords();
    void pluginGridLoadsPreviews();

private:
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    QList<PreviewTileInfo> m_infos;
};

void TestGridPlugin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_sandbox = std::make_unique<Sandbox::SandboxServer>();
    m_sandbox->setStepIntervalMs(20);
    QVERIFY(m_sandbox->listen());
    ApiClient client;
    TestHelpers::pointAt(&client, *m_sandbox);
    const QStringList styles = {QStringLiteral("DynamicProductTemplate"),
                                QStringLiteral("VlogTemplate")};
    const QList<Preview> previews = TestHelpers::finishedPreviews(&client, styles);
    QCOMPARE(previews.size(), styles.size());
    for (const Preview &p : previews)
        m_infos.append({p.mediaJob, p.visualStyle, p.aspectRatio, p.url});
}

void TestGridPlugin::startsWithoutWebEngine()
{
    QVERIFY(!webEngineLoaded());
    QVERIFY(!QOpenGLContext::globalShareContext());
}

void TestGridPlugin::missingPluginIsSaidInWords()
{
    QTemporaryDir empty;
    qputenv("PREVIEWDECK_PLUGIN_DIR", QFile::encodeName(empty.path()));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("cannot load the web grid")));
    std::unique_ptr<ComparisonGrid> grid(GridLoader::create(nullptr));
    QVERIFY(grid);
    auto *label = grid->findChild<QLabel *>(QStringLiteral("gridUnavailable"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QLatin1String("could not be loaded")),
             qPrintable(label->text()));
    QVERIFY(label->text().contains(QLatin1String("Reinstalling PreviewDeck")));
    QVERIFY(!GridLoader::lastError().isEmpty());
    grid->setPreviews(m_infos);
    QCOMPARE(grid->tileCount(), m_infos.size());
    QCOMPARE(grid->loadedCount(), 0);
    QVERIFY(!webEngineLoaded());
}

void TestGridPlugin::pluginGridLoadsPreviews()
{
    qputenv("PREVIEWDECK_PLUGIN_DIR", QByteArrayLiteral(PREVIEWDECK_PLUGIN_BUILD_DIR));
    std::unique_ptr<ComparisonGrid> grid(GridLoader::create(nullptr));
    QVERIFY(grid);
    QVERIFY2(GridLoader::lastError().isEmpty(), qPrintable(GridLoader::lastError()));
    QVERIFY(!grid->findChild<QLabel *>(QStringLiteral("gridUnavailable")));
    QCOMPARE(grid->metaObject()->className(), "PreviewDeck::PreviewGrid");
    QVERIFY(webEngineLoaded());

    QSignalSpy allLoaded(grid.get(), &ComparisonGrid::allLoaded);
    grid->resize(640, 560);
    grid->setPreviews(m_infos);
    grid->show();
    QTRY_COMPARE_WITH_TIMEOUT(allLoaded.size(), 1, 60000);
    QCOMPARE(grid->tileCount(), m_infos.size());
    QCOMPARE(grid->loadedCount(), m_infos.size());
    // The pages are drawn, not only loaded (WebEngine came up without its usual start-up hook).
    QTRY_VERIFY_WITH_TIMEOUT(pagePixels(grid.get()) > 2000, 20000);

    // A second grid comes from the plugin already loaded.
    std::unique_ptr<ComparisonGrid> second(GridLoader::create(nullptr));
    QCOMPARE(second->metaObject()->className(), "PreviewDeck::PreviewGrid");
}

int main(int argc, char **argv)
{
    GridLoader::applyRecommendedChromiumFlags();
    QApplication app(argc, argv);
    TestGridPlugin test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gridplugin.moc"
