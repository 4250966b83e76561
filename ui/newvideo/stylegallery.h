#pragma once

#include <QListWidget>

namespace PreviewDeck {

class StyleCardDelegate;

// The visual styles as cards to pick by look: several at once, with the mouse or the keyboard
// (arrows move, Space picks). Styles not made for the chosen aspect ratio stay visible but
// cannot be picked, and say why. Scrolls inside itself, as many cards a row as fit.
class StyleGallery : public QListWidget
{
    Q_OBJECT
public:
    explicit StyleGallery(QWidget *parent = nullptr);

    void setStyles(const QStringList &styles);
    QStringList selectedStyles() const;
    // Styles that cannot be picked for the current aspect ratio are left out.
    void setSelectedStyles(const QStringList &styles);
    void setAspectRatio(const QString &aspectRatio);
    // Shows the cards whose name, API name or description contain every word; returns how many.
    int applyFilter(const QString &text);
    QListWidgetItem *itemForStyle(const QString &style) const;
    bool isAvailable(const QListWidgetItem *item) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateCardSize();
    static QString toolTipFor(const QListWidgetItem *item, const QString &aspectRatio);

    StyleCardDelegate *m_delegate;
    QString m_aspectRatio;
};

} // namespace PreviewDeck
