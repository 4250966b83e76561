#pragma once

#include "grid/web/previewpage.h"
#include "grid/previewtileinfo.h"

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedLayout;
class QTimer;
class QToolButton;
class QWebEngineView;

namespace PreviewDeck {

class PageFitter;
class PageSnapshot;
class TileHeader;

// One preview in the comparison grid: its style name, the page in a QWebEngineView, a loading
// bar, Enlarge and Render, and an error panel with Reload when the page fails or its renderer
// dies. The view is made on demand (ensureView) so off-screen tiles cost nothing.
//
// The page is zoomed so that its content fits the tile's width, with the largest video whole
// where zooming out shows it (re-fitted on resize). Its media never play by themselves; the
// grid's play() / pause() / restart() / setMuted() drive them. A page that is paused (and not
// under the mouse or in use) or off-screen is frozen (QWebEnginePage::LifecycleState::Frozen):
// Chromium refuses to freeze a page that is shown, so the tile then shows a still picture of
// the page in place of the view, and makes the page live again when it is needed.
class PreviewTile : public QWidget
{
    Q_OBJECT
public:
    enum class State { NotCreated, Loading, Loaded, Error };
    Q_ENUM(State)
    static constexpr int FrameWidth = 3; // room for the selection frame around the tile

    explicit PreviewTile(const PreviewTileInfo &info, QWidget *parent = nullptr);
    ~PreviewTile() override;

    QString key() const { return m_info.key; }
    const PreviewTileInfo &info() const { return m_info; }
    // Updates title and ratio; reloads only when the URL changed.
    void setInfo(const PreviewTileInfo &info);

    // Height / width of the page area: 16/9 for "9x16", 1 for "1x1", 9/16 for "16x9".
    static double heightPerWidth(const QString &aspectRatio);
    double heightPerWidth() const { return heightPerWidth(m_info.aspectRatio); }
    // Height of everything but the page area (title, loading bar, buttons) plus the frame.
    int chromeHeight() const;
    // Tile size for a tile `width` pixels wide.
    QSize sizeForWidth(int width) const;

    // Creates the web view and starts loading, once.
    void ensureView();
    bool hasView() const { return m_view != nullptr; }
    QWebEngineView *view() const { return m_view; }
    PreviewWebPage *page() const { return m_page; }

    State state() const { return m_state; }
    bool isLoaded() const { return m_state == State::Loaded; }
    QString errorText() const;
    // Loads the preview again (the error panel's Reload button).
    void reload();

    // The page has been zoomed to fit the tile as it is now (after load and each resize).
    bool isFitted() const;
    double zoomFactor() const;

    // Playback, kept by the tile and applied whenever the page is live.
    void play();
    void pause();
    void restart(); // from time 0, playing
    void setMuted(bool muted);
    bool wantsPlaying() const { return m_wantPlaying; }
    bool isMuted() const { return m_muted; }

    // Set by the grid: whether the tile is within the visible area (off-screen tiles freeze),
    // and whether it is the enlarged one (kept live).
    void setOnScreen(bool onScreen);
    bool isOnScreen() const { return m_onScreen; }
    void setPinned(bool pinned);
    // The page is frozen and the tile shows its still picture.
    bool isFrozen() const { return m_frozen; }
    // The page, its still picture or the loading placeholder is shown (not the error panel).
    bool isShowingPage() const;

    TileRenderState renderState() const { return m_renderState; }
    void setRenderState(TileRenderState state);
    QPushButton *renderButton() const { return m_renderButton; }
    QPushButton *reloadButton() const { return m_reloadButton; }

    bool isSelected() const { return m_selected; }
    void setSelected(bool selected);

    // The mark the store has for this preview (the header's buttons ask to change it).
    TileMark mark() const { return m_mark; }
    void setMark(TileMark mark);
    void setMarksEnabled(bool enabled);
    TileHeader *header() const { return m_header; }
    // Picked for the focus view (the header's Compare check).
    bool isPickedForCompare() const { return m_picked; }
    void setPickedForCompare(bool picked);
    // A tile of a board row: its check picks it for rendering; no Enlarge, no Render.
    void setBoardTile(bool boardTile);

    // What the user asked for with the Render button (also used by the grid's Ctrl+Enter):
    // emits renderRequested once and turns Busy, so a second request does nothing.
    bool requestRender();

Q_SIGNALS:
    void renderRequested(const QString &key);
    void loadedChanged(bool loaded);
    void stateChanged(PreviewDeck::PreviewTile::State state);
    void externalLinkRequested(const QUrl &url);
    void activated(); // clicked: becomes the current tile
    void enlargeRequested();
    void fitted();
    void frozenChanged(bool frozen);
    void markRequested(const QString &key, PreviewDeck::TileMark mark);
    void compareToggled(const QString &key, bool picked); // the check, or Ctrl+click

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void setState(State state, const QString &error = QString());
    void showCurrentBody();
    void startLoad();
    void runScript(const QString &script, const std::function<void(const QVariant &)> &done);
    void onFitted();
    void applyMedia();
    void goLive();
    // Freezes the page; `picture` (if any) is what it showed, else the view is grabbed.
    void freezeNow(const QPixmap &picture = QPixmap());
    void uncover();
    void scheduleIdleCheck(int ms);
    void idleCheck();
    bool keptLive() const;
    bool snapshotIsStale() const;

    PreviewTileInfo m_info;
    State m_state = State::NotCreated;
    TileRenderState m_renderState = TileRenderState::Available;
    bool m_selected = false;
    bool m_picked = false;
    TileMark m_mark = TileMark::None;
    PageFitter *m_fitter = nullptr; // with the view

    // Playback and freezing.
    bool m_wantPlaying = false;
    bool m_muted = true;
    bool m_mutePending = true;
    bool m_restartPending = false;
    bool m_onScreen = false;
    bool m_hovered = false;
    bool m_pinned = false;
    bool m_frozen = false;
    bool m_playPending = false; // m_wantPlaying not yet told to the page
    int m_checkGeneration = 0;
    int m_readyWaits = 0;
    bool m_framesShown = false; // this document's videos were seen drawn (or long waited for)
    bool m_snapshotComplete = false; // the picture was taken after that
    QSize m_snapshotSize;
    QTimer *m_idleTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_revealTimer = nullptr;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0); // for late script answers

    TileHeader *m_header = nullptr;
    QToolButton *m_enlargeButton = nullptr;
    QPushButton *m_renderButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QStackedLayout *m_body = nullptr;
    QWidget *m_bodyWidget = nullptr;
    QLabel *m_placeholder = nullptr;
    PageSnapshot *m_snapshot = nullptr; // over the view while frozen or until it has painted
    QWidget *m_errorPanel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_reloadButton = nullptr;
    QWebEngineView *m_view = nullptr;
    PreviewWebPage *m_page = nullptr;
};

} // namespace PreviewDeck
