#include "previewtile.h"

#include "webprofile.h"

#include <QHBoxLayout>
#include "elidedlabel.h"

#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWebEngineLoadingInfo>
#include <QWebEngineView>

namespace PreviewDeck {

namespace {
constexpr int kFrame = PreviewTile::FrameWidth;

QString titleTip(const PreviewTileInfo &info)
{
    return info.detail.isEmpty() ? info.title
                                 : QStringLiteral("%1 (%2)").arg(info.title, info.detail);
}
} // namespace

PreviewTile::PreviewTile(const PreviewTileInfo &info, QWidget *parent)
    : QWidget(parent), m_info(info)
{
    setObjectName(QStringLiteral("previewTile"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(kFrame, kFrame, kFrame, kFrame);
    outer->setSpacing(2);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(4, 0, 0, 0);
    m_title = new ElidedLabel(info.title, this);
    m_title->setObjectName(QStringLiteral("tileTitle"));
    m_title->setToolTip(titleTip(info));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_enlargeButton = new QToolButton(this);
    m_enlargeButton->setText(tr("Enlarge"));
    m_enlargeButton->setToolTip(tr("Show only this preview (Enter)"));
    m_enlargeButton->setFocusPolicy(Qt::NoFocus);
    m_renderButton = new QPushButton(tr("Render"), this);
    m_renderButton->setObjectName(QStringLiteral("renderButton"));
    m_renderButton->setFocusPolicy(Qt::NoFocus); // keys belong to the grid
    header->addWidget(m_title, 1);
    header->addWidget(m_enlargeButton);
    header->addWidget(m_renderButton);
    outer->addLayout(header);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setFixedHeight(4);
    // Keeps its place when hidden so the tile does not jump when loading ends.
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keep);
    m_progress->hide();
    outer->addWidget(m_progress);

    auto *body = new QWidget(this);
    m_body = new QStackedLayout(body);
    m_placeholder = new QLabel(tr("Loading preview…"), body);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setAutoFillBackground(true);
    m_body->addWidget(m_placeholder);

    m_errorPanel = new QWidget(body);
    m_errorPanel->setObjectName(QStringLiteral("tileError"));
    auto *errorLayout = new QVBoxLayout(m_errorPanel);
    errorLayout->addStretch();
    m_errorLabel = new QLabel(m_errorPanel);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setAlignment(Qt::AlignCenter);
    errorLayout->addWidget(m_errorLabel);
    m_reloadButton = new QPushButton(tr("Reload"), m_errorPanel);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    errorLayout->addWidget(m_reloadButton, 0, Qt::AlignHCenter);
    errorLayout->addStretch();
    m_body->addWidget(m_errorPanel);
    outer->addWidget(body, 1);

    connect(m_renderButton, &QPushButton::clicked, this, [this] {
        Q_EMIT activated();
        requestRender();
    });
    connect(m_enlargeButton, &QToolButton::clicked, this, [this] {
        Q_EMIT activated();
        Q_EMIT enlargeRequested();
    });
    connect(m_reloadButton, &QPushButton::clicked, this, &PreviewTile::reload);
    setRenderState(TileRenderState::Available);
}

PreviewTile::~PreviewTile() = default;

double PreviewTile::heightPerWidth(const QString &aspectRatio)
{
    const QStringList parts = aspectRatio.split(QLatin1Char('x'));
    if (parts.size() == 2) {
        const double w = parts.at(0).toDouble();
        const double h = parts.at(1).toDouble();
        if (w > 0 && h > 0)
            return h / w;
    }
    return 9.0 / 16.0;
}

int PreviewTile::chromeHeight() const
{
    // Everything but the page area, as the layout will really place it.
    const QMargins m = layout()->contentsMargins();
    const int header = qMax(m_title->sizeHint().height(), m_renderButton->sizeHint().height());
    return m.top() + m.bottom() + header + m_progress->height() + 2 * layout()->spacing();
}

QSize PreviewTile::sizeForWidth(int width) const
{
    const int pageWidth = qMax(1, width - 2 * kFrame);
    return QSize(width, chromeHeight() + qRound(pageWidth * heightPerWidth()));
}

void PreviewTile::setInfo(const PreviewTileInfo &info)
{
    const bool urlChanged = info.url != m_info.url;
    m_info = info;
    m_title->setText(info.title);
    m_title->setToolTip(titleTip(info));
    if (urlChanged && m_view)
        startLoad();
}

void PreviewTile::ensureView()
{
    if (m_view)
        return;
    m_view = new QWebEngineView(m_body->parentWidget());
    m_view->setObjectName(QStringLiteral("tileView"));
    m_page = new PreviewWebPage(sharedPreviewProfile(), m_view);
    m_view->setPage(m_page);
    m_body->insertWidget(1, m_view);

    connect(m_page, &QWebEnginePage::loadProgress, m_progress, &QProgressBar::setValue);
    connect(m_page, &QWebEnginePage::loadingChanged, this, [this](const QWebEngineLoadingInfo &i) {
        switch (i.status()) {
        case QWebEngineLoadingInfo::LoadStartedStatus:
            // A reload of a crashed page also passes here.
            if (m_state != State::Loaded)
                setState(State::Loading);
            break;
        case QWebEngineLoadingInfo::LoadSucceededStatus:
            setState(State::Loaded);
            break;
        case QWebEngineLoadingInfo::LoadFailedStatus:
            m_errorLabel->setToolTip(i.errorString());
            setState(State::Error,
                     tr("This preview could not be loaded. Check the connection and try again."));
            break;
        case QWebEngineLoadingInfo::LoadStoppedStatus:
            // Stopped before it ever showed: nothing to compare, so say so.
            if (m_state == State::Loading)
                setState(State::Error, tr("Loading this preview was stopped."));
            break;
        }
    });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int) {
                if (status == QWebEnginePage::NormalTerminationStatus)
                    return;
                m_errorLabel->setToolTip(QString());
                setState(State::Error,
                         status == QWebEnginePage::KilledTerminationStatus
                                 ? tr("This preview stopped because its page was closed by the "
                                      "system.")
                                 : tr("This preview stopped because its page crashed."));
            });
    connect(m_page, &PreviewWebPage::externalLinkRequested, this,
            &PreviewTile::externalLinkRequested);
    startLoad();
}

void PreviewTile::startLoad()
{
    m_page->setAllowedOrigin(m_info.url);
    setState(State::Loading);
    m_view->setUrl(m_info.url);
}

void PreviewTile::reload()
{
    if (!m_view) {
        ensureView();
        return;
    }
    startLoad();
}

QString PreviewTile::errorText() const
{
    return m_state == State::Error ? m_errorLabel->text() : QString();
}

void PreviewTile::setState(State state, const QString &error)
{
    const bool wasLoaded = m_state == State::Loaded;
    if (state == State::Error)
        m_errorLabel->setText(error);
    m_progress->setVisible(state == State::Loading);
    if (state == State::Loading)
        m_progress->setValue(0);
    // The view stays visible while loading: Chromium paints and lays out only shown views.
    m_body->setCurrentWidget(state == State::Error
                                     ? m_errorPanel
                                     : (m_view ? static_cast<QWidget *>(m_view) : m_placeholder));
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
    if (wasLoaded != (state == State::Loaded))
        Q_EMIT loadedChanged(state == State::Loaded);
}

void PreviewTile::setRenderState(TileRenderState state)
{
    m_renderState = state;
    switch (state) {
    case TileRenderState::Available:
        m_renderButton->setText(tr("Render"));
        m_renderButton->setEnabled(true);
        break;
    case TileRenderState::Confirming:
        m_renderButton->setText(tr("Confirm the cost…"));
        m_renderButton->setEnabled(false);
        break;
    case TileRenderState::Busy:
        m_renderButton->setText(tr("Rendering…"));
        m_renderButton->setEnabled(false);
        break;
    case TileRenderState::Rendered:
        m_renderButton->setText(tr("Rendered"));
        m_renderButton->setEnabled(false);
        break;
    case TileRenderState::Failed:
        m_renderButton->setText(tr("Render again"));
        m_renderButton->setEnabled(true);
        break;
    case TileRenderState::Unavailable:
        m_renderButton->setText(tr("Cannot render"));
        m_renderButton->setEnabled(false);
        break;
    }
    m_renderButton->setToolTip(state == TileRenderState::Unavailable
                                       ? tr("Creatify did not make these previews, so they "
                                            "cannot be rendered.")
                                       : QString());
}

bool PreviewTile::requestRender()
{
    if (m_renderState != TileRenderState::Available && m_renderState != TileRenderState::Failed)
        return false;
    // Not available first, so whatever the signal triggers (a confirmation) cannot lead to a
    // second one.
    setRenderState(TileRenderState::Confirming);
    Q_EMIT renderRequested(m_info.key);
    return true;
}

void PreviewTile::setSelected(bool selected)
{
    if (m_selected == selected)
        return;
    m_selected = selected;
    update();
}

void PreviewTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = rect().adjusted(1, 1, -1, -1);
    if (m_selected) {
        QPen pen(palette().color(QPalette::Highlight), kFrame);
        pen.setJoinStyle(Qt::MiterJoin);
        p.setPen(pen);
        p.drawRect(rect().adjusted(kFrame / 2, kFrame / 2, -(kFrame + 1) / 2, -(kFrame + 1) / 2));
    } else {
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(r.adjusted(1, 1, -1, -1));
    }
}

void PreviewTile::mousePressEvent(QMouseEvent *event)
{
    Q_EMIT activated();
    QWidget::mousePressEvent(event);
}

void PreviewTile::mouseDoubleClickEvent(QMouseEvent *event)
{
    Q_EMIT activated();
    Q_EMIT enlargeRequested();
    event->accept();
}

} // namespace PreviewDeck
