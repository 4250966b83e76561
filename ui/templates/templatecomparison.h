#pragma once

#include "grid/previewtileinfo.h"

#include <QWidget>

class QLabel;

namespace PreviewDeck {

class ComparisonGrid;
class Engine;
class FieldMessage;
class RenderResultsPane;
class RenderTileFlow;
class TemplatePreviewBatch;

// The lower half of the template page: the previews of a TemplatePreviewBatch side by side,
// a line saying how many are ready, and rendering the one the user picks (confirmed with its
// cost and the balance after it). Everything shown is read from the store.
class TemplateComparison : public QWidget
{
    Q_OBJECT
public:
    // `messages`: where render problems and waits are said (the page's message line).
    TemplateComparison(Engine *engine, TemplatePreviewBatch *batch, FieldMessage *messages,
                       QWidget *parent = nullptr);

    ComparisonGrid *grid() const { return m_grid; }
    RenderResultsPane *results() const { return m_results; }
    // Re-reads the batch's jobs and renders from the store.
    void refresh();
    // A new batch is starting: no tile, no render under way.
    void startOver();
    // Render of one variant's preview (key = the job's local id).
    void requestRender(const QString &key);
    // Every variant of the batch has its preview (as of the last refresh()).
    bool allPreviewsReady() const { return m_allReady; }

Q_SIGNALS:
    void renderConfirmationShown(QWidget *dialog);
    // refresh() found every preview of the batch made.
    void previewsReady();
    void renderStarted(qint64 renderLocalId);

private:
    void keepComparisonInStore();
    // The store's key of a variant's one preview (its job's id on Creatify).
    QString previewOf(qint64 jobLocalId) const;
    bool m_allReady = false;

    Engine *m_engine;
    TemplatePreviewBatch *m_batch;
    FieldMessage *m_messages;
    QLabel *m_status;
    ComparisonGrid *m_grid;
    RenderResultsPane *m_results;
    RenderTileFlow *m_renderFlow;
};

} // namespace PreviewDeck
