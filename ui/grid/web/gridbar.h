#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QToolButton;

namespace PreviewDeck {

// The comparison grid's bar. In the grid: pages, "Compare selected (N)", "Hide rejected" and
// the keys; in the focus view: the way back and what is shown. Playback on the right, always.
// It only shows what the grid tells it and reports clicks; the grid decides.
class GridBar : public QWidget
{
    Q_OBJECT
public:
    explicit GridBar(QWidget *parent = nullptr);

    // Every key of the grid, in one place (the Keys button's tooltip and popup).
    static QString keysHelp();

    void setFocusView(bool on, const QString &title);
    void setPage(int page, int pageCount); // 0-based page; hidden when one page
    void setCompareCount(int count);
    void setHideRejected(bool hide);
    void setMarksEnabled(bool enabled);
    void setMuted(bool muted);

Q_SIGNALS:
    void backClicked();
    void previousPageClicked();
    void nextPageClicked();
    void compareClicked();
    void hideRejectedToggled(bool hide);
    void playClicked();
    void pauseClicked();
    void restartClicked();
    void muteToggled(bool muted);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateIcons();
    void fitButtons(); // playback buttons without words when the bar is too narrow
    int widthWithWords() const; // the bar's width with every control and the words

    QPushButton *m_back;
    QLabel *m_focusTitle;
    QWidget *m_gridControls;
    QToolButton *m_previous;
    QLabel *m_pageLabel;
    QToolButton *m_next;
    QPushButton *m_compare;
    QCheckBox *m_hideRejected;
    QToolButton *m_keys;
    QToolButton *m_play;
    QToolButton *m_pause;
    QToolButton *m_restart;
    QToolButton *m_mute;
    bool m_muted = true;
};

} // namespace PreviewDeck
