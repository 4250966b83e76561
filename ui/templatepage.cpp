#include "templatepage.h"

#include "accountjobs.h"
#include "creditbalance.h"
#include "apiclient.h"
#include "costestimate.h"
#include "engine.h"
#include "formmessages.h"
#include "renderconfirmation.h"
#include "statustext.h"
#include "jobtracker.h"
#include "gridloader.h"
#include "comparisongrid.h"
#include "spendguard.h"
#include "store.h"
#include "templatebrowser.h"
#include "templatejobs.h"
#include "templatemediaprobe.h"
#include "variablesform.h"
#include "variantlist.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtMath>

namespace PreviewDeck {

TemplatePage::TemplatePage(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_browser(new TemplateBrowser(engine, this)),
      m_title(new QLabel(this)),
      m_presetCombo(new QComboBox(this)),
      m_loadPreset(new QPushButton(tr("&Load preset"), this)),
      m_savePreset(new QPushButton(tr("&Save as preset"), this)),
      m_presetMessage(new FieldMessage(this)),
      m_variants(new VariantList(this)),
      m_form(new VariablesForm(engine, this)),
      m_cost(new QLabel(this)),
      m_message(new FieldMessage(this)),
      m_previewButton(new QPushButton(this)),
      m_status(new QLabel(this)),
      m_grid(GridLoader::create(this)),
      m_probe(new TemplateMediaProbe(engine->media(), this)),
      m_batch(new TemplatePreviewBatch(engine, this))
{
    m_title->setObjectName(QStringLiteral("templateTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(tr("Choose a template"));
    m_presetCombo->setObjectName(QStringLiteral("presetCombo"));
    m_presetCombo->setEditable(true);
    m_presetCombo->setInsertPolicy(QComboBox::NoInsert);
    m_presetCombo->setMinimumContentsLength(16);
    m_presetCombo->lineEdit()->setPlaceholderText(tr("Preset name"));
    m_presetCombo->setAccessibleName(tr("Preset"));
    m_presetMessage->setObjectName(QStringLiteral("presetMessage"));
    m_cost->setObjectName(QStringLiteral("templateCost"));
    m_cost->setWordWrap(true);
    m_cost->setTextFormat(Qt::RichText);
    m_message->setObjectName(QStringLiteral("templateMessage"));
    m_previewButton->setObjectName(QStringLiteral("previewAll"));
    m_previewButton->setDefault(true);
    m_status->setObjectName(QStringLiteral("variantStatus"));
    m_status->setWordWrap(true);
    m_variants->setMaximumWidth(220);

    auto *presets = new QHBoxLayout();
    presets->addWidget(new QLabel(tr("Preset:"), this));
    presets->addWidget(m_presetCombo, 1);
    presets->addWidget(m_loadPreset);
    presets->addWidget(m_savePreset);

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
    editorLayout->addLayout(presets);
    editorLayout->addWidget(m_presetMessage);
    editorLayout->addLayout(formRow, 1);
    editorLayout->addWidget(m_message);
    editorLayout->addLayout(buttonRow);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_browser);
    top->addWidget(editor);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 3);
    top->setChildrenCollapsible(false);

    auto *results = new QWidget(this);
    m_results = results;
    results->hide(); // until the first previews are asked for
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_status);
    resultsLayout->addWidget(m_grid, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->addWidget(top);
    splitter->addWidget(results);
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
    connect(m_savePreset, &QPushButton::clicked, this, &TemplatePage::savePreset);
    connect(m_loadPreset, &QPushButton::clicked, this, &TemplatePage::loadPreset);
    connect(m_probe, &TemplateMediaProbe::finished, this, &TemplatePage::onProbeFinished);
    connect(m_grid, &ComparisonGrid::renderRequested, this, &TemplatePage::requestRender);
    connect(m_batch, &TemplatePreviewBatch::changed, this, [this] {
        refreshGrid();
        if (!m_knownPreviewCredits) {
            refreshKnownCost();
            updateCost();
        }
    });
    connect(m_batch, &TemplatePreviewBatch::spendStarted, this,
            [this](SpendOperation *op) { showWaitsOf(op, m_message); });
    connect(m_batch, &TemplatePreviewBatch::sent, this, &TemplatePage::onBatchSent);
    connect(m_batch, &TemplatePreviewBatch::sendAgainFailed, m_message, &FieldMessage::showError);
    connect(m_engine->store(), &Store::templatePresetsChanged, this, [this](const QString &id) {
        if (m_templateReady && id == m_form->customTemplate().id)
            refreshPresets();
    });

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
    refreshPresets();
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
    m_title->setText(tr("%1 (%2)").arg(
            customTemplate.name, TemplateBrowser::aspectRatioText(customTemplate.aspectRatio)));
    m_message->clearMessage();
    m_presetMessage->clearMessage();
    refreshPresets();
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
    m_pendingRenderKeys.clear();
    m_grid->setPreviews({});
    if (!m_batch->start(m_form->customTemplate().id, m_form->customTemplate().aspectRatio,
                        pending.variants)) {
        setBusy(false);
        return;
    }
    showResults();
    refreshGrid();
    Q_EMIT variantsRequested(m_batch->jobIds());
}

void TemplatePage::onBatchSent(const TemplatePreviewBatch::Result &result)
{
    setBusy(false);
    refreshGrid();
    if (!result.notSure.isEmpty())
        askToSendAgain(result);
    if (!result.failures.isEmpty())
        m_message->showError(tr("Some previews were not made:") + QLatin1Char('\n')
                             + result.failures.join(QLatin1Char('\n')));
    else if (result.carried > 0) // a not-sure variant is not known to be made
        m_message->showInfo(tr("The previews are being made; they appear below."));
}

void TemplatePage::showResults()
{
    if (!m_results->isHidden())
        return;
    // The previews are what the user now wants to see: give them most of the height.
    m_results->show();
    const int height = m_splitter->height();
    m_splitter->setSizes({height * 2 / 5, height - height * 2 / 5});
}

bool TemplatePage::openBatch(qint64 batchId)
{
    if (m_busy || !m_batch->open(batchId))
        return false;
    m_pendingRenderKeys.clear();
    openTemplate(m_batch->batch().templateId);
    showResults();
    refreshGrid();
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
        refreshGrid();
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
    m_knownPreviewCredits = 0;
    if (!m_templateReady)
        return;
    const QString id = m_form->customTemplate().id;
    const QList<JobRecord> jobs = m_engine->store()->jobs(); // newest first
    for (const JobRecord &job : jobs) {
        // A rendered job's credits include the render.
        if (job.kind == JobKind::TemplatePreview && job.templateId == id
            && job.status == JobStatus::Done && job.creditsUsed > 0
            && m_engine->store()->renders(job.localId).isEmpty()) {
            m_knownPreviewCredits = job.creditsUsed;
            return;
        }
    }
}

int TemplatePage::assumedSeconds() const
{
    // A preview costs 1 credit per 30 s started, so a known price tells the length in blocks.
    return m_knownPreviewCredits > 0 ? qCeil(m_knownPreviewCredits) * 30 : AssumedTemplateSeconds;
}

double TemplatePage::previewEstimate() const
{
    return m_knownPreviewCredits > 0 ? m_knownPreviewCredits
                                     : CostEstimate::templatePreview(AssumedTemplateSeconds);
}

void TemplatePage::updateCost()
{
    const int count = m_variants->count();
    const double each = previewEstimate();
    const double total = each * count;
    m_previewButton->setText(
            count == 1 ? tr("Preview (%1)").arg(creditsText(total))
                       : tr("Preview all %1 variants (%2)").arg(count).arg(creditsText(total)));
    m_previewButton->setEnabled(m_templateReady && !m_busy);
    m_loadPreset->setEnabled(m_templateReady);
    m_savePreset->setEnabled(m_templateReady);
    if (!m_templateReady) {
        m_cost->clear();
        return;
    }
    const QString model = m_form->variant().modelVersion;
    const double render = CostEstimate::templateRender(
            assumedSeconds(), model.isEmpty() ? QStringLiteral("standard") : model);
    QString text = m_knownPreviewCredits > 0
            ? tr("About <b>%1</b> per preview (what the last preview of this template cost); "
                 "rendering the one you pick costs about %2 more.")
                      .arg(creditsText(each), creditsText(render))
            : tr("About <b>%1</b> per preview. Creatify does not say how long a template is, so "
                 "this assumes %2 seconds; rendering the one you pick costs about %3 more.")
                      .arg(creditsText(each))
                      .arg(AssumedTemplateSeconds)
                      .arg(creditsText(render));
    if (const double balance = m_engine->balance()->value(); balance >= 0)
        text += QLatin1Char(' ') + tr("Your balance: %1.").arg(creditsText(balance));
    m_cost->setText(text);
}

void TemplatePage::refreshPresets()
{
    const QString typed = m_presetCombo->currentText();
    m_presetCombo->clear();
    if (!m_templateReady)
        return;
    const QList<TemplatePreset> presets = m_engine->store()->templatePresets(
            m_form->customTemplate().id);
    for (const TemplatePreset &preset : presets)
        m_presetCombo->addItem(preset.name);
    m_presetCombo->setCurrentText(typed);
}

void TemplatePage::savePreset()
{
    if (!m_templateReady)
        return;
    const QString name = m_presetCombo->currentText().trimmed();
    if (name.isEmpty()) {
        m_presetMessage->showError(tr("Type a name for the preset first."));
        return;
    }
    const TemplateVariant variant = m_form->variant();
    TemplatePreset preset{name, m_form->customTemplate().id, variant.modelVersion, variant.values};
    if (!m_engine->store()->saveTemplatePreset(preset)) {
        m_presetMessage->showError(tr("The preset could not be saved."));
        return;
    }
    refreshPresets();
    m_presetCombo->setCurrentText(name);
    m_presetMessage->showInfo(tr("Saved the preset \"%1\".").arg(name));
}

void TemplatePage::loadPreset()
{
    if (!m_templateReady)
        return;
    const QString name = m_presetCombo->currentText().trimmed();
    const auto preset = m_engine->store()->templatePreset(m_form->customTemplate().id, name);
    if (!preset) {
        m_presetMessage->showError(
                name.isEmpty() ? tr("Choose a preset to load.")
                               : tr("There is no preset \"%1\" for this template.").arg(name));
        return;
    }
    TemplateVariant variant = m_form->variant();
    variant.values = preset->values;
    variant.modelVersion = preset->modelVersion;
    m_loadingVariant = true;
    m_form->setVariant(variant);
    m_loadingVariant = false;
    m_variants->updateCurrent(m_form->variant());
    updateCost();
    m_presetMessage->showInfo(tr("Loaded the preset \"%1\" into %2.")
                                      .arg(name, m_variants->label(m_variants->currentIndex())));
}

void TemplatePage::refreshGrid()
{
    QList<PreviewTileInfo> tiles;
    QStringList waiting;
    int ready = 0;
    const TemplateBatch batch = m_batch->batch();
    for (const TemplateBatchEntry &entry : batch.entries) {
        const qint64 id = entry.jobLocalId;
        const auto job = m_engine->store()->job(id);
        if (!job)
            continue;
        const QString &title = entry.title;
        if (!job->previewUrl.isEmpty()) {
            ++ready;
            tiles << PreviewTileInfo{QString::number(id), title, batch.aspectRatio, job->previewUrl};
        } else {
            QString line = tr("%1: %2").arg(title, StatusText::job(*job));
            if (!job->failedReason.isEmpty())
                line += QStringLiteral(" — ") + job->failedReason;
            waiting << line;
        }
    }
    m_grid->setPreviews(tiles);
    for (const PreviewTileInfo &tile : std::as_const(tiles))
        m_grid->setRenderState(tile.key, tileStateFor(tile.key.toLongLong()));
    if (batch.entries.isEmpty())
        m_status->setText(tr("Previews of your variants appear here, side by side."));
    else if (waiting.isEmpty())
        m_status->setText(tr("All %1 previews are ready. Render the one you like best.").arg(ready));
    else
        m_status->setText(tr("%1 of %2 previews ready.").arg(ready).arg(batch.entries.size())
                          + QLatin1Char(' ') + waiting.join(QStringLiteral(" · ")));
}

TileRenderState TemplatePage::tileStateFor(qint64 jobLocalId) const
{
    if (m_pendingRenderKeys.contains(QString::number(jobLocalId)))
        return TileRenderState::Busy;
    TileRenderState state = TileRenderState::Available;
    for (const RenderRecord &render : m_engine->store()->renders(jobLocalId)) {
        if (render.status == JobStatus::Done)
            state = TileRenderState::Rendered;
        else if (render.status.isFinished())
            state = TileRenderState::Failed;
        else
            state = TileRenderState::Busy;
    }
    return state;
}

void TemplatePage::requestRender(const QString &key)
{
    const qint64 jobLocalId = key.toLongLong();
    if (!m_batch->contains(jobLocalId) || m_pendingRenderKeys.contains(key))
        return; // a confirmation or a request for this variant is already under way
    m_pendingRenderKeys.insert(key);
    m_grid->setRenderState(key, TileRenderState::Confirming);
    const QString variant = m_batch->batch().titleOf(jobLocalId);
    // The tracker keeps the template's real length, so the guard's estimate is the price.
    confirmRenderWithBalance(
            this, m_engine->balance(),
            variant.isEmpty() ? tr("Render this variant?")
                              : tr("Render \u201c%1\u201d?").arg(variant),
            m_engine->spendGuard()->estimateRender(jobLocalId),
            [this](QMessageBox *dialog) { Q_EMIT renderConfirmationShown(dialog); },
            [this, key] {
                m_grid->setRenderState(key, TileRenderState::Busy);
                startRender(key);
            },
            [this, key] {
                m_pendingRenderKeys.remove(key);
                m_grid->setRenderState(key, tileStateFor(key.toLongLong()));
            });
}

void TemplatePage::startRender(const QString &key)
{
    SpendOperation *op = m_engine->spendGuard()->renderTemplate(key.toLongLong(),
                                                                SpendGuard::BuyAgainIfFinished);
    showWaitsOf(op, m_message);
    connect(op, &SpendOperation::finished, this, [this, key](SpendOperation *o) {
        m_pendingRenderKeys.remove(key);
        if (o->carriesOn()) {
            m_engine->tracker()->poke();
            if (o->wasReconciled() || o->outcome() == SpendOperation::Outcome::Existing)
                m_message->showInfo(o->message());
            Q_EMIT renderStarted(o->renderLocalId());
        } else {
            m_message->showError(o->message());
        }
        refreshGrid();
    });
}

} // namespace PreviewDeck
