#pragma once

#include <QStyledItemDelegate>

namespace PreviewDeck {

// Paints a visual style as a card (sample picture, name, one-line description, a check mark
// when picked) and toggles it on a click or Space. A card's picture is read from the resources
// after the card is first painted, so only the cards in view cost anything, and not before the
// window is up.
class StyleCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum Role {
        StyleRole = Qt::UserRole, // the API name, the value sent
        DescriptionRole,
        AvailableRole, // false when the style is not made for the chosen aspect ratio
        ReasonRole, // why not, in a few words, shown on the card
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    static QString picturePath(const QString &style);
    // The card's height for a card this wide, with the view's font.
    static int cardHeight(int width, const QFont &font);
    void setCardSize(const QSize &size) { m_cardSize = size; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    struct PictureRequest
    {
        QString style;
        QSize size;
        qreal dpr;
    };
    // The picture if it was read already; otherwise it is read once the event loop is free
    // (so a window opens without waiting for pictures) and the cards are painted again.
    QPixmap cachedPicture(const QString &style, const QSize &size, qreal dpr) const;
    void readPendingPictures();

    QSize m_cardSize{200, 200};
    mutable QList<PictureRequest> m_pending;
};

} // namespace PreviewDeck
