#include "batch/batchpage.h"

#include "apienums.h"
#include "batch/batchboard.h"
#include "batch/batchfixdialog.h"
#include "batchcost.h"
#include "batchexport.h"
#include "batchprogress.h"
#include "batchrunner.h"
#include "creditbalance.h"
#include "downloadmanager.h"
#include "engine.h"
#include "render/renderconfirmation.h"
#include "store.h"
#include "widgets/formmessages.h"
#include "widgets/statustext.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QStyle>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {

BoardRow::Kind kindOf(BatchProgress::RowState state)
{
    switch (state) {
    case BatchProgress::RowState::Ready:
        return BoardRow::Kind::Ready;
    case BatchProgress::RowState::LinkFailed:
        return BoardRow::Kind::Blocked;
    case BatchProgress::RowState::Failed:
        return BoardRow::Kind::Failed;
    case BatchProgress::RowState::Dropped:
        return BoardRow::Kind::Dropped;
    default:
        return BoardRow::Kind::Working;
    }
}

QString statusText(const BatchRow &row, BatchProgress::RowState state, const Store &store)
{
    switch (state) {
    case BatchProgress::RowState::Queued:
        return BatchPage::tr("Waiting to be read");
    case BatchProgress::RowState::Reading:
        return BatchPage::tr("Reading the product page…");
    case BatchProgress::RowState::Previewing:
        return row.stage == BatchRowStage::Read ? BatchPage::tr("Read; asking for the previews…")
                                                : BatchPage::tr("Making the previews…");
    case BatchProgress::RowState::Ready:
        return BatchPage::tr("Previews ready");
    case BatchProgress::RowState::LinkFailed:
        return BatchPage::tr("The shop did not let its page be read (%1). Enter the product by "
                             "hand or drop it.")
                .arg(BatchProgress::rowError(row, store));
    case BatchProgress::RowState::Failed:
        return BatchPage::tr("Failed: %1").arg(BatchProgress::rowError(row, store));
    case BatchProgress::RowState::Dropped:
        return BatchPage::tr("Dropped");
    }
    return QString();
}

// How a pick's render stands, in the words the rest of the app uses for a render
// (StatusText); "" for a pick nothing was bought for yet.
QString pickText(const BatchPick &pick, const Store &store)
{
    const QString style = ApiEnums::visualStyleLabel(pick.visualStyle);
    if (const auto render = store.render(pick.renderLocalId))
        return BatchPage::tr("%1: %2").arg(
                style, StatusText::render(*render, store.downloadForRender(render->localId)));
    if (!pick.error.isEmpty())
        return BatchPage::tr("%1: %2").arg(style, asSentence(pick.error));
    if (pick.renderConfirmed) // confirmed, bought once its previews are ready
        return BatchPage::tr("%1: render confirmed, waiting for the previews").arg(style);
    return QString();
}

// The pick's render (or its download) ended without a video: it may be bought again.
bool pickFailed(const BatchPick &pick, const Store &store)
{
    const auto render = store.render(pick.renderLocalId);
    if (!render)
        return !pick.error.isEmpty();
    if (render->status.isFailure())
        return true;
    const auto download = store.downloadForRender(render->localId);
    return render->status == JobStatus::Done && download && download->status == JobStatus::Failed;
}

} // namespace

BatchPage::BatchPage(Engine *engine, BatchRunner *runner, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_runner(runner),
      m_title(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_paused(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_render(new QPushButton(this)),
      m_export(new QPushButton(tr("&Export report…"), this)),
      m_openFolder(new QPushButton(tr("Open &folder"), this)),
      m_message(new FieldMessage(this)),
      m_board(new BatchBoard(this)),
      m_refresh(new QTimer(this))
{
    m_summary->setObjectName(QStringLiteral("batchSummary"));
    m_render->setObjectName(QStringLiteral("renderPicks"));
    m_export->setObjectName(QStringLiteral("exportBatch"));
    m_progress->setObjectName(QStringLiteral("batchProgress"));
    m_paused->setObjectName(QStringLiteral("batchPaused"));
    m_paused->setWordWrap(true);
    m_paused->hide();
    m_progress->setTextVisible(true);
    m_progress->setMinimumWidth(
            m_progress->fontMetrics().horizontalAdvance(
                    tr("%1 of %2 products finished, %3 failed").arg(888).arg(888).arg(888))
            + 24);
    // The header never widens the window: the titles wrap, and the Render button is as wide as
    // its longest text from the start instead of growing with the count of picks.
    m_title->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_render->setMinimumWidth(m_render->fontMetrics().horizontalAdvance(
                                      tr("&Render %1 picks (%2)").arg(888).arg(creditsText(8888)))
                              + 2 * m_render->style()->pixelMetric(QStyle::PM_ButtonMargin) + 16);
    for (QPushButton *button : {m_render, m_export, m_openFolder})
        button->setFocusPolicy(Qt::TabFocus); // a click leaves the keys with the board

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_summary);
    header->addLayout(titles, 1);
    header->addWidget(m_progress);
    header->addWidget(m_openFolder);
    header->addWidget(m_export);
    header->addWidget(m_render);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_paused);
    layout->addWidget(m_message);
    layout->addWidget(m_board, 1);

    // One re-read per burst of store signals (a polling round changes many jobs at once).
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(50);
    connect(m_refresh, &QTimer::timeout, this, &BatchPage::refresh);
    Store *store = engine->store();
    // The batch's own changes (a pick, a row fixed or dropped) show at once: the next key
    // acts on what the store now says.
    connect(store, &Store::batchChanged, this, [this](qint64 id) {
        if (id == m_batchId)
            refresh();
    });
    // Job, render and download changes may be this batch's: re-reading is cheap.
    connect(store, &Store::jobChanged, this, &BatchPage::scheduleRefresh);
    connect(store, &Store::renderChanged, this, &BatchPage::scheduleRefresh);
    connect(store, &Store::downloadChanged, this, &BatchPage::scheduleRefresh);
    // The status bar carries the operation's own words; this line says what the batch does.
    connect(runner, &BatchRunner::paused, this, [this](int seconds) {
        m_paused->setText(
                tr("Creatify asked us to slow down: the batch sends nothing for %1 s, then "
                   "carries on by itself.")
                        .arg(seconds));
        m_paused->show();
    });
    connect(runner, &BatchRunner::resumed, m_paused, &QWidget::hide);

    connect(m_board, &BatchBoard::pickToggled, this, &BatchPage::setPick);
    connect(m_board, &BatchBoard::fixRequested, this, &BatchPage::fixRow);
    connect(m_board, &BatchBoard::dropRequested, this,
            [this](int position) { m_runner->dropRow(m_batchId, position); });
    connect(m_board, &BatchBoard::retryRequested, this, [this](int position) {
        if (!m_runner->retryRow(m_batchId, position))
            m_message->showError(tr("That product could not be tried again."));
    });
    connect(m_render, &QPushButton::clicked, this, &BatchPage::confirmRender);
    connect(m_export, &QPushButton::clicked, this, &BatchPage::exportReport);
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        if (const auto batch = m_engine->store()->batch(m_batchId))
            QDesktopServices::openUrl(QUrl::fromLocalFile(batch->downloadDirectory));
    });
}

bool BatchPage::openBatch(qint64 batchId)
{
    const auto batch = m_engine->store()->batch(batchId);
    if (!batch)
        return false;
    m_batchId = batchId;
    m_message->clearMessage();
    m_board->setStyles(batch->recorded().visualStyles());
    refresh();
    m_board->setCurrent(0, 0);
    m_board->setFocus(Qt::OtherFocusReason);
    return true;
}

void BatchPage::scheduleRefresh()
{
    if (m_batchId && !m_refresh->isActive())
        m_refresh->start();
}

void BatchPage::refresh()
{
    const Store &store = *m_engine->store();
    const auto batch = store.batch(m_batchId);
    if (!batch)
        return;
    const QStringList styles = batch->recorded().visualStyles();
    m_title->setText(tr("<h2>%1</h2>").arg(batch->name.toHtmlEscaped()));
    const BatchProgress::Summary summary = BatchProgress::summarize(*batch, store);
    m_summary->setText(summary.text());

    QList<BoardRow> rows;
    m_toRender = 0;
    m_renderLines.clear();
    for (const BatchRow &record : batch->rows) {
        const BatchProgress::RowState state = BatchProgress::rowState(record, store);
        BoardRow row;
        row.position = record.position;
        row.title = BatchProgress::productName(record, store);
        row.kind = kindOf(state);
        row.status = statusText(record, state, store);
        row.canRetry = state == BatchProgress::RowState::Failed;
        if (state == BatchProgress::RowState::Ready) {
            const QList<PreviewRecord> previews = store.previews(record.jobLocalId);
            for (const QString &style : styles) { // in the board's column order
                for (const PreviewRecord &preview : previews) {
                    if (preview.visualStyle == style)
                        row.previews << PreviewTileInfo{style, ApiEnums::visualStyleLabel(style),
                                                        preview.aspectRatio, preview.url, style};
                }
            }
        }
        QStringList renders;
        for (const BatchPick &pick : record.picks) {
            row.picked << pick.visualStyle;
            if (const QString text = pickText(pick, store); !text.isEmpty())
                renders << text;
            if (pickFailed(pick, store))
                row.canRetry = row.kind != BoardRow::Kind::Dropped;
            // A pick confirmed earlier is bought without asking again; only new ones are asked.
            if (pick.renderLocalId == 0 && pick.error.isEmpty() && !pick.renderConfirmed
                && state != BatchProgress::RowState::Dropped
                && state != BatchProgress::RowState::Failed
                && state != BatchProgress::RowState::LinkFailed) {
                ++m_toRender;
                m_renderLines << tr("%1 — %2").arg(row.title,
                                                   ApiEnums::visualStyleLabel(pick.visualStyle));
            }
        }
        row.renders = renders.join(QStringLiteral(", "));
        rows << row;
    }
    m_board->setRows(rows);

    PreviewListRequest prices; // what a render is priced by
    prices.videoLength = batch->recorded().videoLength();
    prices.modelVersion = batch->recorded().modelVersion();
    m_renderCost = BatchCost::renders(m_toRender, prices);
    if (m_toRender == 0)
        m_render->setText(tr("&Render picks"));
    else
        m_render->setText(
                m_toRender == 1
                        ? tr("&Render 1 pick (%1)").arg(creditsText(m_renderCost))
                        : tr("&Render %1 picks (%2)").arg(m_toRender).arg(creditsText(m_renderCost)));
    m_render->setToolTip(m_toRender == 0 ? tr("Pick the previews to render first (P or Space "
                                              "picks the selected one).")
                                         : QString());
    m_render->setEnabled(m_toRender > 0);

    // Overall progress: the renders once some are bought, the previews before. The bar and its
    // sentence count the same thing: what is finished, and of that what failed.
    const bool rendering = summary.picks > 0 && m_toRender < summary.picks;
    QString progress;
    if (rendering)
        progress = summary.picksFailed == 0
                ? tr("%1 of %2 videos saved").arg(summary.picksSettled).arg(summary.picks)
                : tr("%1 of %2 videos finished, %3 failed")
                          .arg(summary.picksSettled)
                          .arg(summary.picks)
                          .arg(summary.picksFailed);
    else {
        // A blocked shop or failed previews wait for the user: counted as settled, named apart.
        progress = tr("%1 of %2 products ready")
                           .arg(summary.rowsSettled - summary.rowsFailed)
                           .arg(summary.rows);
        if (summary.rowsBlocked > 0)
            progress += tr(", %1 blocked").arg(summary.rowsBlocked);
        if (summary.rowsFailed > summary.rowsBlocked)
            progress += tr(", %1 failed").arg(summary.rowsFailed - summary.rowsBlocked);
    }
    m_progress->setFormat(progress); // first: the value's change shows the new words
    m_progress->setMaximum(qMax(1, rendering ? summary.picks : summary.rows));
    m_progress->setValue(rendering ? summary.picksSettled : summary.rowsSettled);
}

void BatchPage::setPick(int position, const QString &visualStyle, bool picked)
{
    const auto batch = m_engine->store()->batch(m_batchId);
    if (!batch || position < 0 || position >= batch->rows.size())
        return;
    QStringList styles;
    for (const BatchPick &pick : batch->rows.at(position).picks)
        styles << pick.visualStyle;
    if (picked && !styles.contains(visualStyle))
        styles << visualStyle;
    if (!picked)
        styles.removeAll(visualStyle);
    if (!m_runner->setPicks(m_batchId, position, styles))
        m_message->showError(tr("The pick could not be saved."));
}

void BatchPage::confirmRender()
{
    if (m_toRender == 0)
        return;
    const QStringList &lines = m_renderLines;
    SpendQuestion question;
    question.title = tr("Render the picks");
    question.cost = m_renderCost;
    question.lead = lines.size() == 1
            ? tr("Rendering 1 pick costs <b>%1</b>.").arg(creditsText(m_renderCost))
            : tr("Rendering %1 picks costs <b>%2</b>.")
                      .arg(lines.size())
                      .arg(creditsText(m_renderCost));
    question.acceptText = tr("Render for %1").arg(creditsText(m_renderCost));
    // What is rendered is named in the question itself (the first dozen; all in the details),
    // so nobody pays for a list they did not see.
    constexpr int kListed = 12;
    QString listed = QStringLiteral("<ul>");
    for (const QString &line : lines.mid(0, kListed))
        listed += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    listed += QStringLiteral("</ul>");
    if (lines.size() > kListed)
        listed += tr("<p>… and %1 more (Show Details lists them all).</p>")
                          .arg(lines.size() - kListed);
    question.informativeText = listed
            + tr("<p>The videos are saved in the batch's folder as they finish.</p>");
    question.detailedText = lines.join(QLatin1Char('\n'));
    const qint64 batchId = m_batchId;
    confirmSpendWithBalance(
            this, m_engine->balance(), question,
            [this](QMessageBox *box) { Q_EMIT renderConfirmationShown(box); },
            [this, batchId] {
                if (!m_runner->renderPicks(batchId))
                    m_message->showError(tr("The renders could not be started."));
                m_board->setFocus(Qt::OtherFocusReason);
            },
            [this] { m_board->setFocus(Qt::OtherFocusReason); });
}

void BatchPage::exportReport()
{
    const auto batch = m_engine->store()->batch(m_batchId);
    if (!batch)
        return;
    const QString suggested = QDir(batch->downloadDirectory)
                                      .filePath(DownloadManager::sanitizedFileName(batch->name)
                                                + QStringLiteral(".csv"));
    // Not the static getSaveFileName(): its nested event loop would run the store's signals
    // (and a page change) under it. Parented to the page, the dialog goes with it.
    auto *dialog = new QFileDialog(this, tr("Export the batch report"), suggested,
                                   tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    const qint64 batchId = m_batchId;
    connect(dialog, &QFileDialog::fileSelected, this, [this, batchId](const QString &path) {
        const auto chosen = m_engine->store()->batch(batchId);
        if (path.isEmpty() || !chosen)
            return;
        QString error;
        if (BatchExport::write(*chosen, *m_engine->store(), path, &error))
            m_message->showInfo(tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)));
        else
            m_message->showError(error);
    });
    dialog->open();
    Q_EMIT fileDialogShown(dialog);
}

void BatchPage::fixRow(int position)
{
    const auto batch = m_engine->store()->batch(m_batchId);
    if (!batch || position < 0 || position >= batch->rows.size())
        return;
    auto *dialog = new BatchFixDialog(batch->rows.at(position), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BatchFixDialog::productEntered, this,
            [this, position](const LinkParams &product) {
                if (!m_runner->fixRow(m_batchId, position, product))
                    m_message->showError(tr("The product could not be saved."));
            });
    dialog->open();
}

} // namespace PreviewDeck
