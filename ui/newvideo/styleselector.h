#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace PreviewDeck {

class StyleGallery;

// The visual styles to compare, picked by look in a gallery of cards: a search field, the cards,
// how many are picked and a way to unpick them all.
class StyleSelector : public QWidget
{
    Q_OBJECT
public:
    explicit StyleSelector(QWidget *parent = nullptr);

    void setStyles(const QStringList &styles);
    QStringList selectedStyles() const;
    void setSelectedStyles(const QStringList &styles);
    // As for a new video: nothing picked, no search, the first cards in view.
    void reset();
    // Styles not documented for this aspect ratio cannot be picked (and are unpicked).
    void setAspectRatio(const QString &aspectRatio);
    StyleGallery *gallery() const { return m_gallery; }
    QLineEdit *filterField() const { return m_filter; }

Q_SIGNALS:
    void selectionChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter(const QString &text);
    void updateSummary();

    QLineEdit *m_filter;
    QPushButton *m_clear;
    QLabel *m_noMatch;
    StyleGallery *m_gallery;
    QLabel *m_summary;
};

} // namespace PreviewDeck
