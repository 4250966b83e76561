#pragma once

#include <QHash>
#include <QScrollArea>

class QSplitter;
class QVBoxLayout;

namespace PreviewDeck {

class Engine;
class RenderResultWidget;

// The render panels under a comparison grid (job page and template page alike): one
// RenderResultWidget per render, newest first, scrolling inside the page so the window never
// grows by itself. Hidden while there is no render, so the grid has the page to itself; when a
// panel arrives or grows (picture, player) it gets the height it needs, up to half the page.
class RenderResultsPane : public QScrollArea
{
    Q_OBJECT
public:
    RenderResultsPane(Engine *engine, QSplitter *splitter, QWidget *parent = nullptr);

    // Shows a panel for every render of these jobs not shown yet.
    void addRendersOf(const QList<qint64> &jobLocalIds);
    void clear();
    bool isEmpty() const { return m_panels.isEmpty(); }
    RenderResultWidget *newest() const;

private:
    void makeRoom();

    Engine *m_engine;
    QSplitter *m_splitter;
    QVBoxLayout *m_layout;
    QHash<qint64, RenderResultWidget *> m_panels;
};

} // namespace PreviewDeck
