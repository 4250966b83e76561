#include "templates/templatepage.h"

#include "accountjobs.h"
#include "creditbalance.h"
#include "apiclient.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "render/renderconfirmation.h"
#include "jobtracker.h"
#include "grid/gridloader.h"
#include "templates/presetbar.h"
#include "widgets/statustext.h"
#include "grid/comparisongrid.h"
#include "spendguard.h"
#include "store.h"
#include "templates/templatebrowser.h"
#include "templates/templatecomparison.h"
#include "templatejobs.h"
#include "templatemediaprobe.h"
#include "templates/variablesform.h"
#include "templates/variantlist.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace PreviewDeck {

TemplatePage::TemplatePage(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_browser(new TemplateBrowser(engine, this)),
      m_title(new QLabel(this)),
      m_presetBar(new PresetBar(engine->store(), this)),
      m_variants(new VariantList(this)),
      m_form(new VariablesForm(engine, this)),
      m_cost(new QLabel(this)),
      m_message(new FieldMessage(this)),
      m_previewButton(new QPushButton(this)),
      m_probe(new TemplateMediaProbe(engine->media(), this)),
      m_batch(new TemplatePreviewBatch(engine, this)),
      m_comparison(new TemplateComparison(engine, m_batch, m_message, this))
{
    m_title->setObjectName(QStringLiteral("templateTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(tr("Choose a template"));
    m_cost->setObjectName(QStringLiteral("templateCost"));
    m_cost->setWordWrap(true);
    m_cost->setTextFormat(Qt::RichText);
    m_message->setObjectName(QStringLiteral("templateMessage"));
    m_previewButton->setObjectName(QStringLiteral("previewAll"));
    m_previewButton->setDefault(true);
    m_variants->setMaximumWidth(220);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);

    auto *formRow = new QHBoxLayout();
    formRow->addWidget(m_variants);
    formRow->addWidget(scroll, 1);

    auto *buttonRow = new QHBoxLayout();
    buttonRow->addWidget(m_cost, 1);
    buttonRow->addWidget(m_previewButton);

    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_title);
    editorLayout->addWidget(m_presetBar);
    editorLayout->addLayout(formRow, 1);
    editorLayout->addWidget(m_message);
    editorLayout->addLayout(buttonRow);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_browser);
    top->addWidget(editor);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 3);
    top->setChildrenCollapsible(false);

    m_comparison->hide(); // until the first previews are asked for

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->addWidget(top);
    splitter->addWidget(m_comparison);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_browser, &TemplateBrowser::templateSelected, this, &TemplatePage::openTemplate);
    connect(m_form, &VariablesForm::changed, this, [this] {
        if (m_loadingVariant)
            return;
        m_variants->updateCurrent(m_form->variant());
        updateCost();
    });
    connect(m_variants, &VariantList::currentChanged, this, &TemplatePage::selectVariant);
    connect(m_variants, &VariantList::countChanged, this, &TemplatePage::updateCost);
    connect(m_engine->balance(), &CreditBalance::changed, this, &TemplatePage::updateCost);
    connect(m_previewButton, &QPushButton::clicked, this, &TemplatePage::previewAll);
    connect(m_presetBar, &PresetBar::saveRequested, this, &TemplatePage::savePreset);
    connect(m_presetBar, &PresetBar::presetChosen, this, &TemplatePage::applyPreset);
    connect(m_probe, &TemplateMediaProbe::finished, this, &TemplatePage::onProbeFinished);
    connect(m_comparison, &TemplateComparison::renderConfirmationShown, this,
            &TemplatePage::renderConfirmationShown);
    connect(m_comparison, &TemplateComparison::renderStarted, this, &TemplatePage::renderStarted);
    // The note that the previews are on their way is done once they are all there.
    connect(m_comparison, &TemplateComparison::previewsReady, this, [this] {
        if (m_message->text() == makingNote())
            m_message->clearMessage();
    });
    connect(m_batch, &TemplatePreviewBatch::changed, this, [this] {
        m_comparison->refresh();
        if (!m_knownPreviewCredits) {
            refreshKnownCost();
            updateCost();
        }
    });
    connect(m_batch, &TemplatePreviewBatch::spendStarted, this,
            [this](SpendOperation *op) { showWaitsOf(op, m_message); });
    connect(m_batch, &TemplatePreviewBatch::sent, this, &TemplatePage::onBatchSent);
    connect(m_batch, &TemplatePreviewBatch::sendAgainFailed, m_message, &FieldMessage::showError);

    setBusy(false);
    updateCost();
}

TemplatePage::~TemplatePage() = default;

void TemplatePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_listRequested) {
        m_listRequested = true; // the list is fetched when first needed, not at start-up
        refreshTemplates();
        m_engine->balance()->refresh();
    }
}

void TemplatePage::refreshTemplates()
{
    m_listRequested = true;
    m_browser->refresh();
}

QString TemplatePage::templateId() const
{
    return m_templateReady ? m_form->customTemplate().id : QString();
}

void TemplatePage::openTemplate(const QString &templateId)
{
    if (templateId.isEmpty() || (templateId == m_requestedTemplateId && m_templateReady))
        return;
    m_requestedTemplateId = templateId;
    m_message->showInfo(tr("Loading the template's variables…"));
    auto *job = new GetTemplateJob(m_engine->client(), templateId, this);
    connect(job, &ApiJob::finished, this, [this, templateId](ApiJob *j) {
        if (templateId != m_requestedTemplateId)
            return; // another template was chosen meanwhile
        if (!j->succeeded()) {
            showTemplateError(j->error());
            return;
        }
        onTemplateLoaded(static_cast<GetTemplateJob *>(j)->customTemplate());
    });
    job->start();
}

void TemplatePage::showTemplateError(const ApiError &error)
{
    m_templateReady = false;
    m_form->setTemplate({});
    m_variants->reset({});
    m_title->setText(tr("Choose a template"));
    m_presetBar->setTemplate(QString());
    const QString text = TemplatePreviewBatch::isTemplateGone(error)
            ? tr("This template was not found: it may have been deleted from your Creatify "
                 "account. Choose another one from the list.")
            : error.message();
    m_message->showError(text);
    updateCost();
    {
        // Nothing is open now; choosing the same entry again must load it again.
        const QSignalBlocker blocker(m_browser->listWidget());
        m_browser->listWidget()->setCurrentRow(-1);
    }
    if (TemplatePreviewBatch::isTemplateGone(error))
        m_browser->refresh(); // drop it from the list
    Q_EMIT templateLoadFailed(text);
}

void TemplatePage::onTemplateLoaded(const CustomTemplate &customTemplate)
{
    m_templateReady = true;
    m_loadingVariant = true;
    m_form->setTemplate(customTemplate);
    m_variants->reset(m_form->variant());
    m_loadingVariant = false;
    m_title->setText(tr("%1 (%2)").arg(customTemplate.name,
                                       StatusText::aspectRatio(customTemplate.aspectRatio)));
    m_message->clearMessage();
    m_presetBar->setTemplate(customTemplate.id);
    refreshKnownCost();
    updateCost();
    Q_EMIT templateLoaded(customTemplate.id);
}

void TemplatePage::selectVariant(int index)
{
    m_loadingVariant = true;
    m_form->setVariant(m_variants->variant(index));
    m_loadingVariant = false;
    updateCost();
}

bool TemplatePage::reportInvalid(int variantIndex, const QMap<QString, QString> &fieldErrors)
{
    if (fieldErrors.isEmpty())
        return false;
    if (m_variants->currentIndex() != variantIndex)
        m_variants->setCurrentIndex(variantIndex); // loads it into the form
    m_form->showFieldErrors(fieldErrors);
    m_message->showError(m_variants->count() > 1
                                 ? tr("%1: please correct the fields marked above. Nothing was "
                                      "sent and nothing was charged.")
                                           .arg(m_variants->label(variantIndex))
                                 : tr("Please correct the fields marked above. Nothing was sent "
                                      "and nothing was charged."));
    Q_EMIT validationFailed();
    return true;
}

void TemplatePage::previewAll()
{
    if (m_busy)
        return; // one batch at a time: a double click must not buy twice
    if (!m_templateReady) {
        m_message->showError(tr("Choose a template first."));
        Q_EMIT validationFailed();
        return;
    }
    m_variants->updateCurrent(m_form->variant());
    const CustomTemplate &customTemplate = m_form->customTemplate();
    Pending pending;
    const QList<TemplateVariant> variants = m_variants->variants();
    for (int i = 0; i < variants.size(); ++i) {
        const TemplateValues values = VariablesForm::check(customTemplate, variants.at(i).values);
        if (reportInvalid(i, values.fieldErrors))
            return;
        TemplateJobRequest request;
        request.templateId = customTemplate.id;
        // Named after the template and the variant, so the history says what it is.
        request.name = variants.at(i).name.isEmpty()
                ? customTemplate.name + QStringLiteral(" — ") + m_variants->label(i)
                : variants.at(i).name;
        request.modelVersion = variants.at(i).modelVersion;
        request.variables = values.variables;
        pending.variants << TemplatePreviewBatch::Variant{request, m_variants->label(i)};
        for (const auto &[variable, url] : values.mediaAddresses(customTemplate)) {
            if (!pending.mediaFields.contains(url))
                pending.mediaFields.insert(url, qMakePair(i, variable));
        }
    }
    m_form->clearMessages();
    m_pending = pending;
    setBusy(true);
    m_message->showInfo(tr("Checking that the media addresses can be reached…"));
    m_probe->probe(pending.mediaFields.keys());
}

void TemplatePage::onProbeFinished()
{
    const QMap<QString, QString> problems = m_probe->problems();
    if (!problems.isEmpty()) {
        setBusy(false);
        // Shows the first variant with a problem, with all of its problems at their fields.
        int first = m_variants->count();
        for (auto it = problems.cbegin(); it != problems.cend(); ++it)
            first = qMin(first, m_pending.mediaFields.value(it.key()).first);
        QMap<QString, QString> errors;
        for (auto it = problems.cbegin(); it != problems.cend(); ++it) {
            const auto where = m_pending.mediaFields.value(it.key());
            if (where.first == first)
                errors.insert(where.second, it.value());
        }
        reportInvalid(first, errors);
        return;
    }
    sendPreviews(m_pending);
}

void TemplatePage::sendPreviews(const Pending &pending)
{
    m_message->clearMessage();
    m_comparison->startOver();
    if (!m_batch->start(m_form->customTemplate().id, m_form->customTemplate().aspectRatio,
                        pending.variants)) {
        setBusy(false);
        return;
    }
    showResults();
    m_comparison->refresh();
    Q_EMIT variantsRequested(m_batch->jobIds());
}

void TemplatePage::onBatchSent(const TemplatePreviewBatch::Result &result)
{
    setBusy(false);
    m_comparison->refresh();
    if (!result.notSure.isEmpty())
        askToSendAgain(result);
    if (!result.failures.isEmpty())
        m_message->showError(tr("Some previews were not made:") + QLatin1Char('\n')
                             + result.failures.join(QLatin1Char('\n')));
    else if (result.carried > 0 && !m_comparison->allPreviewsReady())
        m_message->showInfo(makingNote()); // a not-sure variant is not known to be made
}

QString TemplatePage::makingNote()
{
    return tr("The previews are being made; they appear below.");
}

void TemplatePage::showResults()
{
    if (!m_comparison->isHidden())
        return;
    // The previews are what the user now wants to see: give them most of the height.
    m_comparison->show();
    // As weights: the page may not be laid out yet (opened from the history before it shows).
    m_splitter->setSizes({2000, 3000});
}

bool TemplatePage::openBatch(qint64 batchId)
{
    if (m_busy || !m_batch->open(batchId))
        return false;
    m_comparison->startOver();
    openTemplate(m_batch->batch().templateId);
    showResults();
    m_comparison->refresh();
    return true;
}

void TemplatePage::askToSendAgain(const TemplatePreviewBatch::Result &result)
{
    auto *dialog = new QMessageBox(QMessageBox::Warning, tr("Not sure these were made"),
                                   tr("PreviewDeck cannot tell whether Creatify made these "
                                      "previews. Sending them again may charge again."),
                                   QMessageBox::NoButton, this);
    dialog->setInformativeText(result.notSureReasons.join(QLatin1Char('\n')));
    QPushButton *sendButton = dialog->addButton(tr("Send again"), QMessageBox::AcceptRole);
    QPushButton *keep = dialog->addButton(tr("Don't send"), QMessageBox::RejectRole);
    dialog->setDefaultButton(keep);
    dialog->setEscapeButton(keep);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QMessageBox::finished, this, [this, dialog, sendButton, result] {
        if (dialog->clickedButton() != sendButton)
            return;
        m_message->clearMessage();
        m_batch->sendAgain(result.notSure, result.notSureJobIds);
        m_comparison->refresh();
        Q_EMIT variantsRequested(m_batch->jobIds());
    });
    dialog->open();
    Q_EMIT notSureShown(dialog);
}

void TemplatePage::setBusy(bool busy)
{
    m_busy = busy;
    updateCost();
}

void TemplatePage::refreshKnownCost()
{
    m_knownPreviewCredits = m_templateReady
            ? m_batch->lastPreviewCredits(m_form->customTemplate().id)
            : 0;
}

void TemplatePage::updateCost()
{
    const int count = m_variants->count();
    const auto cost = TemplatePreviewBatch::estimate(count, m_knownPreviewCredits,
                                                     m_form->variant().modelVersion);
    m_previewButton->setText(
            count == 1
                    ? tr("Preview (%1)").arg(creditsText(cost.total))
                    : tr("Preview all %1 variants (%2)").arg(count).arg(creditsText(cost.total)));
    m_previewButton->setEnabled(m_templateReady && !m_busy);
    if (!m_templateReady) {
        m_cost->clear();
        return;
    }
    QString text = m_knownPreviewCredits > 0
            ? tr("About <b>%1</b> per preview (what the last preview of this template cost); "
                 "rendering the one you pick costs about %2 more.")
                      .arg(creditsText(cost.eachPreview), creditsText(cost.render))
            : tr("About <b>%1</b> per preview. Creatify does not say how long a template is, so "
                 "this assumes %2 seconds; rendering the one you pick costs about %3 more.")
                      .arg(creditsText(cost.eachPreview))
                      .arg(CostEstimate::kAssumedTemplateSeconds)
                      .arg(creditsText(cost.render));
    m_cost->setText(withBalance(text, m_engine->balance()->value()));
}

ComparisonGrid *TemplatePage::grid() const
{
    return m_comparison->grid();
}

void TemplatePage::requestRender(const QString &key)
{
    m_comparison->requestRender(key);
}

QComboBox *TemplatePage::presetCombo() const
{
    return m_presetBar->combo();
}

QPushButton *TemplatePage::savePresetButton() const
{
    return m_presetBar->saveButton();
}

QPushButton *TemplatePage::loadPresetButton() const
{
    return m_presetBar->loadButton();
}

void TemplatePage::savePreset()
{
    if (!m_templateReady)
        return;
    const TemplateVariant variant = m_form->variant();
    m_presetBar->save(variant.modelVersion, variant.values);
}

void TemplatePage::loadPreset()
{
    m_presetBar->load();
}

void TemplatePage::applyPreset(const TemplatePreset &preset)
{
    TemplateVariant variant = m_form->variant();
    variant.values = preset.values;
    variant.modelVersion = preset.modelVersion;
    m_loadingVariant = true;
    m_form->setVariant(variant);
    m_loadingVariant = false;
    m_variants->updateCurrent(m_form->variant());
    updateCost();
    m_presetBar->message()->showInfo(
            tr("Loaded the preset \"%1\" into %2.")
                    .arg(preset.name, m_variants->label(m_variants->currentIndex())));
}

} // namespace PreviewDeck
