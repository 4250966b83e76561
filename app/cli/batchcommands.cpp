#include "batchcommands.h"

#include "apiclient.h"
#include "batchcost.h"
#include "batchexport.h"
#include "batchimport.h"
#include "batchprogress.h"
#include "batchrunner.h"
#include "clioutput.h"
#include "commandhost.h"
#include "engine.h"
#include "jobtracker.h"
#include "requestcheck.h"
#include "spendledger.h"
#include "store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace PreviewDeck {

BatchCommands::BatchCommands(CommandHost &host, WorkFollower &follower, QObject *parent)
    : CommandGroup(host, follower, parent), m_runner(host.batchRunner())
{
    m_runner->setRepeatOptions(host.repeatOptions());
    connect(m_runner, &BatchRunner::paused, this,
            [this](int, const QString &message) { out().note(message); });
}

void BatchCommands::run(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("create") && args.size() == 2)
        create(args.at(1));
    else if (sub == QLatin1String("show") && args.size() == 2)
        show(args.at(1));
    else if (sub == QLatin1String("render") && args.size() == 2)
        render(args.at(1));
    else if (sub == QLatin1String("export") && args.size() == 3)
        exportReport(args.at(1), args.at(2));
    else
        host().usage(tr("Use \"batch create FILE --styles A,B\", \"batch show BATCH\", \"batch "
                        "render BATCH --pick STYLE\" (or --picks FILE) or \"batch export BATCH "
                        "FILE\"."));
}

void BatchCommands::create(const QString &file)
{
    if (!isSet("styles")) {
        host().usage(tr("Say which visual styles every product gets: --styles A,B."));
        return;
    }
    PreviewListRequest options = singleVideoOptions();
    options.name.clear(); // --name names the batch; each product's video has its own name
    // The shared options are checked here; each row brings its own link.
    QList<InputProblem> problems = RequestCheck::previewList(options);
    problems.erase(
            std::remove_if(problems.begin(), problems.end(),
                           [](const InputProblem &p) { return p.field == QLatin1String("link"); }),
            problems.end());
    if (refused(problems))
        return;
    const auto hosts = RequestCheck::hostsFor(*engine()->client());
    const BatchImport::Result products = BatchImport::readFile(file, hosts);
    if (!products.isUsable() || !products.problems.isEmpty()) {
        host().usage(tr("Nothing was sent: %1").arg(products.summary()));
        return;
    }
    Store *store = engine()->store();
    qint64 id = 0;
    const QString key = SpendLedger::batchKey(options, products.rows);
    if (const auto earlier = store->batchByKey(key);
        earlier && !host().repeatOptions().testFlag(SpendGuard::BuyAgainIfFinished)) {
        id = earlier->id;
        out().note(tr("Carrying on with batch %1, started at %2.")
                           .arg(id)
                           .arg(QLocale().toString(earlier->createdAt.toLocalTime(),
                                                   QLocale::ShortFormat)));
    } else {
        const BatchCost cost = BatchCost::estimate(int(products.rows.size()), options);
        out().note(cost.summary());
        if (!host().confirmSpend(cost.beforeRendering(), tr("This batch"), false))
            return;
        const QString name = value("name").isEmpty()
                ? tr("Batch %1")
                          .arg(QDateTime::currentDateTime().toString(
                                  QStringLiteral("yyyy-MM-dd hh.mm.ss")))
                : value("name");
        const QString folder = isSet("download-dir")
                ? value("download-dir")
                : QDir(engine()->downloadDirectory()).filePath(name);
        id = m_runner->create(name, options, products.rows, folder);
        if (!id) {
            host().fail(tr("The batch could not be recorded in the history; nothing was sent."));
            return;
        }
    }
    out().line(tr("Batch %1: %2 products").arg(id).arg(products.rows.size()));
    m_runner->run(id);
    const bool waits = host().waits();
    finishWhen(id, false, [this, id, waits] {
        if (!m_runner->isIdle())
            return false;
        return !waits
                || BatchProgress::summarize(*engine()->store()->batch(id), *engine()->store())
                           .previewsSettled();
    });
}

void BatchCommands::show(const QString &batch)
{
    const qint64 id = resolveBatch(batch);
    if (!id)
        return;
    // One polling round brings it up to date before printing.
    JobTracker *tracker = engine()->tracker();
    connect(tracker, &JobTracker::roundFinished, this, [this, id] { printAndFinish(id, true); });
    connect(tracker, &JobTracker::idle, this, [this, id] { printAndFinish(id, true); });
    tracker->poke();
}

void BatchCommands::render(const QString &batch)
{
    const qint64 id = resolveBatch(batch);
    if (!id)
        return;
    const std::optional<Batch> picked = withPicks(id);
    if (!picked)
        return;
    // Asked before anything is saved: declining leaves the batch as it was. Picks confirmed
    // before are carried on without asking again; with --again, a failed render is bought again.
    Store *store = engine()->store();
    const bool again = host().repeatOptions().testFlag(SpendGuard::BuyAgainIfFinished);
    const QList<BatchProgress::PickRef> toConfirm = BatchProgress::picksToConfirm(*picked, *store);
    const QList<BatchProgress::PickRef> toBuyAgain = again
            ? BatchProgress::rendersToBuyAgain(*picked, *store)
            : QList<BatchProgress::PickRef>();
    const int toRender = int(toConfirm.size() + toBuyAgain.size());
    const double cost = BatchCost::renders(toRender, *picked);
    QString what = toRender == 1 ? tr("Rendering 1 pick") : tr("Rendering %1 picks").arg(toRender);
    if (!toBuyAgain.isEmpty()) // a failed render bought again is a new purchase: say so
        what += toBuyAgain.size() == toRender
                ? (toRender == 1 ? tr(" again (it failed)") : tr(" again (they failed)"))
                : tr(" (%1 of them again: they failed)").arg(toBuyAgain.size());
    if (toRender > 0 && !host().confirmSpend(cost, what, false))
        return;
    if (isSet("download-dir"))
        store->setBatchDownloadDirectory(id, value("download-dir"));
    for (const BatchRow &row : picked->rows) {
        QStringList styles;
        for (const BatchPick &pick : row.picks)
            styles << pick.visualStyle;
        m_runner->setPicks(id, row.position, styles);
    }
    // --again buys again the failed renders it asked about, nothing else: a new pick whose
    // preview was rendered before carries on with that render.
    m_runner->setRepeatOptions(host().repeatOptions()
                               & ~SpendGuard::RepeatOptions(SpendGuard::BuyAgainIfFinished));
    m_runner->renderPicks(id, toConfirm);
    m_runner->retryRenders(id, toBuyAgain);
    const bool waits = host().waits();
    finishWhen(id, true, [this, id, waits] {
        if (!m_runner->isIdle())
            return false;
        if (!waits)
            return true;
        const auto summary = BatchProgress::summarize(*engine()->store()->batch(id),
                                                      *engine()->store());
        return summary.previewsSettled() && summary.rendersSettled();
    });
}

void BatchCommands::exportReport(const QString &batch, const QString &file)
{
    const qint64 id = resolveBatch(batch);
    if (!id)
        return;
    QString error;
    if (!BatchExport::write(*engine()->store()->batch(id), *engine()->store(), file, &error)) {
        host().fail(error);
        return;
    }
    out().line(tr("Wrote %1").arg(QDir::toNativeSeparators(file)));
    out().result(QJsonObject{{QStringLiteral("batch"), id}, {QStringLiteral("path"), file}});
    host().succeed();
}

qint64 BatchCommands::resolveBatch(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (ok && engine()->store()->batch(id))
        return id;
    host().fail(tr("There is no batch %1 in this computer's history.").arg(text));
    return 0;
}

std::optional<Batch> BatchCommands::withPicks(qint64 batchId)
{
    if (isSet("pick") == isSet("picks")) {
        host().usage(tr("Say what to render: --pick STYLE or --picks FILE."));
        return std::nullopt;
    }
    Batch batch = *engine()->store()->batch(batchId);
    const QStringList styles = batch.recorded().visualStyles();
    QHash<int, QStringList> wanted; // row -> styles
    if (isSet("pick")) {
        const QString style = value("pick");
        if (!styles.contains(style)) {
            host().usage(tr("Nothing was sent: this batch has no style \"%1\" (it has %2).")
                                 .arg(style, styles.join(QLatin1String(", "))));
            return std::nullopt;
        }
        for (const BatchRow &row : batch.rows)
            wanted[row.position] << style;
    } else {
        QFile file(value("picks"));
        if (!file.open(QIODevice::ReadOnly)) {
            host().usage(tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
            return std::nullopt;
        }
        const QString text = QString::fromUtf8(file.readAll()).remove(QChar(0xFEFF));
        const QChar separator = text.contains(QLatin1Char('\t')) ? QLatin1Char('\t')
                                                                 : QLatin1Char(',');
        for (const auto &[line, fields] : BatchImport::records(text, separator)) {
            if (line == 1 && fields.value(0).compare(QLatin1String("url"), Qt::CaseInsensitive) == 0)
                continue; // a header
            // The same product however its address is spelled (a trailing slash, the host's
            // case), as the import and the spend guard see it.
            QUrl url;
            RequestCheck::productUrl(fields.value(0), &url, RequestCheck::Hosts::LocalToo);
            const QString product = SpendLedger::comparableUrl(url.toString());
            const auto row = std::find_if(
                    batch.rows.cbegin(), batch.rows.cend(), [&](const BatchRow &r) {
                        return !r.url.isEmpty() && SpendLedger::comparableUrl(r.url) == product;
                    });
            const QString style = fields.value(1);
            if (row == batch.rows.cend() || !styles.contains(style)) {
                host().usage(tr("Nothing was sent: line %1 of %2 names %3.")
                                     .arg(line)
                                     .arg(file.fileName(),
                                          row == batch.rows.cend()
                                                  ? tr("a product that is not in this batch")
                                                  : tr("a style this batch does not have")));
                return std::nullopt;
            }
            wanted[row->position] << style;
        }
    }
    for (BatchRow &row : batch.rows) {
        const auto state = BatchProgress::rowState(row, *engine()->store());
        if (!wanted.contains(row.position) || !BatchProgress::mayHavePreviews(state))
            continue; // such a row has no preview to render; its own reason is printed
        for (const QString &style : std::as_const(wanted[row.position])) {
            const bool picked = std::any_of(
                    row.picks.cbegin(), row.picks.cend(),
                    [&](const BatchPick &p) { return p.visualStyle == style; });
            if (!picked)
                row.picks << BatchPick{style, 0, QString(), false};
        }
    }
    return batch;
}

void BatchCommands::finishWhen(qint64 batchId, bool renders, const std::function<bool()> &settled)
{
    auto check = [this, batchId, renders, settled] {
        if (host().hasFinished())
            return;
        const QString progress = BatchProgress::summarize(*engine()->store()->batch(batchId),
                                                          *engine()->store())
                                         .text();
        if (progress != m_lastProgress)
            out().progress(QLatin1String("  ") + progress);
        m_lastProgress = progress;
        if (settled())
            printAndFinish(batchId, renders);
    };
    connect(m_runner, &BatchRunner::changed, this, check, Qt::QueuedConnection);
    connect(m_runner, &BatchRunner::idle, this, check, Qt::QueuedConnection);
    connect(engine(), &Engine::downloadFinished, this, check, Qt::QueuedConnection);
    QTimer::singleShot(0, this, check);
}

QJsonObject BatchCommands::rowJson(const BatchRow &row, bool renders) const
{
    const Store &store = *engine()->store();
    const auto job = store.job(row.jobLocalId);
    QJsonArray previews;
    if (job) {
        for (const PreviewRecord &preview : store.previews(job->localId))
            previews.append(QJsonObject{{QStringLiteral("visual_style"), preview.visualStyle},
                                        {QStringLiteral("media_job"), preview.mediaJob},
                                        {QStringLiteral("url"), preview.url.toString()}});
    }
    QJsonObject json{
            {QStringLiteral("position"), row.position + 1},
            {QStringLiteral("name"), BatchProgress::productName(row, store)},
            {QStringLiteral("url"), row.url},
            {QStringLiteral("link"), row.linkId},
            {QStringLiteral("job"), job ? job->remoteId : QString()},
            {QStringLiteral("status"),
             BatchProgress::rowStateName(BatchProgress::rowState(row, store))},
            {QStringLiteral("error"), BatchProgress::rowError(row, store)},
            {QStringLiteral("previews"), previews},
    };
    if (renders) {
        QJsonArray list;
        for (const BatchPick &pick : row.picks) {
            const auto state = BatchProgress::pickState(row, pick, store);
            list.append(QJsonObject{{QStringLiteral("visual_style"), state.visualStyle},
                                    {QStringLiteral("status"), state.status()},
                                    {QStringLiteral("path"), state.path},
                                    {QStringLiteral("error"), state.error}});
        }
        json.insert(QStringLiteral("renders"), list);
    }
    return json;
}

void BatchCommands::printAndFinish(qint64 batchId, bool renders)
{
    if (host().hasFinished())
        return;
    const Store &store = *engine()->store();
    const Batch batch = *store.batch(batchId);
    QJsonArray rows;
    QStringList failures;
    for (const BatchRow &row : batch.rows) {
        const QJsonObject json = rowJson(row, renders);
        rows.append(json);
        QString line = tr("%1. %2 — %3")
                               .arg(row.position + 1)
                               .arg(json.value(QLatin1String("name")).toString(),
                                    json.value(QLatin1String("status")).toString());
        if (const QString error = json.value(QLatin1String("error")).toString(); !error.isEmpty())
            failures << tr("row %1 (%2): %3").arg(row.position + 1).arg(row.url, error);
        for (const QJsonValue &value : json.value(QLatin1String("renders")).toArray()) {
            const QJsonObject pick = value.toObject();
            line += tr("; %1: %2")
                            .arg(pick.value(QLatin1String("visual_style")).toString(),
                                 pick.value(QLatin1String("status")).toString());
            if (!pick.value(QLatin1String("path")).toString().isEmpty())
                line += QLatin1Char(' ') + pick.value(QLatin1String("path")).toString();
            else if (!pick.value(QLatin1String("error")).toString().isEmpty()
                     && json.value(QLatin1String("error")).toString().isEmpty())
                failures << tr("row %1 (%2), %3: %4")
                                    .arg(row.position + 1)
                                    .arg(row.url,
                                         pick.value(QLatin1String("visual_style")).toString(),
                                         pick.value(QLatin1String("error")).toString());
        }
        out().line(line);
    }
    out().line(BatchProgress::summarize(batch, store).text());
    out().result(QJsonObject{{QStringLiteral("batch"), batchId}, {QStringLiteral("rows"), rows}});
    if (failures.isEmpty())
        host().succeed();
    else
        host().partlyFailed(
                (failures.size() == 1 ? tr("1 failed: ") : tr("%1 failed: ").arg(failures.size()))
                + failures.join(QLatin1String("; ")));
}

} // namespace PreviewDeck
