// How the user moves about the comparison grid: the current tile, picking tiles for the focus
// view and showing it, pages, and the keys (GridBar::keysHelp() lists them). The tiles, their
// layout and playback are in previewgrid.cpp.

#include "grid/web/previewgrid.h"

#include "grid/web/gridbar.h"
#include "grid/web/previewtile.h"

#include <QKeyEvent>
#include <QScrollArea>

namespace PreviewDeck {

namespace {
constexpr int kMargin = 12;
}

// --- Selection, picking and the focus view --------------------------------------------------

void PreviewGrid::setCurrentKey(const QString &key)
{
    PreviewTile *t = tile(key);
    if (t && m_focus.isEmpty() && m_perPage > 0) {
        // On another page: that page is shown.
        const int index = int(candidates().indexOf(t));
        if (index >= 0 && index / m_perPage != m_page) {
            m_page = index / m_perPage;
            relayout();
        }
    }
    if (t && m_focus.isEmpty())
        m_scroll->ensureWidgetVisible(t, 0, kMargin);
    if (key == m_current)
        return;
    if (PreviewTile *old = tile(m_current))
        old->setSelected(false);
    m_current = t ? key : QString(); // a key not (or no longer) here selects none
    if (t)
        t->setSelected(true);
    Q_EMIT currentChanged(key);
}

QStringList PreviewGrid::pickedKeys() const
{
    QStringList keys;
    for (const PreviewTile *t : m_tiles) {
        if (t->isPickedForCompare())
            keys << t->key();
    }
    return keys;
}

void PreviewGrid::setPicked(const QString &key, bool picked)
{
    PreviewTile *t = tile(key);
    if (!t || t->isPickedForCompare() == picked)
        return;
    t->setPickedForCompare(picked);
    updateBar();
    Q_EMIT pickChanged(key, picked);
}

void PreviewGrid::compareSelected()
{
    focusOn(pickedKeys());
}

void PreviewGrid::focusOn(const QStringList &keys)
{
    QStringList focus;
    QStringList titles;
    for (const PreviewTile *t : std::as_const(m_tiles)) {
        if (keys.contains(t->key())) {
            focus << t->key();
            titles << t->info().title;
        }
    }
    if (focus.isEmpty() || focus == m_focus)
        return;
    m_focus = focus;
    if (!m_focus.contains(m_current))
        setCurrentKey(m_focus.first());
    m_bar->setFocusView(true,
                        m_focus.size() == 1 ? titles.first()
                                            : tr("Comparing %1: %2")
                                                      .arg(m_focus.size())
                                                      .arg(titles.join(QStringLiteral(", "))));
    relayout();
    Q_EMIT focusViewChanged();
}

void PreviewGrid::showGrid()
{
    if (m_focus.isEmpty())
        return;
    m_focus.clear();
    m_bar->setFocusView(false, QString());
    relayout();
    setCurrentKey(m_current); // its page, in view
    Q_EMIT focusViewChanged();
}

void PreviewGrid::setCurrentPage(int page)
{
    page = qBound(0, page, m_pageCount - 1);
    if (page == m_page || !m_focus.isEmpty())
        return;
    // The current tile keeps its place on the page, as far as the new page has tiles.
    const QList<PreviewTile *> all = candidates();
    const int offset = m_perPage > 0 ? qMax(0, int(all.indexOf(tile(m_current)))) % m_perPage : 0;
    m_page = page;
    relayout();
    if (m_perPage > 0 && !all.isEmpty())
        setCurrentKey(all.at(qMin(int(all.size()) - 1, page * m_perPage + offset))->key());
}

// --- Keys -----------------------------------------------------------------------------------

void PreviewGrid::moveCurrent(int delta)
{
    // One tile large: the arrows go through all previews one by one. Several: among them.
    QList<PreviewTile *> list = m_focus.size() > 1 ? shownTiles() : candidates();
    if (list.isEmpty())
        return;
    const int from = qMax(0, int(list.indexOf(tile(m_current))));
    const QString key = list.at(qBound(0, from + delta, int(list.size()) - 1))->key();
    if (m_focus.size() == 1)
        focusOn({key});
    else
        setCurrentKey(key);
}

void PreviewGrid::keyPressEvent(QKeyEvent *event)
{
    if (m_boardRow) { // the board moves across its rows
        event->ignore();
        return;
    }
    const bool focused = !m_focus.isEmpty();
    const int rowStep = m_focus.size() == 1 ? 1 : m_columns;
    const bool plain = !(event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier));
    switch (event->key()) {
    case Qt::Key_Left:
        moveCurrent(-1);
        break;
    case Qt::Key_Right:
        moveCurrent(1);
        break;
    case Qt::Key_Up:
        moveCurrent(-rowStep);
        break;
    case Qt::Key_Down:
        moveCurrent(rowStep);
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const int step = event->key() == Qt::Key_PageUp ? -1 : 1;
        if (m_focus.size() == 1)
            moveCurrent(step);
        else if (!focused)
            setCurrentPage(m_page + step);
        break;
    }
    case Qt::Key_Home:
        moveCurrent(-int(m_tiles.size()));
        break;
    case Qt::Key_End:
        moveCurrent(int(m_tiles.size()));
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // Rendering costs credits: only Ctrl+Enter (or the button) does it, never plain Enter.
        if (event->modifiers() & Qt::ControlModifier) {
            if (PreviewTile *t = tile(m_current))
                t->requestRender();
        } else if (!focused) {
            if (pickedKeys().isEmpty())
                enlarge(m_current);
            else
                compareSelected();
        }
        break;
    case Qt::Key_Escape:
        if (!focused) {
            event->ignore();
            return;
        }
        showGrid();
        break;
    case Qt::Key_Space:
    case Qt::Key_M:
    case Qt::Key_R:
    case Qt::Key_F:
    case Qt::Key_X:
    case Qt::Key_U:
    case Qt::Key_H:
    case Qt::Key_C:
        // Only the grid's own focus: keys a page leaves unused come up here too.
        if (!plain || m_tiles.isEmpty() || !hasFocus()) {
            ComparisonGrid::keyPressEvent(event);
            return;
        }
        switch (event->key()) {
        case Qt::Key_Space:
            if (m_playing)
                pauseAll();
            else
                playAll();
            break;
        case Qt::Key_M:
            setMutedAll(!m_muted);
            break;
        case Qt::Key_R:
            restartAll();
            break;
        case Qt::Key_F:
            requestMark(TileMark::Favourite);
            break;
        case Qt::Key_X:
            requestMark(TileMark::Rejected);
            break;
        case Qt::Key_U:
            if (tile(m_current) && m_marksEnabled)
                Q_EMIT markRequested(m_current, TileMark::None);
            break;
        case Qt::Key_H:
            if (m_marksEnabled)
                Q_EMIT hideRejectedRequested(!m_hideRejected);
            break;
        case Qt::Key_C:
            if (PreviewTile *t = tile(m_current))
                setPicked(m_current, !t->isPickedForCompare());
            break;
        }
        break;
    default:
        ComparisonGrid::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace PreviewDeck
