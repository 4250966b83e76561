#include "render/renderresultwidget.h"

#include "apienums.h"
#include "apiclient.h"
#include "widgets/formmessages.h"
#include "engine.h"
#include "mediafetcher.h"
#include "widgets/statustext.h"
#include "render/videoframeview.h"
#include "render/videostill.h"
#include "store.h"

#include <QAudioOutput>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMediaPlayer>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#ifdef QT_DBUS_LIB
#    include <QDBusConnection>
#    include <QDBusMessage>
#    include <QDBusPendingCallWatcher>
#    include <QDBusPendingReply>
#endif

namespace PreviewDeck {

namespace {
constexpr int kActionErrorShownMs = 15000;

QString timeLeftText(qint64 seconds)
{
    if (seconds < 0)
        return QString();
    if (seconds < 60)
        return RenderResultWidget::tr("%n s left", nullptr, int(seconds));
    return RenderResultWidget::tr("%1 min %2 s left").arg(seconds / 60).arg(seconds % 60);
}

constexpr int ThumbnailHeight = 200;

} // namespace

RenderResultWidget::RenderResultWidget(Engine *engine, qint64 renderLocalId, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_renderId(renderLocalId),
      m_title(new QLabel(this)),
      m_status(new QLabel(this)),
      m_pathLabel(new QLabel(this)),
      m_error(new QLabel(this)),
      m_renderBar(new QProgressBar(this)),
      m_downloadBar(new QProgressBar(this)),
      m_downloadDetailLabel(new QLabel(this)),
      m_thumbnailLabel(new QLabel(this)),
      m_video(new VideoFrameView(this)),
      m_player(new QMediaPlayer(this)),
      m_playButton(new QPushButton(tr("Play"), this)),
      m_positionSlider(new QSlider(Qt::Horizontal, this)),
      m_openButton(new QPushButton(tr("Open"), this)),
      m_folderButton(new QPushButton(tr("Show in folder"), this)),
      m_retryButton(new QPushButton(tr("Retry download"), this)),
      m_playerRow(new QWidget(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_error->setWordWrap(true);
    m_pathLabel->setWordWrap(true);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pathLabel->hide();
    m_error->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_renderBar->setRange(0, 100);
    m_downloadBar->setRange(0, 1000);
    m_downloadBar->setTextVisible(false);

    m_thumbnailLabel->setAlignment(Qt::AlignCenter);
    m_thumbnailLabel->setMinimumHeight(ThumbnailHeight);
    m_thumbnailLabel->setText(tr("No picture yet"));
    m_video->setMinimumHeight(ThumbnailHeight);
    auto *screen = new QStackedWidget(this);
    screen->addWidget(m_thumbnailLabel);
    screen->addWidget(m_video);

    m_player->setAudioOutput(new QAudioOutput(m_player));
    m_player->setVideoSink(m_video->videoSink());
    connect(m_player, &QMediaPlayer::playbackStateChanged, this,
            [this, screen](QMediaPlayer::PlaybackState state) {
                m_playButton->setText(state == QMediaPlayer::PlayingState ? tr("Pause")
                                                                          : tr("Play"));
                // The thumbnail stands in for the video until it is played.
                if (state != QMediaPlayer::StoppedState)
                    screen->setCurrentWidget(m_video);
            });
    connect(m_player, &QMediaPlayer::durationChanged, this,
            [this](qint64 duration) { m_positionSlider->setRange(0, int(duration)); });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 position) {
        if (!m_positionSlider->isSliderDown())
            m_positionSlider->setValue(int(position));
    });
    connect(m_positionSlider, &QSlider::sliderMoved, m_player,
            [this](int position) { m_player->setPosition(position); });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &) {
                m_playButton->setEnabled(false);
                m_playButton->setToolTip(
                        tr("This video cannot be played here. Use Open to play it in your "
                           "video player."));
            });
    connect(m_playButton, &QPushButton::clicked, this, &RenderResultWidget::togglePlay);

    auto *playerLayout = new QHBoxLayout(m_playerRow);
    playerLayout->setContentsMargins(0, 0, 0, 0);
    playerLayout->addWidget(m_playButton);
    playerLayout->addWidget(m_positionSlider, 1);

    connect(m_openButton, &QPushButton::clicked, this, &RenderResultWidget::openFile);
    connect(m_folderButton, &QPushButton::clicked, this, &RenderResultWidget::showInFolder);
    connect(m_retryButton, &QPushButton::clicked, this, &RenderResultWidget::retryDownload);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_openButton);
    actions->addWidget(m_folderButton);
    actions->addStretch();
    actions->addWidget(m_retryButton);

    // The picture beside the details: the panel needs little more than the picture's height,
    // so the player and Open / Show in folder show without scrolling under a comparison grid.
    screen->setFixedSize(ThumbnailHeight * 16 / 9, ThumbnailHeight);
    auto *details = new QVBoxLayout;
    details->addWidget(m_title);
    details->addWidget(m_status);
    details->addWidget(m_pathLabel);
    details->addWidget(m_renderBar);
    details->addWidget(m_downloadBar);
    details->addWidget(m_downloadDetailLabel);
    details->addWidget(m_error);
    details->addStretch(1);
    details->addWidget(m_playerRow);
    details->addLayout(actions);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(screen, 0, Qt::AlignTop);
    layout->addLayout(details, 1);

    if (m_engine) {
        Store *store = m_engine->store();
        connect(store, &Store::renderChanged, this, [this](qint64 id) {
            if (id == m_renderId)
                refresh();
        });
        connect(store, &Store::downloadChanged, this, [this](qint64 id) {
            const auto download = m_engine->store()->downloadForRender(m_renderId);
            if (download && download->localId == id)
                refresh();
        });
        connect(store, &Store::jobChanged, this, [this](qint64 id) {
            const auto render = m_engine->store()->render(m_renderId);
            if (render && render->jobLocalId == id)
                refresh();
        });
        // "Remove from list" deletes the job's renders too.
        connect(store, &Store::jobRemoved, this, &RenderResultWidget::refresh);
        connect(m_engine, &Engine::downloadProgress, this, &RenderResultWidget::onDownloadProgress);
        connect(m_engine, &Engine::downloadRetrying, this,
                [this](qint64 id, int delayMs, const QString &reason) {
                    if (id != m_renderId)
                        return;
                    m_downloadDetail = StatusText::downloadRetrying(delayMs, reason);
                    m_downloadDetailLabel->setText(m_downloadDetail);
                    m_downloadDetailLabel->setVisible(true);
                });
    }
    refresh();
}

RenderResultWidget::~RenderResultWidget()
{
    if (m_thumbnailFetch)
        m_thumbnailFetch->cancel();
}

QString RenderResultWidget::titleText() const
{
    return m_title->text();
}

QString RenderResultWidget::statusText() const
{
    return m_status->text();
}

QString RenderResultWidget::errorText() const
{
    return m_error->text();
}

QString RenderResultWidget::downloadDetailText() const
{
    return m_downloadDetail;
}

void RenderResultWidget::refresh()
{
    const auto render = m_engine ? m_engine->store()->render(m_renderId) : std::nullopt;
    if (!render) {
        m_title->setText(tr("Video"));
        m_status->setText(tr("This video is no longer in the history."));
        const QList<QWidget *> parts{m_renderBar, m_downloadBar, m_downloadDetailLabel,
                                     m_error,     m_playerRow,   m_retryButton,
                                     m_pathLabel};
        for (QWidget *w : parts)
            w->hide();
        m_openButton->setEnabled(false);
        m_folderButton->setEnabled(false);
        if (!m_savedPath.isEmpty()) {
            m_savedPath.clear();
            m_player->setSource(QUrl());
            m_video->clear();
            Q_EMIT savedPathChanged(QString());
        }
        return;
    }
    Store *store = m_engine->store();
    const auto job = store->job(render->jobLocalId);
    QString title = job ? StatusText::jobTitle(store, *job) : tr("Video");
    if (!render->visualStyle.isEmpty() && render->visualStyle != title)
        title += QStringLiteral(" — ") + ApiEnums::visualStyleLabel(render->visualStyle);
    m_title->setText(title);

    const auto download = store->downloadForRender(m_renderId);
    m_status->setText(StatusText::render(*render, download));

    const JobStatus status = render->status;
    const bool done = status == JobStatus::Done;
    const bool rendering = status.isWaiting() || status == JobStatus::Running
            || status.isAwaitingAnswer();
    m_renderBar->setVisible(rendering);
    if (status == JobStatus::Running) {
        m_renderBar->setRange(0, 100);
        m_renderBar->setValue(int(qBound(0.0, render->progress, 1.0) * 100));
    } else if (rendering) {
        m_renderBar->setRange(0, 0); // busy: nothing to measure yet
    }

    const bool downloading = done && download && download->status == JobStatus::Running;
    m_downloadBar->setVisible(downloading);
    m_downloadDetailLabel->setVisible(downloading);
    if (downloading && download->bytesTotal > 0 && m_downloadBar->value() <= 0)
        m_downloadBar->setValue(
                int(1000.0 * double(download->bytesReceived) / double(download->bytesTotal)));

    QString error;
    if (status.isFailure()) {
        error = StatusText::renderFailure(status, render->failedReason, render->estimatedCredits);
    } else if (done && download && download->status == JobStatus::Failed) {
        error = download->error.isEmpty() ? tr("The download failed.") : download->error;
    }

    QString saved;
    if (done && download && download->status == JobStatus::Done) {
        if (QFileInfo::exists(download->targetPath))
            saved = download->targetPath;
        else
            error = tr("The saved file is no longer at %1. Download it again to get it back.")
                            .arg(QDir::toNativeSeparators(download->targetPath));
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());

    // Retry when the download failed or the file went away; "Download" when never fetched.
    const bool canFetch = done && !render->videoOutput.isEmpty() && !downloading && saved.isEmpty();
    m_retryButton->setText(download ? tr("Retry download") : tr("Download"));
    m_retryButton->setVisible(canFetch);

    if (saved != m_savedPath) {
        m_savedPath = saved;
        m_player->setSource(saved.isEmpty() ? QUrl() : QUrl::fromLocalFile(saved));
        m_video->clear(); // the last frame belonged to the old file
        Q_EMIT savedPathChanged(saved);
    }
    m_openButton->setEnabled(!m_savedPath.isEmpty());
    m_folderButton->setEnabled(!m_savedPath.isEmpty());
    m_playerRow->setVisible(!m_savedPath.isEmpty());
    m_pathLabel->setVisible(!m_savedPath.isEmpty());
    m_pathLabel->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(m_savedPath)));

    if (!render->videoThumbnail.isEmpty() && render->videoThumbnail != m_thumbnailUrl)
        loadThumbnail(render->videoThumbnail);
    else if (render->videoThumbnail.isEmpty() && !m_savedPath.isEmpty() && m_thumbnail.isNull())
        takeStill(m_savedPath); // no picture from Creatify (template renders): the file's own
}

void RenderResultWidget::takeStill(const QString &path)
{
    if (m_stillPath == path)
        return; // being taken, or taken (or failed) already: the file is the same
    delete m_still;
    m_stillPath = path;
    m_still = new VideoStill(path, this);
    connect(m_still, &VideoStill::taken, this, [this](const QImage &picture) {
        m_still->deleteLater();
        m_thumbnail = QPixmap::fromImage(picture);
        showThumbnail();
        Q_EMIT thumbnailLoaded();
    });
    connect(m_still, &VideoStill::failed, this, [this] {
        m_still->deleteLater();
        m_thumbnailLabel->setText(
                tr("The picture of this video could not be read. Open plays it."));
    });
}

void RenderResultWidget::onDownloadProgress(qint64 renderLocalId, qint64 received, qint64 total,
                                            qint64 bytesPerSecond, qint64 secondsLeft)
{
    if (renderLocalId != m_renderId)
        return;
    const QLocale locale;
    QStringList parts;
    if (total > 0) {
        m_downloadBar->setRange(0, 1000);
        m_downloadBar->setValue(int(1000.0 * double(received) / double(total)));
        parts << tr("%1 of %2")
                         .arg(locale.formattedDataSize(received), locale.formattedDataSize(total));
        m_status->setText(StatusText::downloading(double(received) / double(total)));
    } else {
        m_downloadBar->setRange(0, 0);
        parts << locale.formattedDataSize(received);
    }
    if (bytesPerSecond > 0)
        parts << tr("%1/s").arg(locale.formattedDataSize(bytesPerSecond));
    if (secondsLeft >= 0)
        parts << timeLeftText(secondsLeft);
    m_downloadDetail = parts.join(QStringLiteral(" · "));
    m_downloadDetailLabel->setText(m_downloadDetail);
    m_downloadBar->setVisible(true);
    m_downloadDetailLabel->setVisible(true);
}

void RenderResultWidget::loadThumbnail(const QUrl &url)
{
    m_thumbnailUrl = url;
    if (m_thumbnailFetch)
        m_thumbnailFetch->cancel();
    MediaRequest request;
    request.url = url;
    m_thumbnailFetch = m_engine->media()->fetch(request, this);
    connect(m_thumbnailFetch, &MediaFetch::finished, this, &RenderResultWidget::onThumbnailFetched);
}

void RenderResultWidget::onThumbnailFetched(const MediaResult &result)
{
    m_thumbnailFetch.clear();
    QPixmap pixmap;
    if (!result.ok() || !pixmap.loadFromData(result.data)) {
        m_thumbnailLabel->setText(tr("The picture of this video could not be loaded."));
        return;
    }
    m_thumbnail = pixmap;
    showThumbnail();
    Q_EMIT thumbnailLoaded();
}

void RenderResultWidget::showThumbnail()
{
    if (m_thumbnail.isNull())
        return;
    m_thumbnailLabel->setPixmap(
            m_thumbnail.scaledToHeight(ThumbnailHeight, Qt::SmoothTransformation));
}

void RenderResultWidget::togglePlay()
{
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

void RenderResultWidget::openFile()
{
    if (m_savedPath.isEmpty())
        return;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_savedPath)))
        showActionError(tr("No program to play videos was found. The file is at %1.")
                                .arg(QDir::toNativeSeparators(m_savedPath)));
}

void RenderResultWidget::showActionError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
    // The panel may be scrolled out of view or small: the window's status bar says it too.
    if (auto *window = qobject_cast<QMainWindow *>(this->window()))
        window->statusBar()->showMessage(text, kActionErrorShownMs);
}

void RenderResultWidget::openFolderFallback()
{
    const QString folder = QFileInfo(m_savedPath).absolutePath();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        showActionError(tr("The folder could not be opened. The file is at %1.")
                                .arg(QDir::toNativeSeparators(m_savedPath)));
}

void RenderResultWidget::showInFolder()
{
    if (m_savedPath.isEmpty())
        return;
#ifdef QT_DBUS_LIB
    // File managers that implement FileManager1 open the folder with the file selected.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        QDBusMessage call = QDBusMessage::createMethodCall(
                QStringLiteral("org.freedesktop.FileManager1"),
                QStringLiteral("/org/freedesktop/FileManager1"),
                QStringLiteral("org.freedesktop.FileManager1"), QStringLiteral("ShowItems"));
        call << QStringList{QUrl::fromLocalFile(m_savedPath).toString()} << QString();
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 3000), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
                [this](QDBusPendingCallWatcher *w) {
                    w->deleteLater();
                    if (w->isError())
                        openFolderFallback();
                });
        return;
    }
#endif
    openFolderFallback();
}

void RenderResultWidget::retryDownload()
{
    if (!m_engine)
        return;
    m_error->clear();
    m_error->hide();
    m_engine->downloadRender(m_renderId);
    refresh();
}

} // namespace PreviewDeck
