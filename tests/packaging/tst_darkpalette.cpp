// The window under a dark desktop palette (Fusion, as a dark KDE or GNOME theme gives it): every
// visible label, button and field must stand out from what is behind it. Saves dark-*.png next
// to the test binary to look at.

#include "window/appcontroller.h"
#include "embeddedsandbox.h"
#include "appsettings.h"
#include "render/jobpage.h"
#include "window/mainwindow.h"
#include "newvideo/newvideopage.h"
#include "newvideo/optionsform.h"
#include "linkedwebgrid.h"
#include "grid/web/previewgrid.h"
#include "newvideo/styleselector.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QDialog>
#include <QApplication>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace PreviewDeck;

namespace {

QPalette darkPalette()
{
    // The colours of Breeze Dark, the common dark desktop palette on Linux.
    QPalette p;
    const QColor window(0x20, 0x23, 0x26), base(0x14, 0x16, 0x18), text(0xfc, 0xfc, 0xfc),
            button(0x29, 0x2c, 0x30), highlight(0x3d, 0xae, 0xe9), disabled(0x70, 0x74, 0x78);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    p.setColor(QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::Light, QColor(0x40, 0x44, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x35, 0x38, 0x3c));
    p.setColor(QPalette::Mid, QColor(0x1a, 0x1c, 0x1e));
    p.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x12));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

double luminance(QRgb rgb)
{
    auto channel = [](int v) {
        const double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(qRed(rgb)) + 0.7152 * channel(qGreen(rgb))
            + 0.0722 * channel(qBlue(rgb));
}

double contrast(QRgb a, QRgb b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

// The contrast of the text in `area` of a screenshot: its most frequent colour is the
// background, the pixel that differs most from it is the core of a glyph.
double textContrast(const QImage &shot, const QRect &area)
{
    QHash<QRgb, int> counts;
    const QRect r = area.intersected(shot.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            ++counts[shot.pixel(x, y) | 0xff000000];
    QRgb background = 0;
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            background = it.key();
        }
    double best = 1.0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        best = qMax(best, contrast(background, it.key()));
    return best;
}

struct Finding
{
    QString what;
    double ratio;
};

// Labels, buttons and fields with text, as the user sees them in the window's screenshot.
QList<Finding> checkContrast(QWidget *window, const QImage &shot, double minimum)
{
    QList<Finding> low;
    const qreal dpr = shot.devicePixelRatio();
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->visibleRegion().isEmpty())
            continue;
        QString text;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (!label->pixmap().isNull())
                continue;
            text = label->text();
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            text = button->text();
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            text = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
        } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
            // Rows drawn by the view's delegate (the history list, the style list).
            if (view->model() && view->model()->rowCount() > 0)
                text = QStringLiteral("%1 rows").arg(view->model()->rowCount());
        }
        text = text.trimmed();
        if (text.isEmpty())
            continue;
        const QRect local = w->visibleRegion().boundingRect();
        const QRect area(w->mapTo(window, local.topLeft()) * dpr, local.size() * dpr);
        const double ratio = textContrast(shot, area);
        const QString what = QStringLiteral("%1 \"%2\"")
                                     .arg(QString::fromLatin1(w->metaObject()->className()),
                                          text.left(50));
        qInfo("contrast %5.2f  %s", ratio, qPrintable(what));
        if (ratio < minimum)
            low.append({what, ratio});
    }
    return low;
}

} // namespace

class TestDarkPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void checkerFindsDarkText();
    void formIsReadable();
    void previewGridIsReadable();
    void settingsDialogIsReadable();

private:
    MainWindow *window() const { return m_controller->window(); }
    void verifyReadable(QWidget *widget, const QString &screenshotName);

    QTemporaryDir m_dir;
    EmbeddedSandbox m_sandbox; // outlives the controller, which stops it
    std::unique_ptr<AppController> m_controller;
};

void TestDarkPalette::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TestHelpers::useLinkedWebGrid();
    QVERIFY(m_dir.isValid());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(darkPalette());

    AppController::Options options;
    options.forceSandbox = true;
    options.sandboxStepMs = 40;
    options.dataDirectory = m_dir.filePath(QStringLiteral("data"));
    options.restoreWindowState = false;
    options.sandbox = &m_sandbox;
    m_controller = std::make_unique<AppController>(options);
    m_controller->settings()->setDownloadDirectory(m_dir.filePath(QStringLiteral("videos")));
    m_controller->start();
    // Later when the sandbox first waits for its port (another suite's sandbox on it).
    QTRY_VERIFY_WITH_TIMEOUT(window(), 10000);
    window()->resize(1400, 900);
    QVERIFY(QTest::qWaitForWindowExposed(window()));
}

void TestDarkPalette::cleanupTestCase()
{
    m_controller.reset();
}

void TestDarkPalette::verifyReadable(QWidget *widget, const QString &screenshotName)
{
    const QImage shot = widget->grab().toImage();
    const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + screenshotName;
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
    // 3:1 is WCAG's floor for any text a user has to read (4.5:1 for body text is the goal).
    const QList<Finding> low = checkContrast(widget, shot, 3.0);
    QStringList lines;
    for (const Finding &f : low)
        lines << QStringLiteral("%1 has contrast %2:1").arg(f.what).arg(f.ratio, 0, 'f', 2);
    QVERIFY2(low.isEmpty(), qPrintable(lines.join(QLatin1String("; "))));
}

void TestDarkPalette::checkerFindsDarkText()
{
    // The mistake this test is for: a colour fixed for a light theme.
    QWidget box;
    auto *fixed = new QLabel(QStringLiteral("Fixed dark grey"), &box);
    fixed->setStyleSheet(QStringLiteral("color: #404040"));
    auto *themed = new QLabel(QStringLiteral("Palette text"), &box);
    themed->move(0, 40);
    box.resize(200, 80);
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    const QList<Finding> low = checkContrast(&box, box.grab().toImage(), 3.0);
    QCOMPARE(low.size(), 1);
    QVERIFY(low.first().what.contains(QLatin1String("Fixed dark grey")));
}

void TestDarkPalette::formIsReadable()
{
    QCOMPARE(window()->palette().color(QPalette::Window), darkPalette().color(QPalette::Window));
    auto *url = window()->findChild<QLineEdit *>(QStringLiteral("productUrl"));
    QVERIFY(url);
    url->setFocus();
    QTest::keyClicks(url, QStringLiteral("https://shop.example.com/products/aurora-desk-lamp"));
    auto *read = window()->findChild<QPushButton *>(QStringLiteral("readProductPage"));
    QVERIFY(read);
    QTest::mouseClick(read, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window()->findChild<QLineEdit *>(QStringLiteral("linkTitle"))->text(),
                              QStringLiteral("Aurora Desk Lamp"), 10000);
    window()->newVideoPage()->options()->styleSelector()->setSelectedStyles(
            {QStringLiteral("DynamicProductTemplate"), QStringLiteral("FullScreenTemplate")});
    QTest::qWait(200); // let the cost and messages settle before the screenshot
    verifyReadable(window(), QStringLiteral("dark.png"));
}

void TestDarkPalette::previewGridIsReadable()
{
    auto *generate = window()->findChild<QPushButton *>(QStringLiteral("generatePreviews"));
    QVERIFY(generate);
    QTRY_VERIFY(generate->isEnabled());
    QSignalSpy requested(window()->newVideoPage(), &NewVideoPage::previewsRequested);
    QTest::mouseClick(generate, Qt::LeftButton);
    QVERIFY(requested.wait(10000));
    PreviewGrid *grid = TestHelpers::webGrid(window()->jobPage()->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(grid->loadedCount(), 2, 60000);
    QTest::qWait(500); // let the pages paint
    verifyReadable(window(), QStringLiteral("dark-grid.png"));
}

void TestDarkPalette::settingsDialogIsReadable()
{
    Q_EMIT window()->settingsRequested();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window()->findChild<QDialog *>()) && dialog->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    verifyReadable(dialog, QStringLiteral("dark-settings.png"));
    dialog->reject();
}

QTEST_MAIN(TestDarkPalette)
#include "tst_darkpalette.moc"
