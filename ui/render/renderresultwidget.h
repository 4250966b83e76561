#pragma once

#include <QPixmap>
#include <QPointer>
#include <QUrl>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QMediaPlayer;
class QProgressBar;
class QPushButton;
class QSlider;
QT_END_NAMESPACE

namespace PreviewDeck {

class Engine;
class MediaFetch;
class VideoFrameView;
class VideoStill;
struct MediaResult;

// One render from start to saved file: its render progress, then the download with speed and
// time left, then the thumbnail, an inline player and "Open" / "Show in folder". Everything shown
// is read from the store (re-read on its change signals), except the live download speed.
class RenderResultWidget : public QWidget
{
    Q_OBJECT
public:
    RenderResultWidget(Engine *engine, qint64 renderLocalId, QWidget *parent = nullptr);
    ~RenderResultWidget() override;

    qint64 renderId() const { return m_renderId; }
    QString savedPath() const { return m_savedPath; } // empty until the file is saved

    // For the window and for tests.
    QString titleText() const;
    QString statusText() const;
    QString errorText() const;
    QString downloadDetailText() const; // "2.1 MB of 4.0 MB · 1.2 MB/s · 2 s left"
    QProgressBar *renderProgressBar() const { return m_renderBar; }
    QProgressBar *downloadProgressBar() const { return m_downloadBar; }
    QPushButton *openButton() const { return m_openButton; }
    QPushButton *showInFolderButton() const { return m_folderButton; }
    QPushButton *retryButton() const { return m_retryButton; }
    QPushButton *playButton() const { return m_playButton; }
    QSlider *positionSlider() const { return m_positionSlider; }
    QMediaPlayer *player() const { return m_player; }
    VideoFrameView *videoView() const { return m_video; }
    QPixmap thumbnail() const { return m_thumbnail; }

    void openFile();
    void showInFolder();
    void retryDownload();

Q_SIGNALS:
    void thumbnailLoaded();
    void savedPathChanged(const QString &path);

private:
    void refresh();
    void onDownloadProgress(qint64 renderLocalId, qint64 received, qint64 total,
                            qint64 bytesPerSecond, qint64 secondsLeft);
    void loadThumbnail(const QUrl &url);
    void onThumbnailFetched(const MediaResult &result);
    // A picture from the saved file itself, for renders without a thumbnail address.
    void takeStill(const QString &path);
    void showThumbnail();
    void togglePlay();
    void openFolderFallback();
    // Open or Show in folder failed: in the panel and in the window's status bar.
    void showActionError(const QString &text);

    QPointer<Engine> m_engine;
    qint64 m_renderId;
    QString m_savedPath;
    QUrl m_thumbnailUrl; // the one loaded or being loaded
    QPixmap m_thumbnail;
    QPointer<MediaFetch> m_thumbnailFetch;
    QPointer<VideoStill> m_still;
    QString m_stillPath;
    QString m_downloadDetail;

    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_pathLabel;
    QLabel *m_error;
    QProgressBar *m_renderBar;
    QProgressBar *m_downloadBar;
    QLabel *m_downloadDetailLabel;
    QLabel *m_thumbnailLabel;
    VideoFrameView *m_video;
    QMediaPlayer *m_player;
    QPushButton *m_playButton;
    QSlider *m_positionSlider;
    QPushButton *m_openButton;
    QPushButton *m_folderButton;
    QPushButton *m_retryButton;
    QWidget *m_playerRow;
};

} // namespace PreviewDeck
