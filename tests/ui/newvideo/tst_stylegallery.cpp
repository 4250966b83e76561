// The style gallery of the new-video form: every offered style has a picture and a description,
// cards are picked with the mouse and the keyboard, styles not made for the aspect ratio cannot
// be picked, the search narrows the cards, and what is picked is what the sandbox is asked for.
// Saves screenshots of the form at 1600x1000 and 1280x720 next to the test binary.

#include "apienums.h"
#include "window/appcontroller.h"
#include "embeddedsandbox.h"
#include "engine.h"
#include "linkedwebgrid.h"
#include "newvideo/linkstep.h"
#include "window/mainwindow.h"
#include "newvideo/newvideopage.h"
#include "newvideo/optionsform.h"
#include "store.h"
#include "widgets/statustext.h"
#include "newvideo/stylecarddelegate.h"
#include "newvideo/stylegallery.h"
#include "newvideo/styleselector.h"

#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace PreviewDeck;

namespace {

const QString Vanilla = QStringLiteral("VanillaTemplate");
const QString SideBySide = QStringLiteral("SideBySideTemplate");
const QString Vlog = QStringLiteral("VlogTemplate");
const QString Dramatic = QStringLiteral("DramaticTemplate");

bool clickCard(StyleGallery *gallery, const QString &style)
{
    QListWidgetItem *card = gallery->itemForStyle(style);
    if (!card)
        return false;
    gallery->scrollToItem(card);
    const QRect rect = gallery->visualItemRect(card);
    if (!gallery->viewport()->rect().contains(rect.center()))
        return false;
    QTest::mouseClick(gallery->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    return true;
}

QStringList visibleStyles(const StyleGallery *gallery)
{
    QStringList styles;
    for (int i = 0; i < gallery->count(); ++i) {
        if (!gallery->item(i)->isHidden())
            styles << gallery->item(i)->data(StyleCardDelegate::StyleRole).toString();
    }
    return styles;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
    QVERIFY2(widget->grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

} // namespace

class TestStyleGallery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void everyOfferedStyleHasAPictureAndADescription_data();
    void everyOfferedStyleHasAPictureAndADescription();
    void picturesAreOnePerStyle();
    void clickPicksAndUnpicks();
    void keyboardMovesAndPicks();
    void stylesNotMadeForTheAspectRatioCannotBePicked();
    void searchNarrowsTheCards();
    void selectNoneUnpicksAll();
    void wheelScrollsWithoutTakingFocus();
    void pickedCardsAreWhatTheSandboxIsAskedFor();

private:
    MainWindow *window() const { return m_controller->window(); }

    QTemporaryDir m_dir;
    std::unique_ptr<StyleSelector> m_selector;
    EmbeddedSandbox m_sandbox; // outlives the controller, which stops it
    std::unique_ptr<AppController> m_controller;
};

void TestStyleGallery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TestHelpers::useLinkedWebGrid();
    QVERIFY(m_dir.isValid());
}

void TestStyleGallery::init()
{
    m_selector = std::make_unique<StyleSelector>();
    m_selector->setStyles(ApiEnums::visualStyles());
    m_selector->setAspectRatio(QStringLiteral("9x16"));
    m_selector->resize(800, 600);
    m_selector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_selector.get()));
}

void TestStyleGallery::cleanup()
{
    m_selector.reset();
    m_controller.reset();
}

void TestStyleGallery::everyOfferedStyleHasAPictureAndADescription_data()
{
    QTest::addColumn<QString>("style");
    for (const QString &style : ApiEnums::visualStyles())
        QTest::newRow(qPrintable(style)) << style;
}

void TestStyleGallery::everyOfferedStyleHasAPictureAndADescription()
{
    QFETCH(QString, style);
    const QImage picture(StyleCardDelegate::picturePath(style));
    QVERIFY2(!picture.isNull(), qPrintable(StyleCardDelegate::picturePath(style)));
    QCOMPARE(picture.width() * 9, picture.height() * 16);
    QVERIFY(picture.width() >= 240);

    const QString description = ApiEnums::visualStyleDescription(style);
    QVERIFY2(!description.isEmpty(), "no description");
    QVERIFY2(description.size() <= 80, qPrintable(description)); // one short sentence
    QVERIFY2(description.endsWith(QLatin1Char('.')), qPrintable(description));

    // The card shows both, and names the API value in its tooltip.
    const QListWidgetItem *card = m_selector->gallery()->itemForStyle(style);
    QVERIFY(card);
    QCOMPARE(card->text(), ApiEnums::visualStyleLabel(style));
    QCOMPARE(card->data(StyleCardDelegate::DescriptionRole).toString(), description);
    QVERIFY(card->toolTip().contains(style));
}

void TestStyleGallery::picturesAreOnePerStyle()
{
    QSet<QByteArray> seen;
    for (const QString &style : ApiEnums::visualStyles()) {
        QFile file(StyleCardDelegate::picturePath(style));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(style));
        const QByteArray hash = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1);
        QVERIFY2(!seen.contains(hash), qPrintable(style + QLatin1String(" repeats a picture")));
        seen.insert(hash);
    }
}

void TestStyleGallery::clickPicksAndUnpicks()
{
    StyleGallery *gallery = m_selector->gallery();
    QSignalSpy changed(m_selector.get(), &StyleSelector::selectionChanged);
    QVERIFY(clickCard(gallery, Vanilla));
    QCOMPARE(m_selector->selectedStyles(), QStringList{Vanilla});
    QVERIFY(clickCard(gallery, SideBySide));
    // The clicked card becomes the current one: the keyboard carries on from there.
    QCOMPARE(gallery->currentItem(), gallery->itemForStyle(SideBySide));
    QVERIFY(gallery->hasFocus());
    QTest::keyClick(gallery, Qt::Key_Right);
    QTest::keyClick(gallery, Qt::Key_Space);
    QVERIFY(m_selector->selectedStyles().contains(QStringLiteral("SimpleAvatarOverlayTemplate")));
    QTest::keyClick(gallery, Qt::Key_Space);
    // In the order the gallery shows them, as the request lists them.
    QCOMPARE(m_selector->selectedStyles(), (QStringList{SideBySide, Vanilla}));
    QVERIFY(changed.count() >= 2);
    QCOMPARE(m_selector->findChild<QLabel *>(QStringLiteral("styleSummary"))->text(),
             QStringLiteral("2 styles selected: Side by side, Vanilla"));
    QVERIFY(clickCard(gallery, Vanilla));
    QCOMPARE(m_selector->selectedStyles(), QStringList{SideBySide});
}

void TestStyleGallery::keyboardMovesAndPicks()
{
    StyleGallery *gallery = m_selector->gallery();
    gallery->setFocus();
    QTRY_VERIFY(gallery->hasFocus());
    QTest::keyClick(gallery, Qt::Key_Home);
    QCOMPARE(gallery->currentRow(), 0);
    QTest::keyClick(gallery, Qt::Key_Space);
    QTest::keyClick(gallery, Qt::Key_Right);
    QCOMPARE(gallery->currentRow(), 1);
    QTest::keyClick(gallery, Qt::Key_Space);
    const QStringList styles = ApiEnums::visualStyles();
    QCOMPARE(m_selector->selectedStyles(), (QStringList{styles.at(0), styles.at(1)}));

    // Down goes to the card below, one row of cards further.
    const int columns = gallery->viewport()->width() / gallery->gridSize().width();
    QVERIFY(columns >= 2);
    QTest::keyClick(gallery, Qt::Key_Down);
    QCOMPARE(gallery->currentRow(), 1 + columns);
    QTest::keyClick(gallery, Qt::Key_Space);
    QTest::keyClick(gallery, Qt::Key_Up);
    QTest::keyClick(gallery, Qt::Key_Space); // unpicks the second again
    QCOMPARE(m_selector->selectedStyles(), (QStringList{styles.at(0), styles.at(1 + columns)}));

    // From the search field, Down goes on to the cards.
    QLineEdit *filter = m_selector->filterField();
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("vlog"));
    QTest::keyClick(filter, Qt::Key_Down);
    QTRY_VERIFY(gallery->hasFocus());
    QTest::keyClick(gallery, Qt::Key_Space);
    QVERIFY(m_selector->selectedStyles().contains(Vlog));
}

void TestStyleGallery::stylesNotMadeForTheAspectRatioCannotBePicked()
{
    StyleGallery *gallery = m_selector->gallery();
    QVERIFY(clickCard(gallery, Dramatic)); // fine for tall videos
    QCOMPARE(m_selector->selectedStyles(), QStringList{Dramatic});

    m_selector->setAspectRatio(QStringLiteral("16x9"));
    QVERIFY(m_selector->selectedStyles().isEmpty()); // unpicked when the ratio changed
    QListWidgetItem *card = gallery->itemForStyle(Dramatic);
    QVERIFY(!gallery->isAvailable(card));
    QVERIFY2(card->toolTip().contains(QLatin1String("Not available for wide 16:9 videos")),
             qPrintable(card->toolTip()));
    QCOMPARE(card->data(StyleCardDelegate::ReasonRole).toString(), QStringLiteral("Tall 9:16 only"));
    // A style made for two ratios: the card and its tooltip name them alike, in the words the
    // template page uses (StatusText).
    QListWidgetItem *two = gallery->itemForStyle(QStringLiteral("TopBottomTemplate"));
    QVERIFY(two && !gallery->isAvailable(two));
    QCOMPARE(StatusText::aspectRatios({QStringLiteral("9x16"), QStringLiteral("1x1")}),
             QStringLiteral("tall 9:16 and square 1:1"));
    QCOMPARE(two->data(StyleCardDelegate::ReasonRole).toString(),
             QStringLiteral("Tall 9:16 and square 1:1 only"));
    QVERIFY2(two->toolTip().contains(QLatin1String("for tall 9:16 and square 1:1 videos only")),
             qPrintable(two->toolTip()));

    QVERIFY(clickCard(gallery, Dramatic));
    QVERIFY(m_selector->selectedStyles().isEmpty());
    gallery->setFocus();
    gallery->setCurrentItem(card);
    QTest::keyClick(gallery, Qt::Key_Space);
    QVERIFY(m_selector->selectedStyles().isEmpty());
    m_selector->setSelectedStyles({Dramatic, Vanilla});
    QCOMPARE(m_selector->selectedStyles(), QStringList{Vanilla});
    // Keyboard focus can still reach it (to read why), and move past it.
    QTest::keyClick(gallery, Qt::Key_Right);
    QCOMPARE(gallery->currentRow(), gallery->row(card) + 1);
}

void TestStyleGallery::searchNarrowsTheCards()
{
    StyleGallery *gallery = m_selector->gallery();
    QVERIFY(clickCard(gallery, Vanilla));
    QLineEdit *filter = m_selector->filterField();
    QTest::keyClicks(filter, QStringLiteral("green"));
    QCOMPARE(visibleStyles(gallery),
             (QStringList{QStringLiteral("DynamicGreenScreenEffect"),
                          QStringLiteral("GreenScreenEffectTemplate")}));
    // Descriptions count too: "split" is only in the top-and-bottom style's description.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("split"));
    QCOMPARE(visibleStyles(gallery), QStringList{QStringLiteral("TopBottomTemplate")});
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("no such look"));
    QVERIFY(visibleStyles(gallery).isEmpty());
    QVERIFY(m_selector->findChild<QLabel *>(QStringLiteral("noStyleMatches"))->isVisible());
    filter->clear();
    QCOMPARE(visibleStyles(gallery).size(), ApiEnums::visualStyles().size());
    QVERIFY(!m_selector->findChild<QLabel *>(QStringLiteral("noStyleMatches"))->isVisible());
    QCOMPARE(m_selector->selectedStyles(), QStringList{Vanilla}); // searching kept the pick
}

void TestStyleGallery::selectNoneUnpicksAll()
{
    auto *none = m_selector->findChild<QPushButton *>(QStringLiteral("clearStyles"));
    QVERIFY(none);
    QVERIFY(!none->isEnabled());
    m_selector->setSelectedStyles({Vanilla, SideBySide, Vlog});
    QCOMPARE(m_selector->selectedStyles().size(), 3);
    QVERIFY(none->isEnabled());
    QTest::mouseClick(none, Qt::LeftButton);
    QVERIFY(m_selector->selectedStyles().isEmpty());
    QVERIFY(!none->isEnabled());
}

void TestStyleGallery::wheelScrollsWithoutTakingFocus()
{
    StyleGallery *gallery = m_selector->gallery();
    m_selector->resize(800, 400);
    QTest::qWait(20);
    m_selector->filterField()->setFocus();
    QTRY_VERIFY(m_selector->filterField()->hasFocus());
    QVERIFY((gallery->focusPolicy() & Qt::WheelFocus) != Qt::WheelFocus);
    QWidget *viewport = gallery->viewport();
    const QPointF local(viewport->width() / 2.0, viewport->height() / 2.0);
    QWheelEvent wheel(local, viewport->mapToGlobal(local), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &wheel);
    QVERIFY(gallery->verticalScrollBar()->value() > 0); // it scrolled inside itself
    QVERIFY(m_selector->filterField()->hasFocus());
    QVERIFY(m_selector->selectedStyles().isEmpty());
}

void TestStyleGallery::pickedCardsAreWhatTheSandboxIsAskedFor()
{
    m_selector.reset();
    AppController::Options options;
    options.forceSandbox = true;
    options.sandboxStepMs = 40;
    options.dataDirectory = m_dir.filePath(QStringLiteral("app"));
    options.restoreWindowState = false;
    options.sandbox = &m_sandbox;
    m_controller = std::make_unique<AppController>(options);
    m_controller->start();
    // Later when the sandbox first waits for its port (another suite's sandbox on it).
    QTRY_VERIFY_WITH_TIMEOUT(window(), 10000);
    window()->resize(1600, 1000);
    QVERIFY(QTest::qWaitForWindowExposed(window()));

    // Before a product is read, the form says that comes first (QA: it asked for a style).
    auto *cost = window()->findChild<QLabel *>(QStringLiteral("costLabel"));
    QVERIFY2(cost->text().contains(QLatin1String("product page")), qPrintable(cost->text()));
    QVERIFY(cost->isVisible());
    // No empty band between the product's entry and the rest of the form.
    LinkStep *linkStep = window()->newVideoPage()->linkStep();
    QWidget *nameField = window()->newVideoPage()->findChild<QLineEdit *>(
            QStringLiteral("videoName"));
    QVERIFY(nameField);
    const int gap = nameField->mapTo(window(), QPoint(0, 0)).y()
            - linkStep->manualToggle()
                      ->mapTo(window(), QPoint(0, linkStep->manualToggle()->height()))
                      .y();
    QVERIFY2(gap < 60, qPrintable(QString::number(gap)));
    // Typing the product by hand: reading a page is not offered meanwhile.
    auto *readButton = window()->findChild<QPushButton *>(QStringLiteral("readProductPage"));
    linkStep->manualToggle()->setChecked(true);
    QVERIFY(!readButton->isEnabled());
    linkStep->manualToggle()->setChecked(false);
    QVERIFY(readButton->isEnabled());

    auto *urlField = window()->findChild<QLineEdit *>(QStringLiteral("productUrl"));
    urlField->setFocus();
    QTest::keyClicks(urlField, QStringLiteral("https://shop.example.com/products/desk-lamp"));
    QSignalSpy ready(window()->newVideoPage()->linkStep(), &LinkStep::linkReady);
    QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("readProductPage")),
                      Qt::LeftButton);
    QVERIFY(ready.wait(10000));
    // What was read stays named, and can be copied.
    auto *source = window()->findChild<QLabel *>(QStringLiteral("linkSource"));
    QVERIFY(source && source->isVisible());
    QCOMPARE(source->text(), QStringLiteral("https://shop.example.com/products/desk-lamp"));
    QVERIFY(source->textInteractionFlags() & Qt::TextSelectableByMouse);
    // The product read is one line (title, images, address), its details closed: the styles
    // get the form's height. "Edit details" opens them, the title ready to type in.
    auto *title = window()->findChild<QLineEdit *>(QStringLiteral("linkTitle"));
    QVERIFY(!title->isVisible());
    QTRY_VERIFY2(linkStep->height() <= linkStep->editToggle()->height() + 24,
                 qPrintable(QString::number(linkStep->height())));
    auto *summary = window()->findChild<QLabel *>(QStringLiteral("linkSummary"));
    QVERIFY2(summary->isVisible() && summary->text().startsWith(title->text()),
             qPrintable(summary->text()));
    const int collapsed = linkStep->height();
    QTest::mouseClick(linkStep->editToggle(), Qt::LeftButton);
    QTRY_VERIFY(title->isVisible());
    QTRY_VERIFY(title->hasFocus());
    QTRY_VERIFY(linkStep->height() > collapsed + 100);
    saveScreenshot(window(), QStringLiteral("screenshot-product-details.png"));
    QTest::mouseClick(linkStep->editToggle(), Qt::LeftButton);
    QTRY_COMPARE(linkStep->height(), collapsed);

    OptionsForm *form = window()->newVideoPage()->options();
    StyleSelector *selector = form->styleSelector();
    StyleGallery *gallery = selector->gallery();
    QVERIFY(clickCard(gallery, Vanilla));
    QVERIFY(clickCard(gallery, SideBySide));
    QTest::keyClicks(selector->filterField(), QStringLiteral("vlog"));
    QTest::keyClick(selector->filterField(), Qt::Key_Down);
    QTest::keyClick(gallery, Qt::Key_Space);
    selector->filterField()->clear();
    const QStringList expected = {SideBySide, Vanilla, Vlog}; // in the gallery's order
    QCOMPARE(form->request(QStringLiteral("link"), QStringLiteral("name")).visualStyles, expected);
    QTRY_VERIFY(window()->findChild<QLabel *>(QStringLiteral("costLabel"))
                        ->text()
                        .contains(QLatin1String("3 previews")));

    // The gallery gets the height left over, and the way on stays in view.
    auto *generateButton = window()->findChild<QPushButton *>(QStringLiteral("generatePreviews"));
    auto inView = [&](QWidget *w) {
        return w->isVisible()
                && window()->rect().contains(QRect(w->mapTo(window(), QPoint(0, 0)), w->size()));
    };
    QTest::qWait(50);
    saveScreenshot(window(), QStringLiteral("screenshot-gallery-1600x1000.png"));
    QTRY_VERIFY(inView(generateButton));
    QVERIFY(inView(cost));
    QVERIFY2(gallery->viewport()->height() >= 2.5 * gallery->gridSize().height(),
             qPrintable(QStringLiteral("%1 for cards %2 high")
                                .arg(gallery->viewport()->height())
                                .arg(gallery->gridSize().height())));

    window()->resize(1280, 720);
    QTest::qWait(100);
    // As a user there would: the page scrolled to the gallery, a picked card in view, focus on it.
    window()->newVideoPage()->findChild<QScrollArea *>()->ensureWidgetVisible(gallery);
    gallery->setCurrentItem(gallery->itemForStyle(Vanilla));
    gallery->scrollToItem(gallery->currentItem());
    gallery->setFocus();
    QTest::qWait(100);
    QCOMPARE(window()->size(), QSize(1280, 720)); // the gallery did not make the window grow
    QVERIFY(gallery->isVisible());
    QVERIFY(gallery->height() >= gallery->minimumSizeHint().height());
    QVERIFY(inView(generateButton));
    QVERIFY(inView(cost));
    saveScreenshot(window(), QStringLiteral("screenshot-gallery-1280x720.png"));

    auto *generate = window()->findChild<QPushButton *>(QStringLiteral("generatePreviews"));
    QVERIFY(generate->isEnabled());
    QSignalSpy requested(window()->newVideoPage(), &NewVideoPage::previewsRequested);
    QTest::mouseClick(generate, Qt::LeftButton);
    QVERIFY(requested.wait(10000));
    const qint64 jobId = requested.first().first().toLongLong();
    // The sandbox made one preview per style it was asked for.
    Store *store = m_controller->engine()->store();
    QTRY_COMPARE_WITH_TIMEOUT(store->previews(jobId).size(), expected.size(), 20000);
    QStringList previewed;
    for (const PreviewRecord &preview : store->previews(jobId))
        previewed << preview.visualStyle;
    previewed.sort();
    QCOMPARE(previewed, expected);
}

QTEST_MAIN(TestStyleGallery)
#include "tst_stylegallery.moc"
