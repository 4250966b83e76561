#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLineEdit;
class QListView;
class QMenu;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
QT_END_NAMESPACE

namespace PreviewDeck {

class HistoryModel;

// The history list: a filter field, the jobs (title, status and credits, a progress bar while
// work runs) and the actions on the selected job. Actions are only requested through signals;
// the window decides (and asks before removing).
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(HistoryModel *model, QWidget *parent = nullptr);
    ~HistoryView() override;

    HistoryModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }
    QLineEdit *filterEdit() const { return m_filter; }
    // What the empty list says (nothing yet, or nothing matches the filter); empty otherwise.
    QString emptyText() const;

    qint64 currentJobId() const; // 0 when nothing is selected
    void selectJob(qint64 jobLocalId);
    void setFilterText(const QString &text);

    // The actions offered for the current job (what the buttons and context menu show).
    QPushButton *openButton() const { return m_openButton; }
    QPushButton *previewsButton() const { return m_previewsButton; }
    QPushButton *renderAnotherButton() const { return m_renderAnotherButton; }
    QPushButton *retryDownloadButton() const { return m_retryButton; }
    QPushButton *removeButton() const { return m_removeButton; }
    // Builds the context menu for the current job (the caller owns it). Public for tests.
    QMenu *createContextMenu(QWidget *parent);

Q_SIGNALS:
    void openRequested(qint64 jobLocalId);
    void showPreviewsRequested(qint64 jobLocalId);
    void renderAnotherRequested(qint64 jobLocalId);
    void retryDownloadRequested(qint64 renderLocalId);
    void removeRequested(qint64 jobLocalId);
    void currentJobChanged(qint64 jobLocalId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateActions();
    QModelIndex currentSourceIndex() const;
    void requestOpen();
    void requestPreviews();
    void requestRenderAnother();
    void requestRetry();
    void requestRemove();
    bool canShowPreviews() const;
    bool canRenderAnother() const;
    qint64 retryableRenderId() const;

    HistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QListView *m_list;
    QPushButton *m_openButton;
    QPushButton *m_previewsButton;
    QPushButton *m_renderAnotherButton;
    QPushButton *m_retryButton;
    QPushButton *m_removeButton;
};

} // namespace PreviewDeck
