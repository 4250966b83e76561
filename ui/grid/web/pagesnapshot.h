#pragma once

#include <QPixmap>
#include <QVariantList>
#include <QWidget>

namespace PreviewDeck {

// The still picture of a frozen page, drawn over (and at the size of) the page area. Mouse
// events go through it to the view below, which is there as soon as the page thaws.
class PageSnapshot : public QWidget
{
public:
    explicit PageSnapshot(QWidget *parent);
    void setPixmap(const QPixmap &pixmap);
    bool isEmpty() const { return m_pixmap.isNull(); }

    // The largest video (its CSS `box` [left, top, right, bottom] from PageScripts::state(), in
    // a page zoomed by `zoom`) shows a frame in `picture`, not black or the player's flat
    // "loading" panel.
    static bool showsFrame(const QPixmap &picture, const QVariantList &box, double zoom);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QPixmap m_pixmap;
};

} // namespace PreviewDeck
