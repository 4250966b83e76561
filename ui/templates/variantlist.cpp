#include "templates/variantlist.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace PreviewDeck {

VariantList::VariantList(QWidget *parent)
    : QWidget(parent),
      m_list(new QListWidget(this)),
      m_add(new QPushButton(tr("&Add variant"), this)),
      m_remove(new QPushButton(tr("Remove"), this))
{
    m_list->setObjectName(QStringLiteral("variantList"));
    m_list->setAccessibleName(tr("Variants"));
    m_add->setObjectName(QStringLiteral("addVariant"));
    m_add->setToolTip(tr("A copy of the current variant: change a few values to compare them."));
    m_remove->setObjectName(QStringLiteral("removeVariant"));

    auto *title = new QLabel(tr("Variants"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *buttons = new QHBoxLayout();
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_updating && row >= 0)
            Q_EMIT currentChanged(row);
    });
    connect(m_add, &QPushButton::clicked, this, &VariantList::addVariant);
    connect(m_remove, &QPushButton::clicked, this, &VariantList::removeCurrent);
    reset({});
}

void VariantList::reset(const TemplateVariant &first)
{
    m_variants = {first};
    refreshLabels();
    m_updating = true;
    m_list->setCurrentRow(0);
    m_updating = false;
    Q_EMIT countChanged(count());
}

int VariantList::currentIndex() const
{
    return qMax(0, m_list->currentRow());
}

void VariantList::setCurrentIndex(int index)
{
    if (index >= 0 && index < count())
        m_list->setCurrentRow(index);
}

QString VariantList::label(int index) const
{
    const QString name = m_variants.value(index).name;
    return name.isEmpty() ? tr("Variant %1").arg(index + 1) : name;
}

void VariantList::updateCurrent(const TemplateVariant &variant)
{
    const int index = currentIndex();
    if (index >= count())
        return;
    m_variants[index] = variant;
    if (QListWidgetItem *item = m_list->item(index))
        item->setText(label(index));
}

int VariantList::addVariant()
{
    TemplateVariant copy = m_variants.value(currentIndex());
    copy.name.clear();
    m_variants << copy;
    refreshLabels();
    m_list->setCurrentRow(count() - 1); // the page loads it into the form
    Q_EMIT countChanged(count());
    return count() - 1;
}

void VariantList::removeCurrent()
{
    if (count() <= 1)
        return; // there is always one variant: the form itself
    const int index = currentIndex();
    m_variants.removeAt(index);
    refreshLabels();
    m_updating = true;
    m_list->setCurrentRow(qMin(index, count() - 1));
    m_updating = false;
    Q_EMIT currentChanged(currentIndex());
    Q_EMIT countChanged(count());
}

void VariantList::refreshLabels()
{
    m_updating = true;
    const int current = m_list->currentRow();
    m_list->clear();
    for (int i = 0; i < count(); ++i)
        m_list->addItem(label(i));
    m_list->setCurrentRow(qBound(0, current, count() - 1));
    m_remove->setEnabled(count() > 1);
    m_updating = false;
}

} // namespace PreviewDeck
