#pragma once

#include <QLabel>

namespace PreviewDeck {

// A one-line label that ends with "…" when it does not fit; text() keeps the whole text.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    using QLabel::QLabel;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace PreviewDeck
