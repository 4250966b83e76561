#include "history/historyview.h"

#include "apienums.h"
#include "history/historymodel.h"
#include "records.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyleOptionProgressBar>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {

// Paints a job as a title line, a dimmer "status · credits · time" line and, while work runs, a
// thin progress bar under them.
class HistoryDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int Margin = 6;
    static constexpr int BarHeight = 6;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const QFontMetrics fm(option.font);
        return QSize(240, Margin * 3 + fm.height() * 2 + BarHeight + 2);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        // Background and selection only; the text is ours.
        opt.text.clear();
        opt.icon = QIcon();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
        const QRect area = opt.rect.adjusted(Margin, Margin, -Margin, -Margin);
        const QFontMetrics fm(opt.font);

        painter->save();
        QFont titleFont = opt.font;
        titleFont.setBold(true);
        painter->setFont(titleFont);
        painter->setPen(opt.palette.color(QPalette::Normal, textRole));
        const QString title = index.data(HistoryModel::TitleRole).toString();
        const QStringList styles = index.data(HistoryModel::StylesRole).toStringList();
        QString line = title;
        QStringList labels;
        for (const QString &style : styles)
            labels << ApiEnums::visualStyleLabel(style);
        if (!labels.isEmpty())
            line += QStringLiteral("  —  ") + labels.join(QLatin1String(", "));
        const QRect titleRect(area.left(), area.top(), area.width(), fm.height());
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(titleFont).elidedText(line, Qt::ElideRight, area.width()));

        painter->setFont(opt.font);
        QColor secondary = opt.palette.color(QPalette::Normal, textRole);
        const QString renderStatus = index.data(HistoryModel::RenderStatusRole).toString();
        const QString latest = renderStatus.isEmpty()
                ? index.data(HistoryModel::StatusRole).toString()
                : renderStatus;
        const bool failed = JobStatus::fromName(
                                    index.data(HistoryModel::DownloadStatusRole).toString())
                                    .isFailure()
                || JobStatus::fromName(latest).isFailure();
        if (failed && !selected)
            secondary = QColor(0xb0, 0x20, 0x20);
        else
            secondary.setAlphaF(0.7);
        painter->setPen(secondary);
        const QRect secondRect(area.left(), titleRect.bottom() + Margin / 2, area.width(),
                               fm.height());
        painter->drawText(secondRect, Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(index.data(HistoryModel::SecondaryTextRole).toString(),
                                        Qt::ElideRight, area.width()));

        if (index.data(HistoryModel::ActiveRole).toBool()) {
            QStyleOptionProgressBar bar;
            bar.rect = QRect(area.left(), secondRect.bottom() + Margin / 2, area.width(), BarHeight);
            bar.minimum = 0;
            bar.maximum = 1000;
            const double progress = index.data(HistoryModel::ProgressRole).toDouble();
            bar.progress = int(qBound(0.0, progress, 1.0) * 1000);
            bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
            bar.palette = opt.palette;
            style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
        }
        painter->restore();
    }
};

} // namespace

HistoryView::HistoryView(HistoryModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_proxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)),
      m_list(new QListView(this)),
      m_openButton(new QPushButton(tr("Open"), this)),
      m_previewsButton(new QPushButton(tr("Previews"), this)),
      m_renderAnotherButton(new QPushButton(tr("Render another"), this)),
      m_retryButton(new QPushButton(tr("Retry download"), this)),
      m_removeButton(new QPushButton(tr("Remove"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(HistoryModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter history"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &HistoryView::setFilterText);

    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new HistoryDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setContextMenuPolicy(Qt::DefaultContextMenu);
    m_list->installEventFilter(this);
    m_list->viewport()->installEventFilter(this);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &) { requestOpen(); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateActions();
        Q_EMIT currentJobChanged(currentJobId());
    });
    // The current job's state changes under the buttons as work progresses.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &HistoryView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &HistoryView::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &HistoryView::updateActions);

    m_removeButton->setToolTip(tr("Remove from this list (the files stay on disk)"));
    connect(m_openButton, &QPushButton::clicked, this, &HistoryView::requestOpen);
    connect(m_previewsButton, &QPushButton::clicked, this, &HistoryView::requestPreviews);
    connect(m_renderAnotherButton, &QPushButton::clicked, this, &HistoryView::requestRenderAnother);
    connect(m_retryButton, &QPushButton::clicked, this, &HistoryView::requestRetry);
    connect(m_removeButton, &QPushButton::clicked, this, &HistoryView::requestRemove);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_previewsButton);
    buttons->addWidget(m_renderAnotherButton);
    buttons->addWidget(m_retryButton);
    buttons->addStretch();
    buttons->addWidget(m_removeButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    updateActions();
}

HistoryView::~HistoryView() = default;

QModelIndex HistoryView::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_list->currentIndex());
}

qint64 HistoryView::currentJobId() const
{
    const QModelIndex index = currentSourceIndex();
    return index.isValid() ? index.data(HistoryModel::JobIdRole).toLongLong() : 0;
}

void HistoryView::selectJob(qint64 jobLocalId)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfJob(jobLocalId));
    m_list->setCurrentIndex(index);
    if (index.isValid())
        m_list->scrollTo(index);
}

void HistoryView::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    m_proxy->setFilterFixedString(text);
    updateActions();
}

bool HistoryView::canShowPreviews() const
{
    const QModelIndex index = currentSourceIndex();
    return index.isValid() && index.data(HistoryModel::PreviewCountRole).toInt() > 0;
}

bool HistoryView::canRenderAnother() const
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid())
        return false;
    // Link jobs render any of their previews; template jobs render their one preview.
    if (index.data(HistoryModel::KindRole).toInt() == int(JobKind::LinkPreviews))
        return index.data(HistoryModel::PreviewCountRole).toInt() > 0;
    return JobStatus::fromName(index.data(HistoryModel::StatusRole).toString()) == JobStatus::Done;
}

qint64 HistoryView::retryableRenderId() const
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid()
        || JobStatus::fromName(index.data(HistoryModel::DownloadStatusRole).toString())
                != JobStatus::Failed)
        return 0;
    return index.data(HistoryModel::LatestRenderIdRole).toLongLong();
}

void HistoryView::updateActions()
{
    const bool selected = currentJobId() != 0;
    m_openButton->setEnabled(selected);
    m_previewsButton->setEnabled(canShowPreviews());
    m_renderAnotherButton->setEnabled(canRenderAnother());
    m_retryButton->setVisible(retryableRenderId() != 0);
    m_removeButton->setEnabled(selected);
}

QMenu *HistoryView::createContextMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const bool selected = currentJobId() != 0;
    menu->addAction(tr("Open"), this, &HistoryView::requestOpen)->setEnabled(selected);
    menu->addAction(tr("Show previews"), this, &HistoryView::requestPreviews)
            ->setEnabled(canShowPreviews());
    menu->addAction(tr("Render another…"), this, &HistoryView::requestRenderAnother)
            ->setEnabled(canRenderAnother());
    if (retryableRenderId() != 0)
        menu->addAction(tr("Retry download"), this, &HistoryView::requestRetry);
    menu->addSeparator();
    menu->addAction(tr("Remove from list"), this, &HistoryView::requestRemove)->setEnabled(selected);
    return menu;
}

QString HistoryView::emptyText() const
{
    if (m_proxy->rowCount() > 0)
        return QString();
    if (m_proxy->sourceModel() && m_proxy->sourceModel()->rowCount() > 0)
        return tr("Nothing in the history matches \u201c%1\u201d.").arg(m_filter->text());
    return tr("No videos yet. Paste a product page address to make your first previews.");
}

bool HistoryView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete) {
            requestRemove();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            requestOpen();
            return true;
        }
    }
    if (watched == m_list->viewport() && event->type() == QEvent::Paint) {
        // An empty list says why, and what to do, instead of staying blank.
        const QString text = emptyText();
        if (!text.isEmpty()) {
            QPainter painter(m_list->viewport());
            painter.setPen(m_list->palette().color(QPalette::PlaceholderText));
            painter.drawText(m_list->viewport()->rect().adjusted(12, 12, -12, -12),
                             Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
        }
        return false;
    }
    if (watched == m_list->viewport() && event->type() == QEvent::ContextMenu) {
        const auto *menuEvent = static_cast<QContextMenuEvent *>(event);
        const QModelIndex index = m_list->indexAt(menuEvent->pos());
        if (index.isValid())
            m_list->setCurrentIndex(index);
        QMenu *menu = createContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(menuEvent->globalPos()); // not exec(): no nested event loop
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void HistoryView::requestOpen()
{
    if (const qint64 id = currentJobId())
        Q_EMIT openRequested(id);
}

void HistoryView::requestPreviews()
{
    if (canShowPreviews())
        Q_EMIT showPreviewsRequested(currentJobId());
}

void HistoryView::requestRenderAnother()
{
    if (canRenderAnother())
        Q_EMIT renderAnotherRequested(currentJobId());
}

void HistoryView::requestRetry()
{
    if (const qint64 renderId = retryableRenderId())
        Q_EMIT retryDownloadRequested(renderId);
}

void HistoryView::requestRemove()
{
    if (const qint64 id = currentJobId())
        Q_EMIT removeRequested(id);
}

} // namespace PreviewDeck
