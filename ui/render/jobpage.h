#pragma once

#include "grid/previewtileinfo.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QProgressBar;
class QSplitter;
class QVBoxLayout;

namespace PreviewDeck {

class Engine;
class FieldMessage;
class ComparisonGrid;
class RenderResultWidget;
class RenderResultsPane;
class RenderTileFlow;

// One job: its status, its previews side by side, and what became of its renders. Everything
// shown is read from the store and refreshed on its change signals.
class JobPage : public QWidget
{
    Q_OBJECT
public:
    explicit JobPage(Engine *engine, QWidget *parent = nullptr);

    void showJob(qint64 jobLocalId);
    qint64 jobLocalId() const { return m_jobLocalId; }
    ComparisonGrid *grid() const { return m_grid; }

    // Asks to render one preview (key = its media_job; ignored for template jobs): shows the
    // exact cost and the balance after it, and renders once the user confirms.
    void requestRender(const QString &key);

Q_SIGNALS:
    // A confirmation dialog is open (tests answer it).
    void renderConfirmationShown(QWidget *dialog);
    void renderStarted(qint64 renderLocalId);

private:
    void refreshJob();
    void refreshRenders();
    // The header says what the user waits for: a render under way before the previews' state.
    void updateHeader();
    QString renderQuestion(const QString &key) const;
    // Every tile's key: a link job's previews, or a template job's single preview.
    QStringList tileKeys() const;

    Engine *m_engine;
    qint64 m_jobLocalId = 0;
    QLabel *m_title;
    QLabel *m_status;
    QProgressBar *m_progress;
    FieldMessage *m_message;
    ComparisonGrid *m_grid;
    QSplitter *m_splitter = nullptr;
    RenderResultsPane *m_results = nullptr;
    RenderTileFlow *m_renderFlow = nullptr;
};

} // namespace PreviewDeck
