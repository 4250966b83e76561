#include "newvideo/styleselector.h"

#include "apienums.h"
#include "newvideo/stylegallery.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace PreviewDeck {

StyleSelector::StyleSelector(QWidget *parent)
    : QWidget(parent),
      m_filter(new QLineEdit(this)),
      m_clear(new QPushButton(tr("Select &none"), this)),
      m_noMatch(new QLabel(this)),
      m_gallery(new StyleGallery(this)),
      m_summary(new QLabel(this))
{
    m_filter->setObjectName(QStringLiteral("styleFilter"));
    m_filter->setPlaceholderText(tr("Search styles, e.g. presenter or split"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Search visual styles"));
    m_clear->setObjectName(QStringLiteral("clearStyles"));
    m_clear->setToolTip(tr("Unpick every style"));
    m_noMatch->setObjectName(QStringLiteral("noStyleMatches"));
    m_noMatch->hide();
    m_summary->setObjectName(QStringLiteral("styleSummary"));
    m_summary->setWordWrap(true);
    auto *note = new QLabel(tr("The pictures sketch each layout; they are not frames from "
                               "Creatify."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    QFont small = note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    note->setFont(small);

    auto *top = new QHBoxLayout();
    top->addWidget(m_filter, 1);
    top->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_noMatch);
    layout->addWidget(m_gallery, 1);
    layout->addWidget(m_summary);
    layout->addWidget(note);
    setFocusProxy(m_gallery);

    connect(m_filter, &QLineEdit::textChanged, this, &StyleSelector::applyFilter);
    // Down from the search field goes on to the cards, as in a search box with results.
    m_filter->installEventFilter(this);
    connect(m_clear, &QPushButton::clicked, this, [this] { setSelectedStyles({}); });
    connect(m_gallery, &QListWidget::itemChanged, this, [this] {
        updateSummary();
        Q_EMIT selectionChanged();
    });
    updateSummary();
}

bool StyleSelector::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down) {
        m_gallery->setFocus(Qt::TabFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void StyleSelector::setStyles(const QStringList &styles)
{
    m_gallery->setStyles(styles);
    applyFilter(m_filter->text());
    updateSummary();
}

QStringList StyleSelector::selectedStyles() const
{
    return m_gallery->selectedStyles();
}

void StyleSelector::setSelectedStyles(const QStringList &styles)
{
    m_gallery->setSelectedStyles(styles);
    updateSummary();
    Q_EMIT selectionChanged();
}

void StyleSelector::reset()
{
    m_filter->clear();
    setSelectedStyles({});
    if (m_gallery->count() > 0) {
        m_gallery->setCurrentRow(0);
        m_gallery->scrollToTop();
    }
}

void StyleSelector::setAspectRatio(const QString &aspectRatio)
{
    m_gallery->setAspectRatio(aspectRatio);
    updateSummary();
    Q_EMIT selectionChanged();
}

void StyleSelector::applyFilter(const QString &text)
{
    const int shown = m_gallery->applyFilter(text);
    m_noMatch->setText(tr("No style matches “%1”.").arg(text.trimmed()));
    m_noMatch->setVisible(shown == 0);
}

void StyleSelector::updateSummary()
{
    const QStringList selected = selectedStyles();
    const int count = int(selected.size());
    m_clear->setEnabled(count > 0);
    // The names too: the picked cards may be scrolled out of sight.
    QStringList names;
    for (const QString &style : selected)
        names << ApiEnums::visualStyleLabel(style);
    const QString list = names.join(QLatin1String(", "));
    m_summary->setText(count == 0           ? tr("Pick the styles you want to compare.")
                               : count == 1 ? tr("1 style selected: %1").arg(list)
                                            : tr("%1 styles selected: %2").arg(count).arg(list));
}

} // namespace PreviewDeck
