// How the main window behaves around the form: the wheel, "New video", its size on the screen.

#include "window/appcontroller.h"
#include "embeddedsandbox.h"
#include "engine.h"
#include "newvideo/linkstep.h"
#include "window/mainwindow.h"
#include "newvideo/newvideopage.h"
#include "newvideo/optionsform.h"
#include "store.h"
#include "newvideo/stylegallery.h"
#include "newvideo/styleselector.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

#include "linkedwebgrid.h"

using namespace PreviewDeck;

class TestWindowBehaviour : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void wheelOverAnUnfocusedFieldChangesNothing();
    void newVideoStartsEmpty();
    void windowNeverGrowsPastTheScreen();
    void quitAsksWhileAVideoIsOnItsWay();

private:
    MainWindow *window() const { return m_controller->window(); }
    void readProductPage();

    EmbeddedSandbox m_sandbox; // outlives the controller, which stops it
    std::unique_ptr<AppController> m_controller;
    QTemporaryDir m_dir;
};

void TestWindowBehaviour::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TestHelpers::useLinkedWebGrid();
    QVERIFY(m_dir.isValid());
}

void TestWindowBehaviour::init()
{
    AppController::Options options;
    options.forceSandbox = true;
    options.sandboxStepMs = 40;
    options.dataDirectory = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()));
    options.restoreWindowState = false;
    options.sandbox = &m_sandbox;
    m_controller = std::make_unique<AppController>(options);
    m_controller->start();
    // Later when the sandbox first waits for its port (another suite's sandbox on it).
    QTRY_VERIFY_WITH_TIMEOUT(window(), 10000);
    QVERIFY(QTest::qWaitForWindowExposed(window()));
}

void TestWindowBehaviour::cleanup()
{
    m_controller.reset();
}

void TestWindowBehaviour::readProductPage()
{
    auto *urlField = window()->findChild<QLineEdit *>(QStringLiteral("productUrl"));
    QVERIFY(urlField);
    urlField->setFocus();
    QTest::keyClicks(urlField, QStringLiteral("https://shop.example.com/products/desk-lamp"));
    QSignalSpy ready(window()->newVideoPage()->linkStep(), &LinkStep::linkReady);
    QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("readProductPage")),
                      Qt::LeftButton);
    QVERIFY(ready.wait(10000));
}

namespace {
// One notch down over the middle of the widget, delivered as the window system would: a
// widget whose focus policy takes focus from the wheel gets it first (as QApplication does).
bool wheelDown(QWidget *widget)
{
    if ((widget->focusPolicy() & Qt::WheelFocus) == Qt::WheelFocus)
        widget->setFocus(Qt::MouseFocusReason);
    const QPointF local(widget->width() / 2.0, widget->height() / 2.0);
    QWheelEvent event(local, widget->mapToGlobal(local), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
    return event.isAccepted();
}
} // namespace

void TestWindowBehaviour::wheelOverAnUnfocusedFieldChangesNothing()
{
    readProductPage();
    auto *form = window()->findChild<OptionsForm *>();
    QVERIFY(form);
    const QList<QComboBox *> combos = form->findChildren<QComboBox *>();
    QVERIFY(!combos.isEmpty());
    int checked = 0;
    for (QComboBox *combo : combos) {
        if (!combo->isVisible() || !combo->isEnabled() || combo->count() < 2)
            continue;
        combo->setCurrentIndex(0);
        window()->findChild<QLineEdit *>(QStringLiteral("productUrl"))->setFocus();
        wheelDown(combo);
        QCOMPARE(combo->currentIndex(), 0); // scrolling the form past it changed nothing
        ++checked;
    }
    QVERIFY(checked >= 2);
    for (QSpinBox *spin : form->findChildren<QSpinBox *>()) {
        if (!spin->isVisible() || !spin->isEnabled())
            continue;
        const int before = spin->value();
        wheelDown(spin);
        QCOMPARE(spin->value(), before);
    }

    // With focus (the user clicked into it), the wheel is the field's again.
    QComboBox *focused = nullptr;
    for (QComboBox *combo : combos)
        if (combo->isVisible() && combo->isEnabled() && combo->count() >= 2)
            focused = combo;
    QVERIFY(focused);
    focused->setCurrentIndex(0);
    focused->setFocus();
    QTRY_VERIFY(focused->hasFocus());
    wheelDown(focused);
    QCOMPARE(focused->currentIndex(), 1);
}

void TestWindowBehaviour::newVideoStartsEmpty()
{
    readProductPage();
    StyleSelector *styles = window()->findChild<OptionsForm *>()->styleSelector();
    styles->setSelectedStyles({QStringLiteral("VanillaTemplate"), QStringLiteral("LegoTemplate")});
    QCOMPARE(styles->selectedStyles().size(), 2);
    // The gallery searched and scrolled to its end, as after picking the last card.
    QTest::keyClicks(styles->filterField(), QStringLiteral("e"));
    styles->gallery()->scrollToBottom();
    QVERIFY(styles->gallery()->verticalScrollBar()->value() > 0);
    window()->newVideoPage()->linkStep()->editToggle()->click(); // the title has the focus

    QAction *newVideo = nullptr;
    for (QAction *action : window()->findChildren<QAction *>())
        if (action->shortcut() == QKeySequence(QKeySequence::New))
            newVideo = action;
    QVERIFY(newVideo);
    newVideo->trigger();

    auto *address = window()->findChild<QLineEdit *>(QStringLiteral("productUrl"));
    QVERIFY(address->text().isEmpty());
    QVERIFY(address->isVisible());
    QTRY_VERIFY(address->hasFocus());
    QVERIFY(!window()->newVideoPage()->linkStep()->hasLink());
    QVERIFY(styles->selectedStyles().isEmpty());
    QVERIFY(styles->filterField()->text().isEmpty());
    QCOMPARE(styles->gallery()->verticalScrollBar()->value(), 0);
    QCOMPARE(styles->gallery()->currentRow(), 0);
}

void TestWindowBehaviour::windowNeverGrowsPastTheScreen()
{
    const int available = window()->screen()->availableGeometry().height();
    // It opened within the screen, however large it was asked to be before.
    QVERIFY(window()->frameGeometry().height() <= available);
    window()->resize(900, available * 3 / 4);
    QTest::qWait(50);
    const int height = window()->height();
    // A job with many finished renders: one result panel each.
    Store *store = m_controller->engine()->store();
    JobRecord job;
    job.remoteId = QStringLiteral("00000000-0000-4000-8000-00000000abcd");
    job.name = QStringLiteral("Desk lamp");
    job.status = JobStatus::Done;
    const qint64 jobId = store->insertJob(job);
    QVERIFY(jobId);
    for (int i = 0; i < 12; ++i) {
        RenderRecord render;
        render.jobLocalId = jobId;
        render.mediaJob = QStringLiteral("media-%1").arg(i);
        render.visualStyle = QStringLiteral("VanillaTemplate");
        render.status = JobStatus::Failed;
        render.failedReason = QStringLiteral("Out of GPUs");
        QVERIFY(store->insertRender(render));
    }
    window()->showJob(jobId);
    QTest::qWait(200);
    // The twelve panels scroll inside the page; the window did not grow.
    QCOMPARE(window()->height(), height);
    QVERIFY(window()->frameGeometry().height() <= available);
}

void TestWindowBehaviour::quitAsksWhileAVideoIsOnItsWay()
{
    // The address field has the focus from the start: it is what a user types first.
    QTRY_VERIFY(window()->findChild<QLineEdit *>(QStringLiteral("productUrl"))->hasFocus());

    Store *store = m_controller->engine()->store();
    JobRecord job;
    job.remoteId = QStringLiteral("00000000-0000-4000-8000-00000000beef");
    job.status = JobStatus::Done;
    const qint64 jobId = store->insertJob(job);
    RenderRecord render;
    render.jobLocalId = jobId;
    render.mediaJob = QStringLiteral("media-1");
    render.status = JobStatus::Running;
    QVERIFY(store->insertRender(render));

    QMessageBox *box = nullptr;
    connect(window(), &MainWindow::quitConfirmationShown, this,
            [&box](QMessageBox *shown) { box = shown; });
    window()->requestQuit();
    QVERIFY(box);
    QVERIFY(box->text().contains(QLatin1String("still running")));
    QCOMPARE(box->defaultButton()->text(), QStringLiteral("&Keep Running"));
    box->defaultButton()->click(); // Enter keeps it running
    QTRY_VERIFY(!box || !box->isVisible());
    QVERIFY(window() && window()->isVisible());

    box = nullptr;
    window()->requestQuit();
    QVERIFY(box);
    for (QAbstractButton *button : box->buttons())
        if (button->text() == QLatin1String("&Quit"))
            button->click();
    QTRY_VERIFY(!m_controller->window()); // closed (and deleted): the app ends
}

QTEST_MAIN(TestWindowBehaviour)
#include "tst_windowbehaviour.moc"
