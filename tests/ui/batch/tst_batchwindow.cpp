// A batch in the desktop app, driven as a user would against the built-in sandbox: six product
// addresses (one shop blocks reading), three styles, the cost and one confirmation; the blocked
// product entered by hand; the board driven with the keyboard to pick tiles; the picks rendered
// after one confirmation and saved; the batch as one history entry that opens the board again
// after a restart. Saves screenshots next to the test binary.

#include "batch/batchboard.h"
#include "batch/batchfixdialog.h"
#include "batch/batchpage.h"
#include "batch/newbatchpage.h"
#include "batchprogress.h"
#include "batchrunner.h"
#include "embeddedsandbox.h"
#include "engine.h"
#include "grid/web/previewgrid.h"
#include "history/historymodel.h"
#include "history/historyview.h"
#include "linkedwebgrid.h"
#include "newvideo/optionsform.h"
#include "newvideo/styleselector.h"
#include "sandboxserver.h"
#include "requestcheck.h"
#include "serverconnection.h"
#include "spendguard.h"
#include "store.h"
#include "widgets/formmessages.h"
#include "window/appcontroller.h"
#include "window/mainwindow.h"
#include "appsettings.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;

namespace {

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
    QVERIFY2(widget->grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

bool accept(QMessageBox *box)
{
    if (!box)
        return false;
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole) {
            button->click();
            return true;
        }
    }
    return false;
}

const QStringList kStyles{QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate"),
                          QStringLiteral("DynamicProductTemplate")};

// A widget's new size hint climbs one parent per posted LayoutRequest (each handled request
// posts the next one up): as many rounds as there are widgets up to the window bring it there.
void flushLayoutRequests(QWidget *changed)
{
    for (QWidget *widget = changed; widget; widget = widget->parentWidget())
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

} // namespace

class TestBatchWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void batchFromAddressesToSavedPicks();
    void fileIntoItsOwnFolderAndAFailedRender();

private:
    void startController();
    MainWindow *window() const { return m_controller->window(); }
    Store *store() const { return m_controller->engine()->store(); }
    BatchProgress::Summary summary(qint64 batchId) const
    {
        const auto batch = store()->batch(batchId);
        return batch ? BatchProgress::summarize(*batch, *store()) : BatchProgress::Summary();
    }
    int renderPosts() const
    {
        return m_sandbox.server()->requestCount("POST", QStringLiteral("render_single_preview"));
    }

    QTemporaryDir m_dir;
    EmbeddedSandbox m_sandbox; // outlives the controller, which stops it
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<QSignalSpy> m_runnerIdle; // the runner's idle() since the controller started
};

void TestBatchWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TestHelpers::useLinkedWebGrid();
    QVERIFY(m_dir.isValid());
}

void TestBatchWindow::startController()
{
    AppController::Options options;
    options.forceSandbox = true;
    options.sandboxStepMs = 40;
    options.dataDirectory = m_dir.filePath(QStringLiteral("profile"));
    options.restoreWindowState = false;
    options.sandbox = &m_sandbox;
    m_controller = std::make_unique<AppController>(options);
    m_controller->settings()->setDownloadDirectory(m_dir.filePath(QStringLiteral("videos")));
    m_controller->settings()->setAutoDownload(true);
    // The spy is made as the connection opens (at once, or once the sandbox's port is let go:
    // another suite's sandbox may hold it), before the window carries unfinished batches on.
    m_runnerIdle.reset();
    connect(m_controller->connection(), &ServerConnection::opened, m_controller.get(), [this] {
        m_runnerIdle = std::make_unique<QSignalSpy>(m_controller->connection()->batchRunner(),
                                                    &BatchRunner::idle);
    });
    m_controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(window(), 10000);
    QVERIFY(m_runnerIdle);
    m_controller->engine()->spendGuard()->setReconcileGraceMs(100);
    window()->resize(1400, 900);
    QVERIFY(QTest::qWaitForWindowExposed(window()));
}

void TestBatchWindow::batchFromAddressesToSavedPicks()
{
    startController();
    // Ctrl+B opens the form, typing in the products field.
    QTest::keyClick(window(), Qt::Key_B, Qt::ControlModifier);
    NewBatchPage *form = window()->newBatchPage();
    QTRY_VERIFY(form->isVisible());
    QTRY_VERIFY(form->productsField()->hasFocus());
    const QStringList products{QStringLiteral("aurora-desk-lamp"),
                               QStringLiteral("oak-side-table"),
                               QStringLiteral("blocked-linen-throw"),
                               QStringLiteral("brass-mirror"),
                               QStringLiteral("wool-rug"),
                               QStringLiteral("ceramic-vase")};
    // Nothing that can be started: the notice is an error.
    QTest::keyClicks(form->productsField(), QStringLiteral("not an address"));
    QTRY_VERIFY(form->importMessage()->text().contains(QStringLiteral("url column")));
    QVERIFY(form->importMessage()->showsError());
    form->productsField()->clear();
    QTRY_VERIFY(!form->importMessage()->isVisibleTo(form));
    QStringList lines;
    for (const QString &product : products)
        lines << QStringLiteral("https://shop.example.com/products/%1").arg(product);
    lines << QStringLiteral("not an address");
    for (const QString &line : std::as_const(lines)) {
        QTest::keyClicks(form->productsField(), line);
        QTest::keyClick(form->productsField(), Qt::Key_Return);
    }
    QTRY_COMPARE(form->imported().rows.size(), 6);
    // The line that is no address is said next to the input, in words.
    QTRY_VERIFY(form->importMessage()->text().contains(QStringLiteral("Line 7")));
    QVERIFY(form->importMessage()->text().contains(QStringLiteral("6 products")));
    // The batch can start: the line left out is information, not painted as an error (also
    // right after an error in the same label, while the lines were typed).
    QVERIFY(!form->importMessage()->showsError());
    QVERIFY2(!form->importMessage()->styleSheet().contains(QLatin1String("#b3261e"))
                     && !form->importMessage()->styleSheet().contains(QLatin1String("#ff8a80")),
             qPrintable(form->importMessage()->styleSheet()));
    QVERIFY(!form->startButton()->isEnabled()); // no style yet
    form->options()->styleSelector()->setSelectedStyles(kStyles);
    QTRY_VERIFY(form->startButton()->isEnabled());
    // A long name, as people write them: the page's header is then the widest thing in the window.
    QTest::keyClicks(form->nameField(),
                     QStringLiteral("Spring catalogue for the living room, the garden, the kitchen "
                                    "and the reading corner"));
    // What it costs before anything is spent, next to the balance.
    // Its own sentence after the figures, as on the new-video page.
    QTRY_VERIFY2(form->costLabel()->text().contains(QStringLiteral("more</b>. Your balance: ")),
                 qPrintable(form->costLabel()->text()));
    QVERIFY(!form->costLabel()->text().contains(QStringLiteral("·")));
    QVERIFY2(form->costLabel()->text().contains(
                     QStringLiteral("6 products × 3 styles = 18 previews")),
             qPrintable(form->costLabel()->text()));
    saveScreenshot(window(), QStringLiteral("batch-form.png"));
    QCOMPARE(m_sandbox.server()->requestCount("POST", QStringLiteral("^/api/")), 0);

    // One confirmation for the batch; its default is Cancel.
    QSignalSpy shown(form, &NewBatchPage::confirmationShown);
    QSignalSpy started(form, &NewBatchPage::batchStarted);
    QTest::mouseClick(form->startButton(), Qt::LeftButton);
    QVERIFY(shown.wait(10000));
    auto *confirm = qobject_cast<QMessageBox *>(shown.first().first().value<QWidget *>());
    QVERIFY(confirm->text().contains(QStringLiteral("18 previews")));
    QCOMPARE(confirm->defaultButton(), confirm->button(QMessageBox::Cancel));
    QVERIFY2(confirm->buttons().first()->isEnabled(), qPrintable(confirm->text()));
    QVERIFY(accept(confirm));
    QTRY_COMPARE(started.size(), 1); // at once: the batch is recorded, then the runner starts
    const qint64 batchId = started.first().first().toLongLong();
    BatchPage *page = window()->batchPage();
    QTRY_VERIFY(page->isVisible());
    QCOMPARE(page->batchId(), batchId);
    BatchBoard *board = page->board();
    QCOMPARE(board->rowCount(), 6);

    // The blocked shop: the line says so, and the product is entered by hand.
    QTRY_VERIFY_WITH_TIMEOUT(
            board->rowWidget(2)->findChild<QPushButton *>(QStringLiteral("fixRow"))->isVisible(),
            30000);
    QVERIFY(board->rowWidget(2)
                    ->findChild<QLabel *>(QStringLiteral("rowStatus"))
                    ->text()
                    .contains(QStringLiteral("enter the product by hand"), Qt::CaseInsensitive));
    // The bar names the blocked shop as blocked, not as a product that is ready or failed.
    QTRY_VERIFY2(page->progressBar()->text().contains(QStringLiteral(" products ready, 1 blocked")),
                 qPrintable(page->progressBar()->text()));
    QTest::mouseClick(board->rowWidget(2)->findChild<QPushButton *>(QStringLiteral("fixRow")),
                      Qt::LeftButton);
    auto *fix = page->findChild<BatchFixDialog *>();
    QTRY_VERIFY(fix && fix->isVisible());
    fix->titleField()->setText(QStringLiteral("Linen Throw"));
    fix->descriptionField()->setPlainText(QStringLiteral("A soft throw of washed linen."));
    fix->imagesField()->setPlainText(QStringLiteral("https://shop.example.com/img/throw-1.jpg"));
    fix->accept(); // too few pictures: said at the field, nothing sent
    QVERIFY(fix->isVisible());
    // In the core's words, the check the import and the runner make too.
    const QList<InputProblem> problems = RequestCheck::linkParams(fix->product());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(fix->findChildren<FieldMessage *>().at(1)->text(), problems.first().message);
    fix->imagesField()->setPlainText(QStringLiteral("https://shop.example.com/img/throw-1.jpg\n"
                                                    "https://shop.example.com/img/throw-2.jpg\n"
                                                    "https://shop.example.com/img/throw-3.jpg"));
    fix->accept();

    // Every product's previews made: the header counts them.
    QTRY_COMPARE_WITH_TIMEOUT(summary(batchId).previewsReady, 18, 90000);
    QTRY_VERIFY(page->summaryLabel()->text().startsWith(QStringLiteral("18 of 18 previews ready")));
    QCOMPARE(m_sandbox.server()->requestCount("POST", QStringLiteral("preview_list_async")), 6);
    board->setCurrent(0, 0);
    QTRY_VERIFY(board->gridOfRow(0) && board->gridOfRow(1));
    QTRY_VERIFY_WITH_TIMEOUT(board->gridOfRow(0)->loadedCount() == 3
                                     && board->gridOfRow(1)->loadedCount() == 3,
                             60000);
    saveScreenshot(window(), QStringLiteral("batch-board.png"));

    // As narrow as the window goes: the Render button's text growing with the picks below must
    // not widen it.
    QCOMPARE(page->renderButton()->text(), QStringLiteral("&Render picks"));
    window()->resize(window()->minimumSizeHint().width(), window()->height());
    QTRY_COMPARE(window()->width(), window()->minimumSizeHint().width());
    const int narrowWidth = window()->width();

    // The keys: P picks, arrows move across lines and columns; two picks in one line.
    window()->activateWindow(); // after the hand-entry dialog
    board->setFocus();
    QTRY_VERIFY(board->hasFocus());
    QTest::keyClick(board, Qt::Key_P); // line 1, first column
    QTest::keyClick(board, Qt::Key_Down);
    QTest::keyClick(board, Qt::Key_Right);
    QTest::keyClick(board, Qt::Key_P); // line 2, second column
    QTest::keyClick(board, Qt::Key_Down);
    QTest::keyClick(board, Qt::Key_Right);
    QTest::keyClick(board, Qt::Key_Space); // line 3, third column
    QTest::keyClick(board, Qt::Key_Left);
    QTest::keyClick(board, Qt::Key_Left);
    QTest::keyClick(board, Qt::Key_P); // line 3, first column as well
    QTest::keyClick(board, Qt::Key_Down);
    QTest::keyClick(board, Qt::Key_P); // line 4, then unpicked again
    QTest::keyClick(board, Qt::Key_P);
    const auto picksOf = [this, batchId](int position) {
        QStringList styles;
        const Batch batch = *store()->batch(batchId);
        for (const BatchPick &pick : batch.rows.at(position).picks)
            styles << pick.visualStyle;
        styles.sort();
        return styles;
    };
    const QStringList columns = board->styles(); // in the order the styles were recorded
    QCOMPARE(columns.size(), 3);
    QCOMPARE(picksOf(0), QStringList{columns.at(0)});
    QCOMPARE(picksOf(1), QStringList{columns.at(1)});
    QStringList third{columns.at(2), columns.at(0)};
    third.sort();
    QCOMPARE(picksOf(2), third);
    QCOMPARE(picksOf(3), QStringList());
    QTRY_VERIFY(page->summaryLabel()->text().endsWith(QStringLiteral("· 4 picked")));
    QTRY_VERIFY2(page->renderButton()->text().startsWith(QStringLiteral("&Render 4 picks (")),
                 qPrintable(page->renderButton()->text()));
    // The new text reaches the window through posted layout requests, one widget up per pass:
    // once they are all through, a header that wanted more room would have widened the window.
    flushLayoutRequests(page->renderButton());
    flushLayoutRequests(page->summaryLabel());
    QCOMPARE(window()->width(), narrowWidth);
    window()->resize(1400, 900);
    QCOMPARE(renderPosts(), 0);

    // One confirmation listing what is rendered; then one render per pick, saved.
    QSignalSpy renderShown(page, &BatchPage::renderConfirmationShown);
    QTest::mouseClick(page->renderButton(), Qt::LeftButton);
    QVERIFY(renderShown.wait(10000));
    auto *renderBox = qobject_cast<QMessageBox *>(renderShown.first().first().value<QWidget *>());
    QCOMPARE(renderBox->defaultButton(), renderBox->button(QMessageBox::Cancel));
    QCOMPARE(renderBox->detailedText().split(QLatin1Char('\n')).size(), 4);
    QVERIFY(renderBox->detailedText().contains(QStringLiteral("Linen Throw — ")));
    // Named in the question itself, not only behind "Show Details".
    QCOMPARE(renderBox->informativeText().count(QStringLiteral("<li>")), 4);
    QVERIFY(renderBox->informativeText().contains(QStringLiteral("Linen Throw — ")));
    // The header's bar follows the renders (not the products, whose bar is full by now).
    QProgressBar *bar = page->progressBar();
    QCOMPARE(bar->value(), bar->maximum());
    QStringList barStates; // "value/maximum text", as the bar changed
    connect(bar, &QProgressBar::valueChanged, this, [bar, &barStates] {
        barStates
                << QStringLiteral("%1/%2 %3").arg(bar->value()).arg(bar->maximum()).arg(bar->text());
    });
    QVERIFY(accept(renderBox));
    QTRY_COMPARE_WITH_TIMEOUT(summary(batchId).picksDone, 4, 120000);
    QCOMPARE(renderPosts(), 4);
    QCOMPARE(summary(batchId).picksFailed, 0);
    const Batch finished = *store()->batch(batchId);
    for (const BatchRow &row : finished.rows) {
        for (const BatchPick &pick : row.picks) {
            const auto state = BatchProgress::pickState(row, pick, *store());
            QVERIFY2(QFile::exists(state.path), qPrintable(state.path));
        }
    }
    QTRY_COMPARE(barStates.value(barStates.size() - 1), QStringLiteral("4/4 4 of 4 videos saved"));
    // Shown while rendering, not only once all is done.
    QVERIFY2(QRegularExpression(QStringLiteral("^([0-3])/4 \\1 of 4 videos saved$"))
                     .match(barStates.first())
                     .hasMatch(),
             qPrintable(barStates.join(QStringLiteral(", "))));
    disconnect(bar, nullptr, this, nullptr);
    QTRY_VERIFY(!page->renderButton()->isEnabled());
    QCOMPARE(page->renderButton()->text(), QStringLiteral("&Render picks")); // not "0 picks"
    saveScreenshot(window(), QStringLiteral("batch-finished.png"));

    // One history entry for the batch (its six preview jobs are not listed one by one).
    HistoryModel *history = qobject_cast<HistoryModel *>(window()->historyView()->model());
    QVERIFY(history);
    QCOMPARE(history->rowCount(), 1);
    QVERIFY(history->rowOfBatch(batchId) == 0);
    QVERIFY(history->index(0)
                    .data(HistoryModel::TitleRole)
                    .toString()
                    .contains(QStringLiteral("Spring catalogue")));
    // Its credits are the whole batch's: every link, preview job and render the sandbox charged.
    QTRY_COMPARE(history->index(0).data(HistoryModel::CreditsUsedRole).toDouble(),
                 100.0 - m_sandbox.server()->credits());
    // "Previews" on the entry shows the board, as opening it does.
    window()->showNewVideo();
    window()->historyView()->selectJob(history->jobIdAt(0));
    QTest::mouseClick(window()->historyView()->previewsButton(), Qt::LeftButton);
    QTRY_VERIFY(window()->batchPage()->isVisible());
    // "Render another" on it too: another style is picked on the board, not on a job page.
    window()->showNewVideo();
    window()->historyView()->selectJob(history->jobIdAt(0));
    QVERIFY(window()->historyView()->renderAnotherButton()->isEnabled());
    QTest::mouseClick(window()->historyView()->renderAnotherButton(), Qt::LeftButton);
    QTRY_VERIFY(window()->batchPage()->isVisible());
    QCOMPARE(window()->batchPage()->batchId(), batchId);
    window()->activateWindow(); // after the confirmations
    QTRY_VERIFY(window()->batchPage()->board()->hasFocus());
    // The entry says the videos are saved: a download finishing refreshed it.
    QTRY_VERIFY2(history->index(0)
                         .data(HistoryModel::StatusTextRole)
                         .toString()
                         .endsWith(QStringLiteral("4 of 4 videos saved")),
                 qPrintable(history->index(0).data(HistoryModel::StatusTextRole).toString()));
    // One runner, the connection's: a new window keeps it (nothing is started twice).
    BatchRunner *runner = m_controller->connection()->batchRunner();
    QVERIFY(runner);
    QCOMPARE(window()->batchRunner(), runner);
    m_controller->recreateWindow();
    QTRY_VERIFY(window() && window()->isVisible());
    QCOMPARE(window()->batchRunner(), runner);

    // After a restart the entry opens the board again, picks and all; nothing bought again.
    m_controller.reset();
    startController();
    history = qobject_cast<HistoryModel *>(window()->historyView()->model());
    QCOMPARE(history->rowCount(), 1);
    window()->openFromHistory(history->jobIdAt(0));
    QTRY_VERIFY(window()->batchPage()->isVisible());
    QCOMPARE(window()->batchPage()->batchId(), batchId);
    QTRY_VERIFY(
            window()->batchPage()->summaryLabel()->text().endsWith(QStringLiteral("· 4 picked")));
    // The restarted sandbox logs afresh: the batch carried on without buying anything again.
    // The runner carried it on (its run() ends with idle()) and is idle: a purchase it had
    // started would have been in flight until answered, so its POST would be counted below.
    BatchRunner *restarted = m_controller->connection()->batchRunner();
    QTRY_VERIFY(!m_runnerIdle->isEmpty() && restarted->isIdle());
    QCOMPARE(m_sandbox.server()->requestCount("POST", QStringLiteral("^/api/")), 0);
}

// One product read from a file (through a file dialog that leaves the window running), a batch
// name that is no folder name, a render Creatify fails: what the header, the line and the
// report say.
void TestBatchWindow::fileIntoItsOwnFolderAndAFailedRender()
{
    m_controller.reset(); // the profile of the test before, carried on
    startController();
    QTest::keyClick(window(), Qt::Key_B, Qt::ControlModifier);
    NewBatchPage *form = window()->newBatchPage();
    QTRY_VERIFY(form->isVisible());
    // Before any product the hint is a sentence, and the balance one of its own.
    QTRY_VERIFY2(form->costLabel()->text().startsWith(
                         QStringLiteral("Paste product addresses or open a file first. Your "
                                        "balance: ")),
                 qPrintable(form->costLabel()->text()));

    const QString list = m_dir.filePath(QStringLiteral("one-product.csv"));
    {
        QFile file(list);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("url\nhttps://shop.example.com/products/oak-side-table\n");
    }
    // The dialog does not block: the click returns with it open, parented to the page.
    QSignalSpy formDialog(form, &NewBatchPage::fileDialogShown);
    QTest::mouseClick(form->findChild<QPushButton *>(QStringLiteral("openProductsFile")),
                      Qt::LeftButton);
    QCOMPARE(formDialog.size(), 1);
    auto *open = qobject_cast<QFileDialog *>(formDialog.first().first().value<QWidget *>());
    QVERIFY(open && open->isVisible());
    QCOMPARE(open->parentWidget(), form);
    open->selectFile(list);
    static_cast<QDialog *>(open)->accept(); // QFileDialog::accept(), as its Open button
    QTRY_COMPARE(form->imported().rows.size(), 1);
    QCOMPARE(form->nameField()->text(), QStringLiteral("one-product"));

    // A name that is no folder name still gets a folder of its own inside the video folder.
    form->nameField()->setText(QStringLiteral(".."));
    form->options()->styleSelector()->setSelectedStyles({kStyles.first()});
    QTRY_VERIFY(form->startButton()->isEnabled());
    QSignalSpy shown(form, &NewBatchPage::confirmationShown);
    QSignalSpy started(form, &NewBatchPage::batchStarted);
    QTest::mouseClick(form->startButton(), Qt::LeftButton);
    QVERIFY(shown.wait(10000));
    auto *confirm = qobject_cast<QMessageBox *>(shown.first().first().value<QWidget *>());
    QCOMPARE(confirm->defaultButton(), confirm->button(QMessageBox::Cancel));
    QVERIFY(accept(confirm));
    QTRY_COMPARE(started.size(), 1);
    const qint64 batchId = started.first().first().toLongLong();
    const QString videos = QDir::cleanPath(m_dir.filePath(QStringLiteral("videos")));
    const QString folder = QDir::cleanPath(store()->batch(batchId)->downloadDirectory);
    QVERIFY2(folder != videos && QFileInfo(folder).absolutePath() == videos, qPrintable(folder));

    // Its preview picked; Creatify fails the render.
    BatchPage *page = window()->batchPage();
    QTRY_VERIFY(page->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(summary(batchId).previewsReady, 1, 60000);
    QTRY_COMPARE(page->progressBar()->text(), QStringLiteral("1 of 1 products ready"));
    Sandbox::Fault fail;
    fail.kind = Sandbox::Fault::Kind::JobFailed;
    fail.method = "POST";
    fail.pathPattern = QStringLiteral("render_single_preview");
    fail.reason = QStringLiteral("Out of GPUs");
    m_sandbox.server()->addFault(fail);
    BatchBoard *board = page->board();
    window()->activateWindow(); // after the file dialog
    board->setFocus();
    QTRY_VERIFY(board->hasFocus());
    QTest::keyClick(board, Qt::Key_P);
    QTRY_VERIFY(page->renderButton()->isEnabled());
    QSignalSpy renderShown(page, &BatchPage::renderConfirmationShown);
    QTest::mouseClick(page->renderButton(), Qt::LeftButton);
    QVERIFY(renderShown.wait(10000));
    QVERIFY(accept(qobject_cast<QMessageBox *>(renderShown.first().first().value<QWidget *>())));
    QTRY_COMPARE_WITH_TIMEOUT(summary(batchId).picksFailed, 1, 60000);
    // The bar is full (nothing more will happen) and its words say why no video came.
    QTRY_COMPARE(page->progressBar()->text(), QStringLiteral("1 of 1 videos finished, 1 failed"));
    QCOMPARE(page->progressBar()->value(), page->progressBar()->maximum());
    QWidget *line = board->rowWidget(0);
    QTRY_VERIFY2(line->findChild<QLabel *>(QStringLiteral("rowStatus"))
                         ->text()
                         .contains(QStringLiteral(": Failed: Out of GPUs")),
                 qPrintable(line->findChild<QLabel *>(QStringLiteral("rowStatus"))->text()));
    QVERIFY(line->findChild<QPushButton *>(QStringLiteral("retryRow"))->isVisible());

    // Creatify took the failed render, so trying again is a new purchase: asked first, with its
    // cost; declining buys nothing, accepting buys it once and the video comes.
    QCOMPARE(renderPosts(), 1);
    QSignalSpy retryShown(page, &BatchPage::renderConfirmationShown);
    QTest::mouseClick(line->findChild<QPushButton *>(QStringLiteral("retryRow")), Qt::LeftButton);
    QVERIFY(retryShown.wait(10000));
    auto *retryBox = qobject_cast<QMessageBox *>(retryShown.last().first().value<QWidget *>());
    QVERIFY2(retryBox->text().startsWith(
                     QStringLiteral("Trying “Oak Side Table” again costs <b>4 credits</b>.")),
             qPrintable(retryBox->text()));
    QCOMPARE(retryBox->defaultButton(), retryBox->button(QMessageBox::Cancel));
    retryBox->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!retryBox->isVisible());
    QCOMPARE(renderPosts(), 1);
    QTest::mouseClick(line->findChild<QPushButton *>(QStringLiteral("retryRow")), Qt::LeftButton);
    QTRY_COMPARE(retryShown.size(), 2);
    QVERIFY(accept(qobject_cast<QMessageBox *>(retryShown.last().first().value<QWidget *>())));
    QTRY_COMPARE_WITH_TIMEOUT(summary(batchId).picksDone, 1, 60000);
    QCOMPARE(summary(batchId).picksFailed, 0);
    QCOMPARE(renderPosts(), 2);
    QTRY_COMPARE(page->progressBar()->text(), QStringLiteral("1 of 1 videos saved"));
    QCOMPARE(QDir(folder).entryList({QStringLiteral("*.mp4")}).size(), 1);

    // The report, through a save dialog that leaves the window running as well.
    QSignalSpy pageDialog(page, &BatchPage::fileDialogShown);
    QTest::mouseClick(page->exportButton(), Qt::LeftButton);
    QCOMPARE(pageDialog.size(), 1);
    auto *save = qobject_cast<QFileDialog *>(pageDialog.first().first().value<QWidget *>());
    QVERIFY(save && save->isVisible());
    const QString report = m_dir.filePath(QStringLiteral("report.csv"));
    save->selectFile(report);
    static_cast<QDialog *>(save)->accept(); // as its Save button
    QTRY_VERIFY(QFile::exists(report));
    saveScreenshot(window(), QStringLiteral("batch-failed-render.png"));
}

QTEST_MAIN(TestBatchWindow)
#include "tst_batchwindow.moc"
