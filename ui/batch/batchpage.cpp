#include "batch/batchpage.h"

#include "apienums.h"
#include "batch/batchboard.h"
#include "batch/batchfixdialog.h"
#include "batchcost.h"
#include "batchexport.h"
#include "batchprogress.h"
#include "batchrunner.h"
#include "creditbalance.h"
#include "engine.h"
#include "store.h"
#include "widgets/formmessages.h"

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

QString pickText(const BatchProgress::PickState &pick)
{
    const QString style = ApiEnums::visualStyleLabel(pick.visualStyle);
    if (pick.status == QLatin1String("waiting"))
        return BatchPage::tr("%1 picked").arg(style);
    if (pick.status == QLatin1String("rendering"))
        return BatchPage::tr("%1 rendering…").arg(style);
    if (pick.status == QLatin1String("downloading"))
        return BatchPage::tr("%1 downloading…").arg(style);
    if (pick.status == QLatin1String("done"))
        return BatchPage::tr("%1 saved").arg(style);
    if (pick.status == QLatin1String("rendered"))
        return BatchPage::tr("%1 rendered").arg(style);
    return BatchPage::tr("%1 failed: %2").arg(style, pick.error);
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
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(
                                        tr("%1 of %2 products settled").arg(888).arg(888))
                                + 24);
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
    connect(runner, &BatchRunner::paused, this, [this](int seconds, const QString &message) {
        m_paused->setText(tr("Creatify asked to slow down: nothing is sent for %1 s. %2")
                                  .arg(seconds)
                                  .arg(message));
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
            const BatchProgress::PickState pickState = BatchProgress::pickState(record, pick, store);
            if (pick.renderLocalId != 0 || !pick.error.isEmpty())
                renders << pickText(pickState);
            if (pickState.status == QLatin1String("failed"))
                row.canRetry = row.kind != BoardRow::Kind::Dropped;
            if (pick.renderLocalId == 0 && pick.error.isEmpty()
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
    m_render->setText(
            m_toRender == 1
                    ? tr("&Render 1 pick (%1)").arg(creditsText(m_renderCost))
                    : tr("&Render %1 picks (%2)").arg(m_toRender).arg(creditsText(m_renderCost)));
    m_render->setEnabled(m_toRender > 0);

    // Overall progress: the renders once some are bought, the previews before.
    const bool rendering = summary.picks > 0 && m_toRender < summary.picks;
    m_progress->setMaximum(qMax(1, rendering ? summary.picks : summary.rows));
    m_progress->setValue(rendering ? summary.picksSettled : summary.rowsSettled);
    m_progress->setFormat(
            rendering ? tr("%1 of %2 videos saved").arg(summary.picksDone).arg(summary.picks)
                      : tr("%1 of %2 products settled").arg(summary.rowsSettled).arg(summary.rows));
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
    const QStringList lines = m_renderLines;
    const double cost = m_renderCost;
    m_engine->balance()->refreshThen(this, [this, lines, cost](double balance) {
        auto *box = new QMessageBox(QMessageBox::Question, tr("Render the picks"), QString(),
                                    QMessageBox::NoButton, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QString text = lines.size() == 1
                ? tr("Rendering 1 pick costs <b>%1</b>.").arg(creditsText(cost))
                : tr("Rendering %1 picks costs <b>%2</b>.").arg(lines.size()).arg(creditsText(cost));
        if (balance >= 0)
            text += QLatin1Char(' ')
                    + tr("Your balance is %1; %2 will be left.")
                              .arg(creditsText(balance), creditsText(balance - cost));
        box->setText(text);
        // What is rendered is named in the question itself (the first dozen; all in the
        // details), so nobody pays for a list they did not see.
        constexpr int kListed = 12;
        QString listed = QStringLiteral("<ul>");
        for (const QString &line : lines.mid(0, kListed))
            listed += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
        listed += QStringLiteral("</ul>");
        if (lines.size() > kListed)
            listed += tr("<p>… and %1 more (Show Details lists them all).</p>")
                              .arg(lines.size() - kListed);
        box->setInformativeText(
                listed + tr("<p>The videos are saved in the batch's folder as they finish.</p>"));
        box->setDetailedText(lines.join(QLatin1Char('\n')));
        QPushButton *render = box->addButton(tr("Render for %1").arg(creditsText(cost)),
                                             QMessageBox::AcceptRole);
        box->addButton(QMessageBox::Cancel);
        box->setDefaultButton(QMessageBox::Cancel); // a stray Enter never spends
        render->setEnabled(balance < 0 || balance >= cost);
        connect(box, &QMessageBox::finished, this, [this, box, render] {
            if (box->clickedButton() == render && !m_runner->renderPicks(m_batchId))
                m_message->showError(tr("The renders could not be started."));
            m_board->setFocus(Qt::OtherFocusReason);
        });
        box->open();
        Q_EMIT renderConfirmationShown(box);
    });
}

void BatchPage::exportReport()
{
    const auto batch = m_engine->store()->batch(m_batchId);
    if (!batch)
        return;
    const QString suggested
            = QDir(batch->downloadDirectory).filePath(batch->name + QStringLiteral(".csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the batch report"),
                                                      suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (BatchExport::write(*batch, *m_engine->store(), path, &error))
        m_message->showInfo(tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)));
    else
        m_message->showError(error);
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
