// The batch board against real preview pages served by a sandbox on loopback: a long board
// makes web tiles only for the lines near the viewport, and the keys move across lines and
// columns and pick tiles.

#include "batch/batchboard.h"
#include "grid/web/previewgrid.h"
#include "grid/web/previewtile.h"
#include "grid/web/tileheader.h"
#include "linkedwebgrid.h"
#include "uiresultsfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <QWebEngineView>

using namespace PreviewDeck;

class TestBatchBoard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void longBoardMakesTilesOnlyNearTheViewport();
    void keysMoveAcrossLinesAndColumnsAndPick();
    void clickOnALineHeaderGivesTheBoardTheKeys();
    void focusInATilePageLeavesTheKeysWithTheBoard();

    void arrowKeysRestyleOnlyTheLinesTheyMoveBetween();

private:
    QList<BoardRow> rows(int count) const;
    // Every line whose grid exists is within reach of the viewport.
    bool gridsOnlyNearViewport(const BatchBoard &board) const;

    EngineFixture m_fixture;
    QList<PreviewTileInfo> m_previews; // one product's three previews, real pages
    QStringList m_styles{QStringLiteral("VanillaTemplate"), QStringLiteral("FullScreenTemplate"),
                         QStringLiteral("DynamicProductTemplate")};
};

void TestBatchBoard::initTestCase()
{
    TestHelpers::useLinkedWebGrid();
    QVERIFY(m_fixture.setUp(QStringLiteral("board")));
    const QString link = m_fixture.createLink();
    QVERIFY(!link.isEmpty());
    const qint64 job = m_fixture.previewsDone(link, m_styles);
    QVERIFY(job > 0);
    for (const PreviewRecord &preview : m_fixture.engine->store()->previews(job))
        m_previews << PreviewTileInfo{preview.visualStyle, preview.visualStyle, preview.aspectRatio,
                                      preview.url};
    QCOMPARE(m_previews.size(), 3);
}

void TestBatchBoard::cleanupTestCase()
{
    m_fixture.tearDown();
}

QList<BoardRow> TestBatchBoard::rows(int count) const
{
    QList<BoardRow> list;
    for (int i = 0; i < count; ++i) {
        BoardRow row;
        row.position = i;
        row.title = QStringLiteral("Product %1").arg(i + 1);
        row.status = QStringLiteral("Previews ready");
        row.kind = BoardRow::Kind::Ready;
        row.previews = m_previews;
        list << row;
    }
    return list;
}

bool TestBatchBoard::gridsOnlyNearViewport(const BatchBoard &board) const
{
    const int top = board.scrollArea()->verticalScrollBar()->value();
    const int height = board.scrollArea()->viewport()->height();
    // The board keeps lines up to 1.5 viewports away (so scrolling a little reloads nothing).
    const QRect reach(0, top - 3 * height / 2 - 1, 1, height * 4 + 2);
    for (int i = 0; i < board.rowCount(); ++i) {
        const QWidget *line = board.rowWidget(i);
        if (board.gridOfRow(i) && !QRect(0, line->y(), 1, line->height()).intersects(reach)) {
            qWarning("line %d has a grid but is far from the viewport", i);
            return false;
        }
    }
    return true;
}

void TestBatchBoard::longBoardMakesTilesOnlyNearTheViewport()
{
    BatchBoard board;
    board.resize(1200, 800);
    board.setStyles(m_styles);
    board.setRows(rows(100));
    board.show();
    QVERIFY(QTest::qWaitForWindowExposed(&board));
    QTRY_VERIFY(board.liveGridCount() > 0);
    const auto webViews = [&board] { return board.findChildren<QWebEngineView *>().size(); };
    // The first lines, and only lines near the viewport: a handful of web views, not 300.
    QVERIFY(board.gridOfRow(0));
    QVERIFY2(board.liveGridCount() <= 6, qPrintable(QString::number(board.liveGridCount())));
    QTRY_VERIFY(webViews() > 0);
    QVERIFY2(webViews() <= 18, qPrintable(QString::number(webViews())));
    QVERIFY(gridsOnlyNearViewport(board));
    QVERIFY(!board.gridOfRow(50));

    // Scrolled to the middle: lines there get their grids, the first ones lose theirs.
    board.setFocus();
    board.setCurrent(50, 0);
    QTRY_VERIFY(board.gridOfRow(50));
    QTRY_VERIFY(!board.gridOfRow(0));
    QVERIFY(gridsOnlyNearViewport(board));
    QVERIFY2(board.liveGridCount() <= 6, qPrintable(QString::number(board.liveGridCount())));
    QTRY_VERIFY(webViews() <= 18);

    // End: the last line; still only a handful made.
    QTest::keyClick(&board, Qt::Key_End);
    QCOMPARE(board.currentRow(), 99);
    QTRY_VERIFY(board.gridOfRow(99));
    QTRY_VERIFY(!board.gridOfRow(50));
    QVERIFY(gridsOnlyNearViewport(board));
    QTRY_VERIFY(webViews() <= 18);
}

void TestBatchBoard::keysMoveAcrossLinesAndColumnsAndPick()
{
    BatchBoard board;
    board.resize(1200, 800);
    board.setStyles(m_styles);
    QList<BoardRow> list = rows(4);
    list[1].kind = BoardRow::Kind::Blocked; // a line without previews is passed through too
    list[1].previews.clear();
    board.setRows(list);
    board.show();
    QVERIFY(QTest::qWaitForWindowExposed(&board));
    board.setFocus();
    QTRY_VERIFY(board.hasFocus());
    QSignalSpy picks(&board, &BatchBoard::pickToggled);

    QCOMPARE(board.currentRow(), 0);
    QCOMPARE(board.currentStyle(), m_styles.at(0));
    QTest::keyClick(&board, Qt::Key_Right);
    QTest::keyClick(&board, Qt::Key_Right);
    QTest::keyClick(&board, Qt::Key_Right); // no fourth column
    QCOMPARE(board.currentStyle(), m_styles.at(2));
    auto *grid = TestHelpers::webGrid(board.gridOfRow(0));
    QTRY_VERIFY(grid);
    QCOMPARE(grid->currentKey(), m_styles.at(2));
    QTest::keyClick(&board, Qt::Key_P);
    QCOMPARE(picks.size(), 1);
    QCOMPARE(picks.at(0).at(0).toInt(), 0);
    QCOMPARE(picks.at(0).at(1).toString(), m_styles.at(2));
    QCOMPARE(picks.at(0).at(2).toBool(), true);
    // The page keeps the pick and answers: the tile's Pick check shows it.
    list[0].picked = QStringList{m_styles.at(2)};
    board.setRows(list);
    QVERIFY(grid->tile(m_styles.at(2))->isPickedForCompare());
    QCOMPARE(grid->tile(m_styles.at(2))->header()->compareBox()->text(), QStringLiteral("Pick"));
    QVERIFY(!grid->tile(m_styles.at(2))->renderButton()->isVisible());
    // Space on the picked tile unpicks it.
    QTest::keyClick(&board, Qt::Key_Space);
    QCOMPARE(picks.size(), 2);
    QCOMPARE(picks.at(1).at(2).toBool(), false);

    // Down: the blocked line has nothing to pick; the next one has.
    QTest::keyClick(&board, Qt::Key_Down);
    QCOMPARE(board.currentRow(), 1);
    QTest::keyClick(&board, Qt::Key_P);
    QCOMPARE(picks.size(), 2);
    QTest::keyClick(&board, Qt::Key_Down);
    QTest::keyClick(&board, Qt::Key_Left);
    QCOMPARE(board.currentRow(), 2);
    QCOMPARE(board.currentStyle(), m_styles.at(1));
    QTRY_VERIFY(board.gridOfRow(2));
    QCOMPARE(board.gridOfRow(2)->currentKey(), m_styles.at(1));
    QCOMPARE(grid->currentKey(), QString()); // one selection on the whole board
    QTest::keyClick(&board, Qt::Key_P);
    QCOMPARE(picks.size(), 3);
    QCOMPARE(picks.at(2).at(0).toInt(), 2);
    QCOMPARE(picks.at(2).at(1).toString(), m_styles.at(1));

    // A click on a tile's Pick check asks the same.
    auto *third = TestHelpers::webGrid(board.gridOfRow(3));
    QTRY_VERIFY(third);
    QTest::mouseClick(third->tile(m_styles.at(0))->header()->compareBox(), Qt::LeftButton);
    QCOMPARE(picks.size(), 4);
    QCOMPARE(picks.at(3).at(0).toInt(), 3);
    QCOMPARE(picks.at(3).at(2).toBool(), true);
    // Until the page answers, the check shows what the store has.
    QVERIFY(!third->tile(m_styles.at(0))->isPickedForCompare());
}

namespace {
// The widgets that were restyled (a style sheet set, or changed, on them).
class RestyleWatcher : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::StyleChange)
            restyled.insert(watched);
        return false;
    }
    QSet<QObject *> restyled;
};
} // namespace

// An arrow key restyles the line it leaves and the one it enters, not every line of the board.
void TestBatchBoard::arrowKeysRestyleOnlyTheLinesTheyMoveBetween()
{
    BatchBoard board;
    board.resize(1200, 800);
    board.setStyles(m_styles);
    board.setRows(rows(12));
    board.show();
    QVERIFY(QTest::qWaitForWindowExposed(&board));
    board.setFocus();
    QTRY_VERIFY(board.hasFocus());
    RestyleWatcher watcher;
    for (int i = 0; i < board.rowCount(); ++i)
        board.rowWidget(i)->installEventFilter(&watcher);

    QTest::keyClick(&board, Qt::Key_Right); // another column of the same line: no line changes
    QCOMPARE(board.currentStyle(), m_styles.at(1));
    QCOMPARE(watcher.restyled, QSet<QObject *>());
    QTest::keyClick(&board, Qt::Key_Down);
    QCOMPARE(board.currentRow(), 1);
    QCOMPARE(watcher.restyled, (QSet<QObject *>{board.rowWidget(0), board.rowWidget(1)}));
    // The same rows again (a store burst that changed nothing): no line is restyled.
    watcher.restyled.clear();
    board.setRows(rows(12));
    QCOMPARE(watcher.restyled, QSet<QObject *>());
}

// A click on a line's name or status selects the line and leaves the keys with the board, as a
// click on a tile or on empty board space does.
void TestBatchBoard::clickOnALineHeaderGivesTheBoardTheKeys()
{
    QWidget window;
    auto *elsewhere = new QLineEdit(&window);
    auto *board = new BatchBoard(&window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(elsewhere);
    layout->addWidget(board, 1);
    window.resize(1200, 800);
    board->setStyles(m_styles);
    QList<BoardRow> list = rows(3);
    list[1].kind = BoardRow::Kind::Blocked;
    list[1].previews.clear();
    list[1].status = QStringLiteral("The shop did not let its page be read.");
    board->setRows(list);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    board->setCurrent(0, 2);

    for (const QString &part : {QStringLiteral("rowTitle"), QStringLiteral("rowStatus")}) {
        elsewhere->setFocus();
        QTRY_VERIFY(elsewhere->hasFocus());
        const int row = part == QLatin1String("rowTitle") ? 1 : 2;
        auto *label = board->rowWidget(row)->findChild<QLabel *>(part);
        QVERIFY(label && label->isVisible());
        QTest::mouseClick(label, Qt::LeftButton, {}, QPoint(4, label->height() / 2));
        QTRY_VERIFY2(board->hasFocus(), qPrintable(part));
        QCOMPARE(board->currentRow(), row);
        QCOMPARE(board->currentStyle(), m_styles.at(2)); // the column stays
        QTest::keyClick(board, Qt::Key_Up);
        QCOMPARE(board->currentRow(), row - 1);
    }
}

void TestBatchBoard::focusInATilePageLeavesTheKeysWithTheBoard()
{
    BatchBoard board;
    board.resize(1200, 800);
    board.setStyles(m_styles);
    board.setRows(rows(3));
    board.show();
    QVERIFY(QTest::qWaitForWindowExposed(&board));
    QTRY_VERIFY(board.gridOfRow(1));
    // A click into a page focuses its web view (as Chromium does on a press), whether its tile
    // is the current one already or becomes it. The keys the user types next go to whatever
    // has the focus: they must move across the board, not scroll the page.
    QSignalSpy focusMoves(qApp, &QApplication::focusChanged);
    const auto clickInto = [&](int row, int column) {
        auto *page = board.rowWidget(row)->findChildren<QWebEngineView *>().value(column);
        if (!page)
            return false;
        QWidget *content = page->focusProxy() ? page->focusProxy() : page;
        focusMoves.clear();
        content->setFocus(Qt::MouseFocusReason);
        return QTest::qWaitFor([&] {
            return std::any_of(focusMoves.cbegin(), focusMoves.cend(),
                               [content](const QVariantList &m) {
                                   return m.at(1).value<QWidget *>() == content;
                               });
        });
    };
    const auto typeKey = [](Qt::Key key) {
        QTest::qWait(50); // let a focus hand-over settle, as between a click and a key
        QTest::keyClick(QApplication::focusWidget(), key);
    };

    const int last = int(m_styles.size()) - 1;
    board.setCurrent(1, last);
    QVERIFY(clickInto(1, last));
    typeKey(Qt::Key_Down);
    QCOMPARE(board.currentRow(), 2);
    QCOMPARE(board.currentStyle(), m_styles.last());

    QVERIFY(clickInto(0, 0));
    QTRY_COMPARE(board.currentRow(), 0);
    QCOMPARE(board.currentStyle(), m_styles.first());
    typeKey(Qt::Key_Right);
    QCOMPARE(board.currentStyle(), m_styles.at(1));
    typeKey(Qt::Key_Down);
    QCOMPARE(board.currentRow(), 1);
}

QTEST_MAIN(TestBatchBoard)
#include "tst_batchboard.moc"
