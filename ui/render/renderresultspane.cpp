#include "render/renderresultspane.h"

#include "engine.h"
#include "render/renderresultwidget.h"
#include "store.h"

#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace PreviewDeck {

RenderResultsPane::RenderResultsPane(Engine *engine, QSplitter *splitter, QWidget *parent)
    : QScrollArea(parent), m_engine(engine), m_splitter(splitter), m_layout(new QVBoxLayout)
{
    setObjectName(QStringLiteral("renderResults"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *panels = new QWidget(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    panels->setLayout(m_layout);
    setWidget(panels);
    hide();
    connect(m_engine, &Engine::downloadFinished, this,
            [this] { QTimer::singleShot(0, this, &RenderResultsPane::makeRoom); });
}

void RenderResultsPane::addRendersOf(const QList<qint64> &jobLocalIds)
{
    for (const qint64 jobLocalId : jobLocalIds) {
        for (const RenderRecord &render : m_engine->store()->renders(jobLocalId)) {
            if (m_panels.contains(render.localId))
                continue;
            auto *panel = new RenderResultWidget(m_engine, render.localId, widget());
            m_panels.insert(render.localId, panel);
            m_layout->insertWidget(0, panel);
            show();
            QTimer::singleShot(0, this, &RenderResultsPane::makeRoom);
            // The panel grows when its picture and player arrive: room for them too.
            connect(panel, &RenderResultWidget::thumbnailLoaded, this, &RenderResultsPane::makeRoom,
                    Qt::QueuedConnection);
        }
    }
}

void RenderResultsPane::clear()
{
    qDeleteAll(m_panels);
    m_panels.clear();
    hide();
}

RenderResultWidget *RenderResultsPane::newest() const
{
    return m_panels.isEmpty() ? nullptr
                              : qobject_cast<RenderResultWidget *>(m_layout->itemAt(0)->widget());
}

void RenderResultsPane::makeRoom()
{
    const RenderResultWidget *panel = newest();
    const int index = m_splitter->indexOf(this);
    if (!panel || !isVisible() || index < 0)
        return;
    QList<int> sizes = m_splitter->sizes();
    int total = 0;
    for (const int size : std::as_const(sizes))
        total += size;
    const int wanted = qMin(panel->sizeHint().height() + 8, total / 2);
    if (sizes.at(index) >= wanted)
        return; // the user (or an earlier panel) gave it room already
    const int others = total - sizes.at(index);
    for (int i = 0; i < sizes.size(); ++i) {
        // The other panes give up height in proportion to what they have.
        sizes[i] = i == index ? wanted : (others > 0 ? sizes.at(i) * (total - wanted) / others : 0);
    }
    m_splitter->setSizes(sizes);
}

} // namespace PreviewDeck
