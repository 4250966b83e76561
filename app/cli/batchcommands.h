#pragma once

#include "batchrecords.h"
#include "commandgroup.h"

#include <QJsonObject>

#include <optional>

namespace PreviewDeck {

class BatchRunner;

// batch create FILE --styles …, batch show BATCH, batch render BATCH (--pick S | --picks F) and
// batch export BATCH FILE: a catalogue of products through the core's BatchRunner. Running a
// command again (after a crash or a timeout) carries on with what the batch already bought.
class BatchCommands : public CommandGroup
{
    Q_OBJECT
public:
    BatchCommands(CommandHost &host, WorkFollower &follower, QObject *parent);

    void run(const QStringList &args);

private:
    void create(const QString &file);
    void show(const QString &batch);
    void render(const QString &batch);
    void exportReport(const QString &batch, const QString &file);

    qint64 resolveBatch(const QString &text);
    // The batch with the picks of --pick or --picks added, not saved yet (the user confirms
    // first); nullopt when the run ended as bad usage.
    std::optional<Batch> withPicks(qint64 batchId);
    // Ends the run once `settled` holds (checked on every change), printing the batch.
    void finishWhen(qint64 batchId, bool renders, const std::function<bool()> &settled);
    void printAndFinish(qint64 batchId, bool renders);
    QJsonObject rowJson(const BatchRow &row, bool renders) const;

    BatchRunner *m_runner; // the connection's
    QString m_lastProgress;
};

} // namespace PreviewDeck
