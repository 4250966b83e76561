#include "batchexport.h"

#include "batchcost.h"
#include "batchprogress.h"
#include "store.h"

#include <QSaveFile>
#include <QSet>

namespace PreviewDeck {

namespace {
QString field(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
} // namespace

QString BatchExport::csv(const Batch &batch, const Store &store)
{
    QStringList lines{QStringLiteral(
            "product,url,style,preview_page,picked,render_status,credits,file_path")};
    const QStringList styles = batch.recorded().visualStyles();
    QSet<qint64> jobsCounted; // a job two rows point at was bought once
    for (const BatchRow &row : batch.rows) {
        const QList<PreviewRecord> previews = row.jobLocalId ? store.previews(row.jobLocalId)
                                                             : QList<PreviewRecord>();
        // What Creatify charged (BatchProgress::creditsUsed, line by line): the previews and the
        // product page shared over the row's styles, each render on its style's line.
        BatchProgress::RowCredits used;
        if (row.jobLocalId && !jobsCounted.contains(row.jobLocalId)) {
            jobsCounted.insert(row.jobLocalId);
            used = BatchProgress::rowCreditsUsed(row, store);
        }
        const QString state = BatchProgress::rowStateName(BatchProgress::rowState(row, store));
        for (const QString &style : styles) {
            QString page;
            for (const PreviewRecord &preview : previews)
                if (preview.visualStyle == style)
                    page = preview.url.toString();
            const double credits = used.previews / styles.size() + used.renders.value(style);
            QString renderStatus = state == QLatin1String("done") ? QString() : state;
            QString path;
            bool picked = false;
            for (const BatchPick &pick : row.picks) {
                if (pick.visualStyle != style)
                    continue;
                picked = true;
                const BatchProgress::PickState now = BatchProgress::pickState(row, pick, store);
                renderStatus = now.status();
                path = now.path;
            }
            lines << QStringList{field(BatchProgress::productName(row, store)),
                                 field(row.url),
                                 field(style),
                                 field(page),
                                 picked ? QStringLiteral("yes") : QStringLiteral("no"),
                                 field(renderStatus),
                                 BatchCost::credits(credits),
                                 field(path)}
                             .join(QLatin1Char(','));
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool BatchExport::write(const Batch &batch, const Store &store, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(csv(batch, store).toUtf8()) >= 0
        && file.commit())
        return true;
    if (error)
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

} // namespace PreviewDeck
