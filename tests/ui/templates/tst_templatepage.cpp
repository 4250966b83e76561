// The custom-template page against a real engine and a real sandbox: the generated form, the
// checks that keep bad input from being sent or charged, variants previewed side by side,
// rendering one of them, an unknown template and presets.

#include "mediaprobe.h"
#include "uiresultsfixture.h"

#include "widgets/formmessages.h"
#include "widgets/personapicker.h"
#include "linkedwebgrid.h"
#include "grid/web/previewgrid.h"
#include "grid/web/previewtile.h"
#include "grid/web/tileheader.h"
#include "templates/templatebrowser.h"
#include "templates/templatecomparison.h"
#include "render/renderresultspane.h"
#include "render/renderresultwidget.h"
#include "templates/templatepage.h"
#include "templates/variablesform.h"
#include "templates/variantlist.h"
#include "widgets/voicepicker.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QUuid>

using namespace PreviewDeck;

namespace {
constexpr int kLoadTimeoutMs = 60000;
}

class TestTemplatePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void formHasEditorPerType();
    void longTextGetsMultiLineEditor();
    void badInputIsNotSent_data();
    void badInputIsNotSent();
    void twoVariantsPreviewedAndOneRendered();
    void comparisonKeptAcrossRestart();
    void badSecondVariantIsShown();
    void unknownTemplateSaysNotFound();
    void notSurePreviewIsSentAgainOnlyWhenAsked();
    void presetsSaveAndLoad();

private:
    TemplatePage *makePage();
    bool restartEngine(); // a new engine on the same history, as after a restart
    QString templateIdNamed(TemplatePage *page, const QString &name) const;
    bool openTemplate(TemplatePage *page, const QString &name);
    static void setValue(VariablesForm *form, const QString &variable, const QString &value);
    static QString valueOf(VariablesForm *form, const QString &variable);
    void saveScreenshot(QWidget *widget, const QString &fileName);
    // The newest render panel shows the saved file with a picture, and its player, Open and
    // Show in folder inside the visible part of the page.
    static void checkFinishedPanel(TemplatePage *page, const QString &path);

    std::unique_ptr<EngineFixture> m_fx;
    std::unique_ptr<TemplatePage> m_page;
};

void TestTemplatePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TestHelpers::useLinkedWebGrid();
}

void TestTemplatePage::init()
{
    m_fx = std::make_unique<EngineFixture>();
    QVERIFY(m_fx->setUp(QStringLiteral("templates")));
    m_fx->engine->setDownloadDirectory(m_fx->dir.filePath(QStringLiteral("videos")));
}

void TestTemplatePage::cleanup()
{
    m_page.reset();
    m_fx.reset();
}

TemplatePage *TestTemplatePage::makePage()
{
    m_page = std::make_unique<TemplatePage>(m_fx->engine.get());
    m_page->resize(1600, 900); // about its size in a 1600 x 1000 window
    m_page->show();
    if (!QTest::qWaitForWindowExposed(m_page.get()))
        qWarning("page not exposed");
    return m_page.get();
}

QString TestTemplatePage::templateIdNamed(TemplatePage *page, const QString &name) const
{
    for (const CustomTemplate &t : page->browser()->templates())
        if (t.name == name)
            return t.id;
    return QString();
}

bool TestTemplatePage::openTemplate(TemplatePage *page, const QString &name)
{
    if (page->browser()->listWidget()->count() == 0) {
        QSignalSpy listed(page->browser(), &TemplateBrowser::loaded);
        if (!listed.wait(10000))
            return false;
    }
    const QString id = templateIdNamed(page, name);
    if (id.isEmpty())
        return false;
    QSignalSpy loaded(page, &TemplatePage::templateLoaded);
    page->browser()->selectTemplate(id);
    return loaded.wait(10000) && page->templateId() == id;
}

void TestTemplatePage::setValue(VariablesForm *form, const QString &variable, const QString &value)
{
    QWidget *editor = form->editor(variable);
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setText(value);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(editor))
        text->setPlainText(value);
    else if (auto *persona = qobject_cast<PersonaPicker *>(editor))
        persona->setCurrentId(value);
    else if (auto *voice = qobject_cast<VoicePicker *>(editor))
        voice->setCurrentId(value);
    else
        QFAIL("no editor for the variable");
}

QString TestTemplatePage::valueOf(VariablesForm *form, const QString &variable)
{
    return form->variant().values.value(variable);
}

void TestTemplatePage::saveScreenshot(QWidget *widget, const QString &fileName)
{
    const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + fileName;
    QVERIFY(widget->grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

void TestTemplatePage::checkFinishedPanel(TemplatePage *page, const QString &path)
{
    auto *results = page->findChild<RenderResultsPane *>();
    QVERIFY(results);
    QTRY_VERIFY(results->isVisible() && results->newest());
    RenderResultWidget *panel = results->newest();
    QTRY_COMPARE(panel->savedPath(), path);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->thumbnail().isNull(), 20000);
    QVERIFY(panel->thumbnail().width() > 16);
    const QList<QLabel *> labels = panel->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        QVERIFY2(!label->isVisible() || label->text() != QLatin1String("No picture yet"),
                 "the panel still says it has no picture");
    // Within the pane's viewport (not scrolled away) and within the page (not clipped by it).
    const auto shown = [page, results](const QWidget *w) {
        const QRect inViewport(w->mapTo(results->viewport(), QPoint()), w->size());
        const QRect inPage(w->mapTo(page, QPoint()), w->size());
        return w->isVisible() && results->viewport()->rect().contains(inViewport)
                && page->rect().contains(inPage);
    };
    QTRY_VERIFY2(shown(panel->playButton()) && shown(panel->openButton())
                         && shown(panel->showInFolderButton()),
                 qPrintable(QStringLiteral("pane %1 px high, panel wants %2")
                                    .arg(results->height())
                                    .arg(panel->sizeHint().height())));
}

void TestTemplatePage::formHasEditorPerType()
{
    TemplatePage *page = makePage();
    QTRY_COMPARE_WITH_TIMEOUT(page->browser()->listWidget()->count(), 3, 10000);
    QVERIFY(page->browser()->listWidget()->item(0)->text().contains(QStringLiteral(":")));

    QSet<VariableType> seen;
    const QList<CustomTemplate> templates = page->browser()->templates();
    for (const CustomTemplate &listed : templates) {
        QVERIFY2(openTemplate(page, listed.name), qPrintable(listed.name));
        VariablesForm *form = page->form();
        QVERIFY(!form->customTemplate().variables.isEmpty());
        for (const TemplateVariable &variable : form->customTemplate().variables) {
            seen.insert(variable.type);
            QWidget *editor = form->editor(variable.name);
            QVERIFY2(editor, qPrintable(variable.name));
            QVERIFY(form->message(variable.name));
            const QString fallback = VariablesForm::defaultValue(variable);
            switch (variable.type) {
            case VariableType::Text:
                QVERIFY(qobject_cast<QLineEdit *>(editor));
                QCOMPARE(valueOf(form, variable.name), fallback);
                break;
            case VariableType::Image:
                QVERIFY(qobject_cast<QLineEdit *>(editor));
                QVERIFY(form->thumbnail(variable.name));
                // The default image is fetched and shown as a thumbnail.
                QTRY_VERIFY_WITH_TIMEOUT(!form->thumbnail(variable.name)->pixmap().isNull(), 10000);
                break;
            case VariableType::Video:
            case VariableType::Audio:
                QVERIFY(qobject_cast<QLineEdit *>(editor));
                QVERIFY(!form->thumbnail(variable.name));
                QVERIFY(valueOf(form, variable.name).startsWith(QLatin1String("http")));
                break;
            case VariableType::Avatar: {
                auto *picker = qobject_cast<PersonaPicker *>(editor);
                QVERIFY(picker);
                QTRY_VERIFY_WITH_TIMEOUT(picker->isLoaded(), 10000);
                QVERIFY(picker->count() > 1);
                QCOMPARE(picker->currentId(), fallback);
                QVERIFY(!picker->currentText().contains(QLatin1String("Unknown")));
                break;
            }
            case VariableType::Voiceover: {
                auto *picker = qobject_cast<VoicePicker *>(editor);
                QVERIFY(picker);
                QTRY_VERIFY_WITH_TIMEOUT(picker->isLoaded(), 10000);
                QVERIFY(picker->comboBox()->count() > 1);
                QCOMPARE(picker->currentId(), fallback);
                QVERIFY(picker->playButton()->isEnabled()); // the accent has a sample
                break;
            }
            case VariableType::Unknown:
                QFAIL("the sandbox has no unknown variable types");
            }
        }
        // The cost is shown before anything is sent, and says it is an estimate.
        QVERIFY(page->costLabel()->text().contains(QLatin1String("About")));
        QVERIFY(page->previewButton()->text().contains(QLatin1String("1 credit")));
        QVERIFY(page->previewButton()->isEnabled());
    }
    QCOMPARE(seen,
             (QSet<VariableType>{VariableType::Text, VariableType::Image, VariableType::Video,
                                 VariableType::Audio, VariableType::Avatar,
                                 VariableType::Voiceover}));

    QVERIFY(openTemplate(page, QStringLiteral("Talking Head Promo")));
    auto *persona = qobject_cast<PersonaPicker *>(
            page->form()->editor(QStringLiteral("presenter")));
    QTRY_VERIFY_WITH_TIMEOUT(persona->isLoaded(), 10000);
    // Persona icons come from their preview images.
    QTRY_VERIFY_WITH_TIMEOUT(!persona->itemIcon(persona->currentIndex()).isNull(), 10000);
    saveScreenshot(page, QStringLiteral("template-form-avatar.png"));

    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    QTRY_VERIFY_WITH_TIMEOUT(
            !page->form()->thumbnail(QStringLiteral("product_image"))->pixmap().isNull(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->form()->thumbnail(QStringLiteral("logo"))->pixmap().isNull(),
                             10000);
    saveScreenshot(page, QStringLiteral("template-form.png"));
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral(".")), 0);
}

void TestTemplatePage::longTextGetsMultiLineEditor()
{
    CustomTemplate t;
    t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    t.name = QStringLiteral("Long");
    TemplateVariable story;
    story.name = QStringLiteral("story");
    story.type = VariableType::Text;
    story.properties.insert(QStringLiteral("content"),
                            QStringLiteral("A long paragraph of text that tells the story of the "
                                           "product, far too long for one line."));
    TemplateVariable title;
    title.name = QStringLiteral("title");
    title.type = VariableType::Text;
    title.properties.insert(QStringLiteral("content"), QStringLiteral("Short"));
    t.variables = {story, title};
    VariablesForm form(m_fx->engine.get());
    form.setTemplate(t);
    QVERIFY(qobject_cast<QPlainTextEdit *>(form.editor(QStringLiteral("story"))));
    QVERIFY(qobject_cast<QLineEdit *>(form.editor(QStringLiteral("title"))));
    QCOMPARE(form.variant().values.value(QStringLiteral("story")),
             story.properties.value(QStringLiteral("content")).toString());
}

void TestTemplatePage::badInputIsNotSent_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    const QString spotlight = QStringLiteral("Product Spotlight");
    const QString presenter = QStringLiteral("Talking Head Promo");
    QTest::newRow("required text cleared")
            << spotlight << QStringLiteral("headline") << QString() << QStringLiteral("required");
    QTest::newRow("image not http(s)")
            << spotlight << QStringLiteral("product_image")
            << QStringLiteral("ftp://example.com/lamp.jpg") << QStringLiteral("http");
    QTest::newRow("video not an address")
            << QStringLiteral("Square Showcase") << QStringLiteral("clip")
            << QStringLiteral("clip.mp4") << QStringLiteral("http");
    QTest::newRow("audio cleared is optional but bad address is not")
            << spotlight << QStringLiteral("music") << QStringLiteral("mailto:me@example.com")
            << QStringLiteral("http");
    QTest::newRow("avatar given an image address")
            << presenter << QStringLiteral("presenter")
            << QStringLiteral("https://example.com/ava.jpg") << QStringLiteral("avatar");
    QTest::newRow("voice given text") << presenter << QStringLiteral("voiceover")
                                      << QStringLiteral("Shop now") << QStringLiteral("voice");
    QTest::newRow("image that is not there")
            << spotlight << QStringLiteral("product_image")
            << QStringLiteral("SANDBOX/media/missing/nothing-here.jpg")
            << QStringLiteral("Nothing was found");
}

void TestTemplatePage::badInputIsNotSent()
{
    QFETCH(QString, templateName);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    value.replace(QLatin1String("SANDBOX"), m_fx->sandbox->baseUrl().toString());

    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, templateName));
    setValue(page->form(), variable, value);
    QCOMPARE(valueOf(page->form(), variable), value);

    QSignalSpy failed(page, &TemplatePage::validationFailed);
    QSignalSpy requested(page, &TemplatePage::variantsRequested);
    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QVERIFY(failed.count() == 1 || failed.wait(10000));
    FieldMessage *message = page->form()->message(variable);
    QVERIFY(message->isVisibleTo(page));
    QVERIFY2(message->text().contains(expected, Qt::CaseInsensitive), qPrintable(message->text()));
    QVERIFY(page->messageLabel()->text().contains(QLatin1String("Nothing was sent")));
    QVERIFY(page->previewButton()->isEnabled()); // the user can correct and try again
    if (QByteArray(QTest::currentDataTag()) == "image that is not there")
        saveScreenshot(page, QStringLiteral("template-invalid.png"));

    QCOMPARE(requested.count(), 0);
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("custom_template_jobs")), 0);
    QCOMPARE(m_fx->sandbox->credits(), 1000.0);
    QVERIFY(m_fx->engine->store()->jobs().isEmpty());
    QVERIFY(m_fx->engine->store()->spends().isEmpty());
}

void TestTemplatePage::twoVariantsPreviewedAndOneRendered()
{
    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    VariablesForm *form = page->form();
    form->nameEdit()->setText(QStringLiteral("Bold"));
    setValue(form, QStringLiteral("headline"), QStringLiteral("Bright and bold"));
    QTest::mouseClick(page->variants()->addButton(), Qt::LeftButton);
    QCOMPARE(page->variants()->count(), 2);
    QCOMPARE(page->variants()->currentIndex(), 1);
    // The copy starts with the first variant's values.
    QCOMPARE(valueOf(form, QStringLiteral("headline")), QStringLiteral("Bright and bold"));
    form->nameEdit()->setText(QStringLiteral("Calm"));
    setValue(form, QStringLiteral("headline"), QStringLiteral("Calm and clear"));
    QCOMPARE(page->variants()->listWidget()->item(0)->text(), QStringLiteral("Bold"));
    QCOMPARE(page->variants()->listWidget()->item(1)->text(), QStringLiteral("Calm"));
    QVERIFY2(page->previewButton()->text().contains(QLatin1String("2 credits")),
             qPrintable(page->previewButton()->text()));

    QSignalSpy requested(page, &TemplatePage::variantsRequested);
    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QVERIFY(!page->previewButton()->isEnabled()); // no second batch while this one is sent
    QVERIFY(requested.wait(10000));
    const QList<qint64> ids = requested.at(0).at(0).value<QList<qint64>>();
    QCOMPARE(ids.size(), 2);
    QCOMPARE(page->variantJobIds(), ids);

    PreviewGrid *grid = TestHelpers::webGrid(page->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 2, kLoadTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(grid->loadedCount(), 2, kLoadTimeoutMs);
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("preview_async")), 2);
    QCOMPARE(m_fx->sandbox->credits(), 998.0);
    const QStringList headlines{QStringLiteral("Bright and bold"), QStringLiteral("Calm and clear")};
    const QStringList titles{QStringLiteral("Bold"), QStringLiteral("Calm")};
    for (int i = 0; i < 2; ++i) {
        const auto job = m_fx->engine->store()->job(ids.at(i));
        QVERIFY(job);
        QCOMPARE(job->kind, JobKind::TemplatePreview);
        QCOMPARE(job->request.value(QLatin1String("variables"))
                         .toObject()
                         .value(QLatin1String("headline"))
                         .toObject()
                         .value(QLatin1String("properties"))
                         .toObject()
                         .value(QLatin1String("content"))
                         .toString(),
                 headlines.at(i));
        PreviewTile *tile = grid->tile(QString::number(ids.at(i)));
        QVERIFY(tile);
        QCOMPARE(tile->info().title, titles.at(i));
        QCOMPARE(tile->info().url, job->previewUrl);
        QCOMPARE(tile->info().aspectRatio, QStringLiteral("16x9"));
        QCOMPARE(tile->renderState(), TileRenderState::Available);
    }
    // Once all are ready, the note that they are being made is gone.
    QTRY_VERIFY2(page->comparison()->allPreviewsReady(), "the status says all are ready");
    QTRY_VERIFY2(!page->messageLabel()->isVisibleTo(page)
                         || !page->messageLabel()->text().contains(QLatin1String("being made")),
                 qPrintable(page->messageLabel()->text()));
    // Side by side: both tiles on one row.
    QCOMPARE(grid->tileAt(0)->y(), grid->tileAt(1)->y());
    QVERIFY(grid->tileAt(0)->x() != grid->tileAt(1)->x());
    QTest::qWait(300); // let the offscreen pages paint before the picture
    saveScreenshot(page, QStringLiteral("template-variants.png"));

    // Render the second variant: the confirmation names the cost, Cancel is the default.
    QString confirmationText;
    connect(page, &TemplatePage::renderConfirmationShown, this,
            [&confirmationText](QWidget *dialog) {
                auto *box = qobject_cast<QMessageBox *>(dialog);
                QVERIFY(box);
                confirmationText = box->text();
                QCOMPARE(box->buttonRole(box->defaultButton()), QMessageBox::RejectRole);
                const QList<QAbstractButton *> buttons = box->buttons();
                for (QAbstractButton *button : buttons)
                    if (box->buttonRole(button) == QMessageBox::AcceptRole)
                        QTimer::singleShot(0, button, &QAbstractButton::click);
            });
    QSignalSpy renderStarted(page, &TemplatePage::renderStarted);
    QSignalSpy downloaded(m_fx->engine.get(), &Engine::downloadFinished);
    PreviewTile *second = grid->tile(QString::number(ids.at(1)));
    QTest::mouseClick(second->renderButton(), Qt::LeftButton);
    QVERIFY(renderStarted.wait(10000));
    QVERIFY2(confirmationText.contains(QLatin1String("4 credits")), qPrintable(confirmationText));
    QVERIFY(confirmationText.contains(QLatin1String("left")));
    const qint64 renderId = renderStarted.at(0).at(0).toLongLong();
    QCOMPARE(m_fx->engine->store()->render(renderId)->jobLocalId, ids.at(1));
    QVERIFY(downloaded.wait(30000));
    QCOMPARE(downloaded.at(0).at(0).toLongLong(), renderId);
    const QString path = downloaded.at(0).at(1).toString();
    QVERIFY(path.startsWith(m_fx->dir.filePath(QStringLiteral("videos"))));
    QVERIFY(QFile::exists(path));
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("/render/")), 1);
    QTRY_COMPARE(second->renderState(), TileRenderState::Rendered);
    QCOMPARE(grid->tile(QString::number(ids.at(0)))->renderState(), TileRenderState::Available);

    QCOMPARE(TestHelpers::videoCodecOf(path), QStringLiteral("h264"));
    // The finished video shows on the template page as on the job page: file, picture, Open.
    // A template render has no thumbnail address, so the picture comes from the file.
    QVERIFY(m_fx->engine->store()->render(renderId)->videoThumbnail.isEmpty());
    checkFinishedPanel(page, path);
    QVERIFY(page->findChild<RenderResultsPane *>()->newest()->openButton()->isEnabled());

    // After a restart (a new engine on the same history, a new page), the comparison opens
    // again from the store: the same variants, titles and render states.
    const auto batch = m_fx->engine->store()->templateBatchOfJob(ids.at(1));
    QVERIFY(batch);
    QCOMPARE(batch->jobIds(), ids);
    m_page.reset();
    QVERIFY(restartEngine());
    // As from the history: the batch is opened before the page shows.
    m_page = std::make_unique<TemplatePage>(m_fx->engine.get());
    page = m_page.get();
    page->resize(1600, 900);
    QSignalSpy loaded(page, &TemplatePage::templateLoaded);
    QVERIFY(page->openBatch(batch->id));
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page->templateId(), batch->templateId);
    QCOMPARE(page->variantJobIds(), ids);
    grid = TestHelpers::webGrid(page->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 2, kLoadTimeoutMs);
    for (int i = 0; i < 2; ++i) {
        PreviewTile *tile = grid->tile(QString::number(ids.at(i)));
        QVERIFY(tile);
        QCOMPARE(tile->info().title, titles.at(i));
        QCOMPARE(tile->info().aspectRatio, QStringLiteral("16x9"));
    }
    QCOMPARE(grid->tile(QString::number(ids.at(1)))->renderState(), TileRenderState::Rendered);
    QCOMPARE(grid->tile(QString::number(ids.at(0)))->renderState(), TileRenderState::Available);
    QTRY_COMPARE_WITH_TIMEOUT(grid->loadedCount(), 2, kLoadTimeoutMs);
    QTest::qWait(300);
    // The reopened page shows the finished render too.
    checkFinishedPanel(page, path);
    saveScreenshot(page, QStringLiteral("template-reopened.png"));
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("preview_async")), 2);
}

// Marks, compare picks and hidden rejected variants are kept with the variants' jobs, as on the
// job page: a restart on the same history shows the comparison as it was left.
void TestTemplatePage::comparisonKeptAcrossRestart()
{
    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    QTest::mouseClick(page->variants()->addButton(), Qt::LeftButton);
    QTest::mouseClick(page->variants()->addButton(), Qt::LeftButton);
    QCOMPARE(page->variants()->count(), 3);
    QSignalSpy requested(page, &TemplatePage::variantsRequested);
    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QVERIFY(requested.wait(10000));
    const QList<qint64> ids = requested.at(0).at(0).value<QList<qint64>>();
    QCOMPARE(ids.size(), 3);
    PreviewGrid *grid = TestHelpers::webGrid(page->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 3, kLoadTimeoutMs);
    const QString first = QString::number(ids.at(0));
    const QString second = QString::number(ids.at(1));
    const QString third = QString::number(ids.at(2));

    // F favours the current variant, C picks it to compare, Ctrl+click picks another, the
    // second is rejected from its header, and the rejected are hidden.
    grid->setFocus();
    QTRY_VERIFY(grid->hasFocus());
    grid->setCurrentKey(first);
    QTest::keyClick(grid, Qt::Key_F);
    QTest::keyClick(grid, Qt::Key_C);
    QTest::mouseClick(grid->tile(third), Qt::LeftButton, Qt::ControlModifier, QPoint(2, 2));
    QTest::mouseClick(grid->tile(second)->header()->rejectButton(), Qt::LeftButton);
    auto *hide = grid->findChild<QCheckBox *>(QStringLiteral("hideRejectedBox"));
    QVERIFY(hide && hide->isVisible());
    QTest::mouseClick(hide, Qt::LeftButton);
    QCOMPARE(grid->tile(first)->mark(), TileMark::Favourite);
    QCOMPARE(grid->tile(second)->mark(), TileMark::Rejected);
    QCOMPARE(grid->pickedKeys(), (QStringList{first, third}));
    QVERIFY(!grid->tile(second)->isVisible());
    Store *store = m_fx->engine->store();
    const QString firstPreview = store->job(ids.at(0))->remoteId;
    QCOMPARE(store->previewMark(ids.at(0), firstPreview), PreviewMark::Favourite);
    QCOMPARE(store->pickedToCompare(ids.at(0)), QStringList{firstPreview});

    // A restart: a new engine on the same history file, a new page opening the batch.
    const auto batch = store->templateBatchOfJob(ids.at(0));
    QVERIFY(batch);
    m_page.reset();
    QVERIFY(restartEngine());
    page = makePage();
    QVERIFY(page->openBatch(batch->id));
    grid = TestHelpers::webGrid(page->grid());
    QVERIFY(grid);
    QTRY_COMPARE_WITH_TIMEOUT(grid->tileCount(), 3, kLoadTimeoutMs);
    QCOMPARE(grid->tile(first)->mark(), TileMark::Favourite);
    QCOMPARE(grid->tile(second)->mark(), TileMark::Rejected);
    QCOMPARE(grid->tile(third)->mark(), TileMark::None);
    QCOMPARE(grid->pickedKeys(), (QStringList{first, third}));
    QVERIFY(grid->hidesRejected());
    QTRY_VERIFY(grid->tile(first)->isVisible());
    QVERIFY(!grid->tile(second)->isVisible());
    QVERIFY(grid->tile(third)->isVisible());
    // Nothing was bought again to show it.
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("preview_async")), 3);
}

bool TestTemplatePage::restartEngine()
{
    m_fx->engine.reset();
    m_fx->engine = std::make_unique<Engine>();
    if (!m_fx->engine->open(m_fx->storePath))
        return false;
    TestHelpers::pointAt(m_fx->engine->client(), *m_fx->sandbox);
    m_fx->engine->setDownloadDirectory(m_fx->dir.filePath(QStringLiteral("videos")));
    m_fx->engine->tracker()->setBaseIntervalMs(10);
    m_fx->engine->tracker()->setMaxIntervalMs(50);
    return true;
}

void TestTemplatePage::badSecondVariantIsShown()
{
    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Square Showcase")));
    QTest::mouseClick(page->variants()->addButton(), Qt::LeftButton);
    QTest::mouseClick(page->variants()->addButton(), Qt::LeftButton);
    QCOMPARE(page->variants()->count(), 3);
    page->variants()->setCurrentIndex(1);
    setValue(page->form(), QStringLiteral("background"), QStringLiteral("background.jpg"));
    page->variants()->setCurrentIndex(0); // the user moved on; the bad value stays in variant 2
    QVERIFY(page->form()->message(QStringLiteral("background"))->text().isEmpty());
    QVERIFY(page->previewButton()->text().contains(QLatin1String("3 credits")));

    QSignalSpy failed(page, &TemplatePage::validationFailed);
    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(page->variants()->currentIndex(), 1);
    QCOMPARE(valueOf(page->form(), QStringLiteral("background")), QStringLiteral("background.jpg"));
    QVERIFY(page->form()->message(QStringLiteral("background"))->isVisibleTo(page));
    QVERIFY(page->messageLabel()->text().startsWith(QLatin1String("Variant 2:")));
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral(".")), 0);
    QCOMPARE(m_fx->sandbox->credits(), 1000.0);

    // Removing the bad variant leaves two good ones, previewed for two credits.
    QTest::mouseClick(page->variants()->removeButton(), Qt::LeftButton);
    QCOMPARE(page->variants()->count(), 2);
    QVERIFY(page->previewButton()->text().contains(QLatin1String("2 credits")));
    QSignalSpy requested(page, &TemplatePage::variantsRequested);
    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QVERIFY(requested.wait(10000));
    QCOMPARE(requested.at(0).at(0).value<QList<qint64>>().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(page->previewButton()->isEnabled(), 10000);
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("preview_async")), 2);
    // This template is 45 s long: each preview cost 2 credits, not the 1 assumed beforehand…
    QCOMPARE(m_fx->sandbox->credits(), 996.0);
    // …and once a preview is done, the page prices by what it really cost.
    QTRY_VERIFY_WITH_TIMEOUT(page->previewButton()->text().contains(QLatin1String("4 credits")),
                             kLoadTimeoutMs);
    QVERIFY(page->costLabel()->text().contains(QLatin1String("last preview")));

    // Rendering a 45 s variant costs 8 credits (4 per 30 s started), whatever was assumed at
    // first. Cancel spends nothing and leaves the tile ready for another try.
    const QList<qint64> ids = page->variantJobIds();
    QTRY_COMPARE_WITH_TIMEOUT(page->grid()->tileCount(), 2, kLoadTimeoutMs);
    QMessageBox *box = nullptr;
    connect(page, &TemplatePage::renderConfirmationShown, this,
            [&box](QWidget *dialog) { box = qobject_cast<QMessageBox *>(dialog); });
    const QString key = QString::number(ids.at(0));
    page->requestRender(key);
    QTRY_VERIFY_WITH_TIMEOUT(box, 10000);
    QVERIFY2(box->text().contains(QLatin1String("8 credits")), qPrintable(box->text()));
    QCOMPARE(TestHelpers::webGrid(page->grid())->tile(key)->renderState(),
             TileRenderState::Confirming);
    // The store changes while the dialog is open (the tracker's next look): the comparison is
    // drawn again, and the tile still asks for the confirmation instead of showing "Busy".
    auto job = m_fx->engine->store()->job(ids.at(0));
    QVERIFY(job);
    QSignalSpy jobChanged(m_fx->engine->store(), &Store::jobChanged);
    QVERIFY(m_fx->engine->store()->updateJob(*job));
    QCOMPARE(jobChanged.count(), 1);
    QCOMPARE(TestHelpers::webGrid(page->grid())->tile(key)->renderState(),
             TileRenderState::Confirming);
    box->button(QMessageBox::Cancel)->click();
    QTRY_COMPARE(TestHelpers::webGrid(page->grid())->tile(key)->renderState(),
                 TileRenderState::Available);
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral("/render/")), 0);
    QCOMPARE(m_fx->sandbox->credits(), 996.0);
}

void TestTemplatePage::unknownTemplateSaysNotFound()
{
    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    QSignalSpy failed(page, &TemplatePage::templateLoadFailed);
    page->openTemplate(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QVERIFY(failed.wait(10000));
    QVERIFY2(page->messageLabel()->text().contains(QLatin1String("not found")),
             qPrintable(page->messageLabel()->text()));
    QVERIFY(page->messageLabel()->isVisibleTo(page));
    QVERIFY(page->templateId().isEmpty());
    QVERIFY(page->form()->customTemplate().variables.isEmpty());
    QVERIFY(!page->previewButton()->isEnabled());
    QCOMPARE(m_fx->sandbox->requestCount("POST", QStringLiteral(".")), 0);

    // Choosing a listed template again works.
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    QVERIFY(!page->messageLabel()->isVisibleTo(page));
    QVERIFY(page->previewButton()->isEnabled());
}

void TestTemplatePage::notSurePreviewIsSentAgainOnlyWhenAsked()
{
    // A server with only the documented endpoints: no list of template jobs to look in.
    m_fx->sandbox->setDocumentedOnly(true);
    m_fx->engine->spendGuard()->setReconcileGraceMs(20);
    m_fx->engine->spendGuard()->setReconcileLooks(2);
    Sandbox::Fault lose;
    lose.kind = Sandbox::Fault::Kind::LoseResponse;
    lose.method = "POST";
    lose.pathPattern = QStringLiteral("preview_async");
    m_fx->sandbox->addFault(lose);
    const auto posts = [this] {
        return m_fx->sandbox->requestCount("POST", QStringLiteral("preview_async"));
    };

    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    QList<QPointer<QMessageBox>> dialogs;
    connect(page, &TemplatePage::notSureShown, this,
            [&dialogs](QMessageBox *dialog) { dialogs << dialog; });
    const auto buttonNamed = [](QMessageBox *box, const QString &text) -> QAbstractButton * {
        for (QAbstractButton *button : box->buttons())
            if (button->text() == text)
                return button;
        return nullptr;
    };

    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialogs.size(), 1, 10000);
    QMessageBox *dialog = dialogs.at(0);
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(posts(), 1);
    QCOMPARE(m_fx->sandbox->credits(), 999.0); // it was made: the answer alone was lost
    QVERIFY(dialog->defaultButton());
    QCOMPARE(dialog->defaultButton()->text(), QStringLiteral("Don't send"));
    QCOMPARE(dialog->buttonRole(dialog->defaultButton()), QMessageBox::RejectRole);
    QVERIFY(dialog->escapeButton() == dialog->defaultButton());
    QVERIFY(buttonNamed(dialog, QStringLiteral("Send again")));
    QVERIFY2(dialog->informativeText().contains(QLatin1String("PD-")),
             qPrintable(dialog->informativeText())); // the name to look for in Creatify's app

    // "Don't send": nothing more goes out.
    QAbstractButton *keep = buttonNamed(dialog, QStringLiteral("Don't send"));
    QVERIFY(keep);
    keep->click();
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QTest::qWait(300);
    QCOMPARE(posts(), 1);
    QCOMPARE(m_fx->sandbox->credits(), 999.0);
    // Nothing claims the preview is on its way: the page says it is not sure.
    QVERIFY2(!page->messageLabel()->isVisibleTo(page)
                     || !page->messageLabel()->text().contains(QLatin1String("being made")),
             qPrintable(page->messageLabel()->text()));
    QCOMPARE(page->grid()->tileCount(), 0);

    // The same variant previewed again: the page asks again, still without sending.
    QTRY_VERIFY(page->previewButton()->isEnabled());
    QTest::mouseClick(page->previewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialogs.size(), 2, 10000);
    dialog = dialogs.at(1);
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(posts(), 1);
    QCOMPARE(dialog->defaultButton()->text(), QStringLiteral("Don't send"));

    // "Send again": exactly one more POST, whose preview is then made and shown.
    QSignalSpy requested(page, &TemplatePage::variantsRequested);
    QAbstractButton *send = buttonNamed(dialog, QStringLiteral("Send again"));
    QVERIFY(send);
    send->click();
    QVERIFY(requested.count() == 1 || requested.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(posts(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(page->grid()->tileCount(), 1, kLoadTimeoutMs);
    QTest::qWait(300);
    QCOMPARE(posts(), 2);
    QCOMPARE(dialogs.size(), 2);
    QCOMPARE(m_fx->sandbox->credits(), 998.0);
    QCOMPARE(page->variantJobIds().size(), 1);
    const auto job = m_fx->engine->store()->job(page->variantJobIds().first());
    QVERIFY(job);
    QVERIFY(!job->remoteId.isEmpty());
}

void TestTemplatePage::presetsSaveAndLoad()
{
    TemplatePage *page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    const QString templateId = page->templateId();
    VariablesForm *form = page->form();
    setValue(form, QStringLiteral("headline"), QStringLiteral("Preset headline"));
    setValue(form, QStringLiteral("logo"), QString()); // optional, cleared on purpose
    form->modelCombo()->setCurrentIndex(form->modelCombo()->findData(QStringLiteral("aurora_v1")));

    page->presetCombo()->setCurrentText(QString());
    QTest::mouseClick(page->savePresetButton(), Qt::LeftButton);
    QVERIFY(page->findChild<FieldMessage *>(QStringLiteral("presetMessage"))
                    ->text()
                    .contains(QLatin1String("name")));
    page->presetCombo()->setCurrentText(QStringLiteral("Launch"));
    QTest::mouseClick(page->savePresetButton(), Qt::LeftButton);
    // In this profile's history, not in a file shared by every profile.
    QCOMPARE(m_fx->engine->store()->templatePresets(templateId).size(), 1);
    QVERIFY(!QFile::exists(Store::legacyTemplatePresetsPath()));

    // Saving under the same name replaces the preset.
    QTest::mouseClick(page->savePresetButton(), Qt::LeftButton);
    QCOMPARE(m_fx->engine->store()->templatePresets(templateId).size(), 1);

    // After a restart the page offers the preset and fills the form from it.
    m_page.reset();
    QVERIFY(restartEngine());
    page = makePage();
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    form = page->form();
    QCOMPARE(valueOf(form, QStringLiteral("headline")),
             QStringLiteral("Meet the product everyone talks about"));
    QCOMPARE(page->presetCombo()->count(), 1);
    QCOMPARE(page->presetCombo()->itemText(0), QStringLiteral("Launch"));
    page->presetCombo()->setCurrentIndex(0);
    QTest::mouseClick(page->loadPresetButton(), Qt::LeftButton);
    QCOMPARE(valueOf(form, QStringLiteral("headline")), QStringLiteral("Preset headline"));
    QCOMPARE(valueOf(form, QStringLiteral("logo")), QString());
    QCOMPARE(form->modelCombo()->currentData().toString(), QStringLiteral("aurora_v1"));
    // The loaded values are what a preview would send.
    QCOMPARE(page->variants()->variant(0).values.value(QStringLiteral("headline")),
             QStringLiteral("Preset headline"));

    // Presets belong to their template.
    QVERIFY(openTemplate(page, QStringLiteral("Square Showcase")));
    QCOMPARE(page->presetCombo()->count(), 0);
    page->presetCombo()->setCurrentText(QStringLiteral("Launch"));
    QTest::mouseClick(page->loadPresetButton(), Qt::LeftButton);
    QVERIFY(page->findChild<FieldMessage *>(QStringLiteral("presetMessage"))
                    ->text()
                    .contains(QLatin1String("no preset")));

    // A preset removed elsewhere leaves the list at once.
    QVERIFY(openTemplate(page, QStringLiteral("Product Spotlight")));
    QCOMPARE(page->presetCombo()->count(), 1);
    QVERIFY(m_fx->engine->store()->removeTemplatePreset(templateId, QStringLiteral("Launch")));
    QCOMPARE(page->presetCombo()->count(), 0);
}

int main(int argc, char **argv)
{
    GridLoader::applyRecommendedChromiumFlags();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestTemplatePage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_templatepage.moc"
