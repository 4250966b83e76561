#pragma once

#include "apitypes.h"
#include "grid/previewtileinfo.h"
#include "templatepreviewbatch.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QMessageBox>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;

namespace PreviewDeck {

class Engine;
class FieldMessage;
class ComparisonGrid;
class PresetBar;
class TemplateComparison;
class TemplateBrowser;
class TemplateMediaProbe;
class VariablesForm;
class VariantList;
struct ApiError;

// Videos from the account's custom templates: pick a template, fill in its variables (as
// several variants if wanted), preview every variant at once, compare them side by side and
// render the one you like. Nothing invalid is sent: values are checked first (TemplateValues)
// and media addresses probed, and problems are shown at their fields.
class TemplatePage : public QWidget
{
    Q_OBJECT
public:
    explicit TemplatePage(Engine *engine, QWidget *parent = nullptr);
    ~TemplatePage() override;

    // Fetches the template list (also done once when the page is first shown).
    void refreshTemplates();
    // Loads a template's variable definitions and builds its form.
    void openTemplate(const QString &templateId);
    QString templateId() const;

    // Checks every variant, probes their media, then asks for one preview per variant.
    void previewAll();
    // Render of one variant's preview (key = the job's local id): confirms the exact cost and
    // the balance after it, then renders once.
    void requestRender(const QString &key);

    // Shows a recorded batch again (e.g. from the history after a restart): its template and
    // its previews side by side. False when the store has no such batch.
    bool openBatch(qint64 batchId);
    TemplatePreviewBatch *previewBatch() const { return m_batch; }
    // Local ids of the jobs of the batch shown, in variant order.
    QList<qint64> variantJobIds() const { return m_batch->jobIds(); }
    bool isBusy() const { return m_busy; }

    TemplateBrowser *browser() const { return m_browser; }
    VariablesForm *form() const { return m_form; }
    VariantList *variants() const { return m_variants; }
    ComparisonGrid *grid() const;
    QPushButton *previewButton() const { return m_previewButton; }
    QLabel *costLabel() const { return m_cost; }
    FieldMessage *messageLabel() const { return m_message; }
    TemplateComparison *comparison() const { return m_comparison; }
    PresetBar *presetBar() const { return m_presetBar; }
    QComboBox *presetCombo() const;
    QPushButton *savePresetButton() const;
    QPushButton *loadPresetButton() const;

    void savePreset();
    void loadPreset();

Q_SIGNALS:
    void templateLoaded(const QString &templateId);
    void templateLoadFailed(const QString &message);
    // Nothing was sent: a field shows why.
    void validationFailed();
    // One template preview job per variant was asked for (local job ids, in variant order).
    void variantsRequested(const QList<qint64> &jobIds);
    // A render confirmation is open (tests answer it).
    void renderConfirmationShown(QWidget *dialog);
    void renderStarted(qint64 renderLocalId);
    // A variant whose answer was lost cannot be checked: the user decides whether to send it
    // again (the dialog's default sends nothing).
    void notSureShown(QMessageBox *dialog);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Pending
    {
        QList<TemplatePreviewBatch::Variant> variants;
        // Where each media address was typed: variant index and variable name.
        QHash<QString, QPair<int, QString>> mediaFields;
    };

    void onTemplateLoaded(const CustomTemplate &customTemplate);
    void showTemplateError(const ApiError &error);
    void selectVariant(int index);
    bool reportInvalid(int variantIndex, const QMap<QString, QString> &fieldErrors);
    void onProbeFinished();
    void sendPreviews(const Pending &pending);
    void onBatchSent(const TemplatePreviewBatch::Result &result);
    void askToSendAgain(const TemplatePreviewBatch::Result &result);
    void showResults();
    static QString makingNote();
    void applyPreset(const TemplatePreset &preset);
    void updateCost();
    void setBusy(bool busy);
    void refreshKnownCost();

    Engine *m_engine;
    TemplateBrowser *m_browser;
    QLabel *m_title;
    PresetBar *m_presetBar;
    VariantList *m_variants;
    VariablesForm *m_form;
    QLabel *m_cost;
    FieldMessage *m_message;
    QPushButton *m_previewButton;
    QSplitter *m_splitter = nullptr;
    TemplateMediaProbe *m_probe;
    TemplatePreviewBatch *m_batch;
    TemplateComparison *m_comparison;

    QString m_requestedTemplateId;
    bool m_templateReady = false;
    bool m_loadingVariant = false;
    bool m_busy = false;
    bool m_listRequested = false;
    // What one preview of the open template cost last time (from the store); 0: not known.
    double m_knownPreviewCredits = 0;
    Pending m_pending;
};

} // namespace PreviewDeck
