#include "newvideo/stylegallery.h"

#include "apienums.h"
#include "newvideo/stylecarddelegate.h"

#include <QEvent>
#include <QScrollBar>

namespace PreviewDeck {

namespace {

constexpr int MinimumCardWidth = 176;

QString ratioName(const QString &ratio)
{
    if (ratio == QLatin1String("9x16"))
        return StyleGallery::tr("tall 9:16");
    if (ratio == QLatin1String("16x9"))
        return StyleGallery::tr("wide 16:9");
    if (ratio == QLatin1String("1x1"))
        return StyleGallery::tr("square 1:1");
    return ratio;
}

// "Tall 9:16 only" or "Tall 9:16 and square 1:1 only": the short reason shown on the card.
QString onlyFor(const QStringList &ratios)
{
    QStringList names;
    for (const QString &ratio : ratios)
        names << ratioName(ratio);
    QString text = names.size() == 2
            ? StyleGallery::tr("%1 and %2 only").arg(names.at(0), names.at(1))
            : StyleGallery::tr("%1 only").arg(names.join(QLatin1String(", ")));
    text[0] = text.at(0).toUpper();
    return text;
}

} // namespace

StyleGallery::StyleGallery(QWidget *parent)
    : QListWidget(parent), m_delegate(new StyleCardDelegate(this))
{
    setObjectName(QStringLiteral("styleGallery"));
    setAccessibleName(tr("Visual styles"));
    setItemDelegate(m_delegate);
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setSpacing(0);
    // Picked is the check mark; the current card shows as a focus ring.
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Always there, so that the number of columns does not flip as the scroll bar comes and goes.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A click or Tab gives focus, never the wheel of a user scrolling past (see WheelGuard).
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_Hover);
    setMouseTracking(true);
    updateCardSize();
}

void StyleGallery::setStyles(const QStringList &styles)
{
    {
        const QSignalBlocker blocker(this);
        clear();
        for (const QString &style : styles) {
            auto *item = new QListWidgetItem(ApiEnums::visualStyleLabel(style), this);
            item->setData(StyleCardDelegate::StyleRole, style);
            item->setData(StyleCardDelegate::DescriptionRole,
                          ApiEnums::visualStyleDescription(style));
            item->setData(StyleCardDelegate::AvailableRole, true);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    setAspectRatio(m_aspectRatio);
    if (count() > 0)
        setCurrentRow(0);
}

QListWidgetItem *StyleGallery::itemForStyle(const QString &style) const
{
    for (int i = 0; i < count(); ++i) {
        if (item(i)->data(StyleCardDelegate::StyleRole).toString() == style)
            return item(i);
    }
    return nullptr;
}

bool StyleGallery::isAvailable(const QListWidgetItem *item) const
{
    return item && item->data(StyleCardDelegate::AvailableRole).toBool();
}

QStringList StyleGallery::selectedStyles() const
{
    QStringList selected;
    for (int i = 0; i < count(); ++i) {
        const QListWidgetItem *card = item(i);
        if (card->checkState() == Qt::Checked && isAvailable(card))
            selected << card->data(StyleCardDelegate::StyleRole).toString();
    }
    return selected;
}

void StyleGallery::setSelectedStyles(const QStringList &styles)
{
    const QSignalBlocker blocker(this);
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *card = item(i);
        const bool pick = isAvailable(card)
                && styles.contains(card->data(StyleCardDelegate::StyleRole).toString());
        card->setCheckState(pick ? Qt::Checked : Qt::Unchecked);
    }
}

void StyleGallery::setAspectRatio(const QString &aspectRatio)
{
    m_aspectRatio = aspectRatio;
    const QSignalBlocker blocker(this);
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *card = item(i);
        const QStringList ratios = ApiEnums::aspectRatiosFor(
                card->data(StyleCardDelegate::StyleRole).toString());
        const bool fits = aspectRatio.isEmpty() || ratios.contains(aspectRatio);
        card->setData(StyleCardDelegate::AvailableRole, fits);
        card->setData(StyleCardDelegate::ReasonRole, fits ? QString() : onlyFor(ratios));
        card->setToolTip(toolTipFor(card, aspectRatio));
        if (!fits)
            card->setCheckState(Qt::Unchecked);
    }
}

QString StyleGallery::toolTipFor(const QListWidgetItem *card, const QString &aspectRatio)
{
    const QString style = card->data(StyleCardDelegate::StyleRole).toString();
    QString tip
            = QStringLiteral("<b>%1</b><br>%2")
                      .arg(card->text().toHtmlEscaped(),
                           card->data(StyleCardDelegate::DescriptionRole).toString().toHtmlEscaped());
    if (!card->data(StyleCardDelegate::AvailableRole).toBool()) {
        const QStringList ratios = ApiEnums::aspectRatiosFor(style);
        QStringList names;
        for (const QString &ratio : ratios)
            names << ratioName(ratio);
        tip += QLatin1String("<br><i>")
                + tr("Not available for %1 videos: Creatify makes this style for %2 videos only.")
                          .arg(ratioName(aspectRatio), names.join(tr(" and ")))
                          .toHtmlEscaped()
                + QLatin1String("</i>");
    }
    tip += QLatin1String("<br>") + tr("API name: %1").arg(style).toHtmlEscaped();
    return tip;
}

int StyleGallery::applyFilter(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int shown = 0;
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *card = item(i);
        const QString haystack = card->text() + QLatin1Char(' ')
                + card->data(StyleCardDelegate::StyleRole).toString() + QLatin1Char(' ')
                + card->data(StyleCardDelegate::DescriptionRole).toString();
        bool matches = true;
        for (const QString &word : words)
            matches = matches && haystack.contains(word, Qt::CaseInsensitive);
        card->setHidden(!matches);
        shown += matches ? 1 : 0;
    }
    // The current card stays on a visible one, so the arrows and Space keep working.
    if (currentItem() && currentItem()->isHidden()) {
        for (int i = 0; i < count(); ++i) {
            if (!item(i)->isHidden()) {
                setCurrentRow(i);
                break;
            }
        }
    }
    return shown;
}

QSize StyleGallery::sizeHint() const
{
    // Two rows of two cards: enough to choose from, small enough not to push the window.
    const int width = 2 * MinimumCardWidth + verticalScrollBar()->sizeHint().width()
            + 2 * frameWidth();
    return {width, 2 * StyleCardDelegate::cardHeight(MinimumCardWidth, font()) + 2 * frameWidth()};
}

QSize StyleGallery::minimumSizeHint() const
{
    // Two and a half rows of cards as they are now: enough to see there is more to choose
    // from. The form around the gallery scrolls when the window is lower than that.
    const int cardWidth = gridSize().isValid() ? gridSize().width() : MinimumCardWidth;
    return {MinimumCardWidth + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
            5 * StyleCardDelegate::cardHeight(cardWidth, font()) / 2 + 2 * frameWidth()};
}

void StyleGallery::resizeEvent(QResizeEvent *event)
{
    updateCardSize();
    QListWidget::resizeEvent(event);
}

void StyleGallery::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateCardSize();
    QListWidget::changeEvent(event);
}

void StyleGallery::updateCardSize()
{
    // As many columns as fit, sharing the width, so the row has no ragged gap at the right.
    // QListView wraps a row that would reach the last pixel, hence the one spared.
    const int available = qMax(MinimumCardWidth, viewport()->width() - 1);
    const int columns = qMax(1, available / MinimumCardWidth);
    const int width = available / columns;
    const QSize size(width, StyleCardDelegate::cardHeight(width, font()));
    if (size == gridSize())
        return;
    m_delegate->setCardSize(size);
    setGridSize(size);
    updateGeometry(); // the minimum height follows the cards' height
    verticalScrollBar()->setSingleStep(size.height() / 4);
}

} // namespace PreviewDeck
