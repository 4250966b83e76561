#include "grid/web/gridbar.h"

#include "grid/web/gridicons.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QToolTip>

namespace PreviewDeck {

namespace {
constexpr int kMargin = 12;

QToolButton *makeButton(QWidget *parent, const QString &objectName, const QString &text,
                        const QString &toolTip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus); // the keys stay with the grid
    return button;
}
} // namespace

QString GridBar::keysHelp()
{
    return tr("<b>Keys</b><table>"
              "<tr><td>Arrows, Home, End&nbsp;&nbsp;</td><td>move between previews</td></tr>"
              "<tr><td>Page Up, Page Down</td><td>previous or next page</td></tr>"
              "<tr><td>F</td><td>mark as favourite (again: clear)</td></tr>"
              "<tr><td>X</td><td>mark as rejected (again: clear)</td></tr>"
              "<tr><td>U</td><td>clear the mark</td></tr>"
              "<tr><td>H</td><td>hide or show the rejected previews</td></tr>"
              "<tr><td>C, Ctrl+click</td><td>pick for comparing</td></tr>"
              "<tr><td>Enter</td><td>show the picked previews large (or the current one)"
              "</td></tr>"
              "<tr><td>Esc</td><td>back to all previews</td></tr>"
              "<tr><td>Space</td><td>play or pause all</td></tr>"
              "<tr><td>R</td><td>play all from the start</td></tr>"
              "<tr><td>M</td><td>sound off or on</td></tr>"
              "<tr><td>Ctrl+Enter</td><td>render the current preview</td></tr>"
              "</table>");
}

GridBar::GridBar(QWidget *parent)
    : QWidget(parent),
      m_back(new QPushButton(tr("Back (Esc)"), this)),
      m_focusTitle(new QLabel(this)),
      m_gridControls(new QWidget(this)),
      m_previous(makeButton(m_gridControls, QStringLiteral("previousPageButton"), tr("Previous"),
                            tr("Previous page of previews (Page Up)"))),
      m_pageLabel(new QLabel(m_gridControls)),
      m_next(makeButton(m_gridControls, QStringLiteral("nextPageButton"), tr("Next"),
                        tr("Next page of previews (Page Down)"))),
      m_compare(new QPushButton(m_gridControls)),
      m_hideRejected(new QCheckBox(tr("Hide rejected"), m_gridControls)),
      m_keys(makeButton(m_gridControls, QStringLiteral("keysButton"), tr("Keys"), keysHelp())),
      m_play(makeButton(this, QStringLiteral("playAllButton"), tr("Play all"),
                        tr("Play every preview (Space)"))),
      m_pause(makeButton(this, QStringLiteral("pauseAllButton"), tr("Pause all"),
                         tr("Pause every preview (Space)"))),
      m_restart(makeButton(this, QStringLiteral("restartAllButton"), tr("Restart all"),
                           tr("Play every preview from its start, all together (R)"))),
      m_mute(makeButton(this, QStringLiteral("muteAllButton"), tr("Mute all"),
                        tr("Sound of every preview off or on (M)")))
{
    setObjectName(QStringLiteral("gridBar"));
    m_back->setObjectName(QStringLiteral("backButton"));
    m_back->setFocusPolicy(Qt::NoFocus);
    m_back->hide();
    m_focusTitle->setObjectName(QStringLiteral("focusTitle"));
    m_focusTitle->hide();
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setFocusPolicy(Qt::NoFocus);
    m_compare->setToolTip(tr("Show the previews picked with their Compare check large, side by "
                             "side (Enter)"));
    m_hideRejected->setObjectName(QStringLiteral("hideRejectedBox"));
    m_hideRejected->setFocusPolicy(Qt::NoFocus);
    m_hideRejected->setToolTip(tr("Hide the previews marked as rejected (H)"));
    m_mute->setCheckable(true);

    auto *grid = new QHBoxLayout(m_gridControls);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_previous);
    grid->addWidget(m_pageLabel);
    grid->addWidget(m_next);
    grid->addSpacing(8);
    grid->addWidget(m_compare);
    grid->addWidget(m_hideRejected);
    grid->addWidget(m_keys);

    auto *bar = new QHBoxLayout(this);
    bar->setContentsMargins(kMargin, 6, kMargin, 0);
    bar->addWidget(m_back);
    bar->addWidget(m_focusTitle, 1);
    bar->addWidget(m_gridControls);
    bar->addStretch();
    for (QToolButton *b : {m_play, m_pause, m_restart, m_mute})
        bar->addWidget(b);

    connect(m_back, &QPushButton::clicked, this, &GridBar::backClicked);
    connect(m_previous, &QToolButton::clicked, this, &GridBar::previousPageClicked);
    connect(m_next, &QToolButton::clicked, this, &GridBar::nextPageClicked);
    connect(m_compare, &QPushButton::clicked, this, &GridBar::compareClicked);
    connect(m_hideRejected, &QCheckBox::clicked, this, [this](bool checked) {
        m_hideRejected->setChecked(!checked); // shows what the grid says, once it says it
        Q_EMIT hideRejectedToggled(checked);
    });
    connect(m_keys, &QToolButton::clicked, this, [this] {
        QToolTip::showText(m_keys->mapToGlobal(QPoint(0, m_keys->height())), keysHelp(), m_keys);
    });
    connect(m_play, &QToolButton::clicked, this, &GridBar::playClicked);
    connect(m_pause, &QToolButton::clicked, this, &GridBar::pauseClicked);
    connect(m_restart, &QToolButton::clicked, this, &GridBar::restartClicked);
    connect(m_mute, &QToolButton::clicked, this, &GridBar::muteToggled);
    // A narrow grid is not held wide by its bar: the playback buttons lose their words first
    // (their tooltips keep them), then the bar is cut.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    setPage(0, 1);
    setCompareCount(0);
    updateIcons();
}

void GridBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitButtons();
}

int GridBar::widthWithWords() const
{
    // Measured with every grid control there (pages too), whether shown now or not: the choice
    // then depends on the width alone, and the buttons do not flip between words and icons
    // when pages come and go or the focus view opens (QA saw both at one width).
    const int spacing = qMax(0, layout()->spacing());
    int needed = layout()->contentsMargins().left() + layout()->contentsMargins().right();
    for (QToolButton *b : {m_play, m_pause, m_restart, m_mute}) {
        const Qt::ToolButtonStyle style = b->toolButtonStyle();
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        needed += b->sizeHint().width() + spacing;
        b->setToolButtonStyle(style);
    }
    const QList<QWidget *> controls = {m_previous, m_pageLabel,    m_next,
                                       m_compare,  m_hideRejected, m_keys};
    for (QWidget *w : controls)
        needed += w->sizeHint().width() + spacing;
    return needed + 8 + spacing; // the gap before "Compare selected"
}

void GridBar::fitButtons()
{
    const Qt::ToolButtonStyle style = width() >= widthWithWords() ? Qt::ToolButtonTextBesideIcon
                                                                  : Qt::ToolButtonIconOnly;
    for (QToolButton *b : {m_play, m_pause, m_restart, m_mute})
        b->setToolButtonStyle(style);
}

void GridBar::setFocusView(bool on, const QString &title)
{
    m_back->setVisible(on);
    m_focusTitle->setVisible(on);
    m_focusTitle->setText(title);
    m_gridControls->setVisible(!on);
    fitButtons();
}

void GridBar::setPage(int page, int pageCount)
{
    const bool paged = pageCount > 1;
    m_previous->setVisible(paged);
    m_pageLabel->setVisible(paged);
    m_next->setVisible(paged);
    m_pageLabel->setText(tr("Page %1 of %2").arg(page + 1).arg(pageCount));
    m_previous->setEnabled(page > 0);
    m_next->setEnabled(page + 1 < pageCount);
    fitButtons();
}

void GridBar::setCompareCount(int count)
{
    m_compare->setText(tr("Compare selected (%1)").arg(count));
    m_compare->setEnabled(count > 0);
}

void GridBar::setHideRejected(bool hide)
{
    m_hideRejected->setChecked(hide);
}

void GridBar::setMarksEnabled(bool enabled)
{
    m_hideRejected->setVisible(enabled);
}

void GridBar::setMuted(bool muted)
{
    m_muted = muted;
    m_mute->setChecked(muted);
    updateIcons();
}

void GridBar::updateIcons()
{
    const QPalette &pal = palette();
    m_play->setIcon(gridIcon(GridIcon::Play, pal));
    m_pause->setIcon(gridIcon(GridIcon::Pause, pal));
    m_restart->setIcon(gridIcon(GridIcon::Restart, pal));
    m_mute->setIcon(gridIcon(m_muted ? GridIcon::Muted : GridIcon::Sound, pal));
}

void GridBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons(); // in the new text colour
}

} // namespace PreviewDeck
