#include "newvideo/stylecarddelegate.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QTextLayout>
#include <QTimer>

#include <utility>

namespace PreviewDeck {

namespace {

constexpr int Margin = 4; // between cards
constexpr int Padding = 6; // inside a card
constexpr int DescriptionLines = 3;

QFont nameFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont descriptionFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.9 : 9);
    return font;
}

QString pictureKey(const QString &style, const QSize &size, qreal dpr)
{
    return QStringLiteral("style-card:%1:%2x%3@%4")
            .arg(style)
            .arg(size.width())
            .arg(size.height())
            .arg(dpr);
}

// Text wrapped to at most `lines` lines, the last one elided; returns the lines used.
int drawWrapped(QPainter *painter, const QRectF &rect, const QString &text, const QFont &font,
                int lines)
{
    int used = 0;
    const QFontMetricsF metrics(font);
    QTextLayout layout(text, font);
    layout.beginLayout();
    qreal y = rect.top();
    for (int i = 0; i < lines; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(rect.width());
        const QString rest = text.mid(line.textStart());
        ++used;
        if (i == lines - 1 && line.textLength() < rest.size()) {
            painter->drawText(QPointF(rect.left(), y + metrics.ascent()),
                              metrics.elidedText(rest, Qt::ElideRight, rect.width()));
            break;
        }
        painter->drawText(QPointF(rect.left(), y + metrics.ascent()), rest.left(line.textLength()));
        y += metrics.lineSpacing();
    }
    layout.endLayout();
    return used;
}

void drawCheckMark(QPainter *painter, const QRectF &box, bool checked, const QPalette &palette)
{
    painter->setPen(QPen(checked ? palette.color(QPalette::Highlight) : QColor(255, 255, 255), 2));
    painter->setBrush(checked ? palette.color(QPalette::Highlight) : QColor(0, 0, 0, 90));
    painter->drawEllipse(box);
    if (!checked)
        return;
    QPainterPath tick;
    tick.moveTo(box.left() + box.width() * 0.27, box.top() + box.height() * 0.52);
    tick.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.7);
    tick.lineTo(box.left() + box.width() * 0.74, box.top() + box.height() * 0.33);
    painter->setPen(QPen(palette.color(QPalette::HighlightedText), 2.4, Qt::SolidLine, Qt::RoundCap,
                         Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(tick);
}

} // namespace

QPixmap StyleCardDelegate::cachedPicture(const QString &style, const QSize &size, qreal dpr) const
{
    QPixmap pixmap;
    if (QPixmapCache::find(pictureKey(style, size, dpr), &pixmap))
        return pixmap;
    if (m_pending.isEmpty())
        QTimer::singleShot(0, this, &StyleCardDelegate::readPendingPictures);
    m_pending.append({style, size, dpr});
    return QPixmap();
}

void StyleCardDelegate::readPendingPictures()
{
    const QList<PictureRequest> pending = std::exchange(m_pending, {});
    for (const PictureRequest &request : pending) {
        const QString key = pictureKey(request.style, request.size, request.dpr);
        QPixmap pixmap;
        if (QPixmapCache::find(key, &pixmap))
            continue;
        const QImage image(picturePath(request.style));
        if (image.isNull())
            continue; // the card keeps its blank picture (tst_stylegallery makes sure of none)
        pixmap = QPixmap::fromImage(image.scaled(request.size * request.dpr, Qt::IgnoreAspectRatio,
                                                 Qt::SmoothTransformation));
        pixmap.setDevicePixelRatio(request.dpr);
        QPixmapCache::insert(key, pixmap);
    }
    if (auto *view = qobject_cast<QAbstractItemView *>(parent()))
        view->viewport()->update();
}

QString StyleCardDelegate::picturePath(const QString &style)
{
    return QStringLiteral(":/styles/%1.png").arg(style);
}

int StyleCardDelegate::cardHeight(int width, const QFont &font)
{
    const int pictureHeight = (width - 2 * Margin - 2 * Padding) * 9 / 16;
    return 2 * Margin + Padding + pictureHeight + Padding
            + QFontMetrics(nameFont(font)).lineSpacing() + 2
            + DescriptionLines * QFontMetrics(descriptionFont(font)).lineSpacing() + Padding;
}

QSize StyleCardDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return m_cardSize;
}

void StyleCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    const QPalette &palette = option.palette;
    const bool available = index.data(AvailableRole).toBool();
    // The whole gallery is disabled until the product is read: every card looks it then.
    const bool enabled = option.state & QStyle::State_Enabled;
    const bool checked = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const bool focused = (option.state & QStyle::State_HasFocus) && view && view->hasFocus();
    const bool hovered = (option.state & QStyle::State_MouseOver) && available;
    const QRectF card = QRectF(option.rect).adjusted(Margin, Margin, -Margin, -Margin);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor background = palette.color(QPalette::Base);
    if (checked) {
        const QColor highlight = palette.color(QPalette::Highlight);
        background = QColor::fromRgbF(background.redF() * 0.82 + highlight.redF() * 0.18,
                                      background.greenF() * 0.82 + highlight.greenF() * 0.18,
                                      background.blueF() * 0.82 + highlight.blueF() * 0.18);
    }
    painter->setBrush(background);
    painter->setPen(QPen(checked || hovered ? palette.color(QPalette::Highlight)
                                            : palette.color(QPalette::Mid),
                         checked ? 2 : 1));
    painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    if (focused) {
        // A ring around the card, apart from the border, so focus never reads as "picked".
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2, Qt::DashLine));
        painter->drawRoundedRect(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5), 10, 10);
    }

    const int pictureWidth = int(card.width()) - 2 * Padding;
    const QRect pictureRect(int(card.left()) + Padding, int(card.top()) + Padding, pictureWidth,
                            pictureWidth * 9 / 16);
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QPixmap pixmap = cachedPicture(index.data(StyleRole).toString(), pictureRect.size(), dpr);
    painter->setOpacity(available && enabled ? 1.0 : 0.35);
    QPainterPath clip;
    clip.addRoundedRect(pictureRect, 5, 5);
    painter->setClipPath(clip);
    if (pixmap.isNull())
        painter->fillRect(pictureRect, palette.color(QPalette::Midlight));
    else
        painter->drawPixmap(pictureRect, pixmap);
    painter->setClipping(false);
    painter->setOpacity(1.0);
    if (available && enabled) {
        drawCheckMark(painter, QRectF(pictureRect.left() + 6, pictureRect.top() + 6, 22, 22),
                      checked, palette);
    } else if (!available) {
        // Why it cannot be picked, on the picture itself.
        const QString reason = index.data(ReasonRole).toString();
        const QFont font = descriptionFont(option.font);
        const QFontMetrics metrics(font);
        const int width = qMin(metrics.horizontalAdvance(reason) + 16, pictureRect.width() - 8);
        const QRect pill(pictureRect.center().x() - width / 2,
                         pictureRect.center().y() - metrics.height() / 2 - 3, width,
                         metrics.height() + 6);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 170));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(Qt::white);
        painter->setFont(font);
        painter->drawText(pill, Qt::AlignCenter,
                          metrics.elidedText(reason, Qt::ElideRight, pill.width() - 12));
    }

    const QPalette::ColorGroup group = available && enabled ? QPalette::Active : QPalette::Disabled;
    const QColor text = palette.color(group, QPalette::Text);
    const QFont name = nameFont(option.font);
    const QFontMetrics nameMetrics(name);
    int y = pictureRect.bottom() + 1 + Padding;
    painter->setFont(name);
    painter->setPen(text);
    // A long name takes a second line rather than being cut; the description gives it up.
    const int nameLines = drawWrapped(
            painter,
            QRectF(pictureRect.left(), y, pictureRect.width(), 2 * nameMetrics.lineSpacing()),
            index.data(Qt::DisplayRole).toString(), name, 2);
    y += nameLines * nameMetrics.lineSpacing() + 2;
    painter->setFont(descriptionFont(option.font));
    painter->setPen(palette.color(group, QPalette::PlaceholderText));
    drawWrapped(painter, QRectF(pictureRect.left(), y, pictureRect.width(), card.bottom() - y),
                index.data(DescriptionRole).toString(), painter->font(),
                DescriptionLines - (nameLines - 1));
    painter->restore();
}

bool StyleCardDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    bool toggle = false;
    switch (event->type()) {
    case QEvent::MouseButtonRelease: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        toggle = mouse->button() == Qt::LeftButton
                && option.rect.contains(mouse->position().toPoint());
        break;
    }
    case QEvent::MouseButtonPress:
        return false; // the view's: it makes the card current and gives the gallery focus
    case QEvent::MouseButtonDblClick:
        // The release toggles; a double click is two toggles, as two clicks are.
        return static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton;
    case QEvent::KeyPress: {
        const int key = static_cast<QKeyEvent *>(event)->key();
        toggle = key == Qt::Key_Space || key == Qt::Key_Select;
        break;
    }
    default:
        break;
    }
    if (!toggle)
        return false;
    if (index.data(AvailableRole).toBool()) {
        const bool checked = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
        model->setData(index, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    }
    return true; // a style that cannot be picked still takes the click: nothing else happens
}

} // namespace PreviewDeck
