#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
class QLabel;

namespace PreviewDeck {

// A searchable multi-select of visual styles: type to filter, tick the styles to compare.
class StyleSelector : public QWidget
{
    Q_OBJECT
public:
    explicit StyleSelector(QWidget *parent = nullptr);

    void setStyles(const QStringList &styles);
    QStringList selectedStyles() const;
    void setSelectedStyles(const QStringList &styles);
    // Styles not documented for this aspect ratio are disabled (and unticked).
    void setAspectRatio(const QString &aspectRatio);

Q_SIGNALS:
    void selectionChanged();

private:
    void applyFilter(const QString &text);
    void updateSummary();

    QLineEdit *m_filter;
    QListWidget *m_list;
    QLabel *m_summary;
};

} // namespace PreviewDeck
