#include "styleselector.h"

#include "apienums.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace PreviewDeck {

StyleSelector::StyleSelector(QWidget *parent)
    : QWidget(parent),
      m_filter(new QLineEdit(this)),
      m_list(new QListWidget(this)),
      m_summary(new QLabel(this))
{
    m_filter->setPlaceholderText(tr("Search styles…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Search visual styles"));
    m_list->setAccessibleName(tr("Visual styles"));
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    connect(m_filter, &QLineEdit::textChanged, this, &StyleSelector::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        updateSummary();
        Q_EMIT selectionChanged();
    });
    updateSummary();
}

void StyleSelector::setStyles(const QStringList &styles)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const QString &style : styles) {
        auto *item = new QListWidgetItem(style, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    applyFilter(m_filter->text());
    updateSummary();
}

QStringList StyleSelector::selectedStyles() const
{
    QStringList selected;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if (item->checkState() == Qt::Checked && (item->flags() & Qt::ItemIsEnabled))
            selected << item->text();
    }
    return selected;
}

void StyleSelector::setSelectedStyles(const QStringList &styles)
{
    {
        const QSignalBlocker blocker(m_list);
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            item->setCheckState(styles.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    updateSummary();
    Q_EMIT selectionChanged();
}

void StyleSelector::setAspectRatio(const QString &aspectRatio)
{
    {
        const QSignalBlocker blocker(m_list);
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            const bool fits = ApiEnums::aspectRatiosFor(item->text()).contains(aspectRatio);
            item->setFlags(fits ? item->flags() | Qt::ItemIsEnabled
                                : item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(fits ? QString() : tr("Not available for %1 videos").arg(aspectRatio));
            if (!fits)
                item->setCheckState(Qt::Unchecked);
        }
    }
    updateSummary();
    Q_EMIT selectionChanged();
}

void StyleSelector::applyFilter(const QString &text)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

void StyleSelector::updateSummary()
{
    const int count = int(selectedStyles().size());
    m_summary->setText(count == 0           ? tr("Tick the styles you want to compare.")
                               : count == 1 ? tr("1 style selected")
                                            : tr("%1 styles selected").arg(count));
}

} // namespace PreviewDeck
