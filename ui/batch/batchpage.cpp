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
// (StatusText); "" for a pick nothing was asked for yet.
QString pickText(const BatchPick &pick, const BatchProgress::PickState &state, const Store &store)
{
    const QString style = ApiEnums::visualStyleLabel(pick.visualStyle);
    if (const auto render = store.render(pick.renderLocalId))
        return BatchPage::tr("%1: %2").arg(
                style, StatusText::render(*render, store.downloadForRender(render->localId)));
    if (state.stage == BatchProgress::PickStage::Failed)
        return BatchPage::tr("%1: %2").arg(style, asSentence(state.error));
    if (pick.renderConfirmed) // confirmed, bought once its previews are ready
        return BatchPage::tr("%1: render confirmed, waiting for the previews").arg(style);
    return QString();
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
    connect(m_board, &BatchBoard::retryRequested, this, &BatchPage::confirmRetry);
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
            const BatchProgress::PickState state = BatchProgress::pickState(record, pick, store);
            if (const QString text = pickText(pick, state, store); !text.isEmpty())
                renders << text;
            if (state.retry != BatchProgress::PickRetry::None)
                row.canRetry = true;
        }
        row.renders = renders.join(QStringLiteral(", "));
        rows << row;
    }
    m_board->setRows(rows);

    const int toConfirm = int(BatchProgress::picksToConfirm(*batch, store).size());
    const double cost = BatchCost::renders(toConfirm, *batch);
    if (toConfirm == 0)
        m_render->setText(tr("&Render picks"));
    else
        m_render->setText(
                toConfirm == 1 ? tr("&Render 1 pick (%1)").arg(creditsText(cost))
                               : tr("&Render %1 picks (%2)").arg(toConfirm).arg(creditsText(cost)));
    m_render->setToolTip(toConfirm == 0 ? tr("Pick the previews to render first (P or Space "
                                             "picks the selected one).")
                                        : QString());
    m_render->setEnabled(toConfirm > 0);

    // Overall progress: the renders once some are confirmed, the previews before. The bar and
    // its sentence count the same thing: what is finished, and of that what failed.
    const bool rendering = summary.isRendering();
    const QString progress = rendering ? summary.rendersText() : summary.productsText();
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
    const Store &store = *m_engine->store();
    const auto batch = store.batch(m_batchId);
    if (!batch)
        return;
    // What the user is shown is exactly what is confirmed, even if the board changes meanwhile.
    const QList<BatchProgress::PickRef> picks = BatchProgress::picksToConfirm(*batch, store);
    if (picks.isEmpty())
        return;
    QStringList lines;
    for (const BatchProgress::PickRef &pick : picks)
        lines << tr("%1 — %2").arg(BatchProgress::productName(batch->rows.at(pick.position), store),
                                   ApiEnums::visualStyleLabel(pick.visualStyle));
    const double cost = BatchCost::renders(int(picks.size()), *batch);
    SpendQuestion question;
    question.title = tr("Render the picks");
    question.cost = cost;
    question.lead = lines.size() == 1
            ? tr("Rendering 1 pick costs <b>%1</b>.").arg(creditsText(cost))
            : tr("Rendering %1 picks costs <b>%2</b>.").arg(lines.size()).arg(creditsText(cost));
    question.acceptText = tr("Render for %1").arg(creditsText(cost));
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
    askToSpend(question, [this, batchId, picks] {
        if (!m_runner->renderPicks(batchId, picks))
            m_message->showError(tr("The renders could not be started."));
    });
}

void BatchPage::askToSpend(const SpendQuestion &question, const std::function<void()> &buy)
{
    confirmSpendWithBalance(
            this, m_engine->balance(), question,
            [this](QMessageBox *box) { Q_EMIT renderConfirmationShown(box); },
            [this, buy] {
                buy();
                m_board->setFocus(Qt::OtherFocusReason);
            },
            [this] { m_board->setFocus(Qt::OtherFocusReason); });
}

void BatchPage::confirmRetry(int position)
{
    const Store &store = *m_engine->store();
    const auto batch = store.batch(m_batchId);
    const auto row = store.batchRow(m_batchId, position);
    if (!batch || !row)
        return;
    const qint64 batchId = m_batchId;
    // Exactly what the question lists is bought, even if another render fails meanwhile.
    const QStringList renders = BatchProgress::rendersToRetry(*row, store);
    const auto retry = [this, batchId, position, renders] {
        if (!m_runner->retryRow(batchId, position, renders))
            m_message->showError(tr("That product could not be tried again."));
    };
    // A blocked page (covered by the batch's confirmation) or a download (free) is tried at
    // once; previews or renders to buy (again) are asked first, with their cost.
    const double cost = BatchCost::retryRow(*batch, *row, store);
    if (cost <= 0) {
        retry();
        m_board->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QString product = BatchProgress::productName(*row, store);
    SpendQuestion question;
    question.title = tr("Try again");
    question.cost = cost;
    question.lead = tr("Trying “%1” again costs <b>%2</b>.")
                            .arg(product.toHtmlEscaped(), creditsText(cost));
    question.acceptText = tr("Try again for %1").arg(creditsText(cost));
    // Creatify's docs do not say whether failed work is refunded: a new purchase says so.
    if (BatchProgress::rowState(*row, store) != BatchProgress::RowState::Ready
        || !BatchProgress::rendersToBuyAgain(*row, store).isEmpty())
        question.informativeText = tr(
                "<p>Creatify already charged for what failed, so this is a new purchase. Its "
                "documentation does not say whether failed work is refunded.</p>");
    askToSpend(question, retry);
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
