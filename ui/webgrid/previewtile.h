#pragma once

#include "previewpage.h"
#include "previewtileinfo.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedLayout;
class QToolButton;
class QWebEngineView;

namespace PreviewDeck {

// One preview in the comparison grid: a header (style name, Enlarge, Render), the page in a
// QWebEngineView, a loading bar, and an error panel with Reload when the page fails or its
// renderer dies. The view is made on demand (ensureView) so off-screen tiles cost nothing.
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
    // Height of everything above the page area (header and loading bar) plus the frame.
    int chromeHeight() const;
    // Tile size for a page area `width` pixels wide.
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

    TileRenderState renderState() const { return m_renderState; }
    void setRenderState(TileRenderState state);
    QPushButton *renderButton() const { return m_renderButton; }
    QPushButton *reloadButton() const { return m_reloadButton; }

    bool isSelected() const { return m_selected; }
    void setSelected(bool selected);

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

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void setState(State state, const QString &error = QString());
    void startLoad();

    PreviewTileInfo m_info;
    State m_state = State::NotCreated;
    TileRenderState m_renderState = TileRenderState::Available;
    bool m_selected = false;

    QLabel *m_title = nullptr;
    QToolButton *m_enlargeButton = nullptr;
    QPushButton *m_renderButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QStackedLayout *m_body = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_errorPanel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_reloadButton = nullptr;
    QWebEngineView *m_view = nullptr;
    PreviewWebPage *m_page = nullptr;
};

} // namespace PreviewDeck
