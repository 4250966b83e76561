#pragma once

#include "apitypes.h"
#include "batchprogress.h"
#include "batchrecords.h"
#include "spendguard.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace PreviewDeck {

class Engine;
class SpendOperation;
class Store;

// Drives a batch of products (docs/decisions.md, "Batches"): for each row, reads the product
// page (or makes the link from data entered by hand), asks for its previews and, once picks are
// made, renders them; the tracker polls, the engine saves the videos into the batch's folder.
// Every purchase goes through the spend guard, so running a batch again (after a crash, in a
// new process) carries on with what was bought instead of buying it twice. A queue keeps a few
// purchases in flight at most; a 429 on any of them pauses the queue for its Retry-After. The
// store holds everything; this object only holds the queue.
class BatchRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxInFlight = 3;

    explicit BatchRunner(Engine *engine, QObject *parent = nullptr);
    ~BatchRunner() override;

    void setMaxInFlight(int requests) { m_maxInFlight = qMax(1, requests); }
    int maxInFlight() const { return m_maxInFlight; }
    int inFlight() const { return m_inFlight; }
    bool isPaused() const { return m_pause.isActive(); }
    bool isIdle() const { return m_inFlight == 0 && m_queue.isEmpty(); }
    // --again / --send-again for every purchase this runner makes.
    void setRepeatOptions(SpendGuard::RepeatOptions options) { m_options = options; }

    // Records a new batch (nothing bought yet); 0 when it could not be written.
    qint64 create(const QString &name, const PreviewListRequest &options,
                  const QList<BatchRow> &rows, const QString &downloadDirectory);

    // Carries every unfinished row on: after create(), or after a restart.
    bool run(qint64 batchId);
    // A row whose page could not be read (and is not being read again now), entered by hand
    // instead; false for any other row (its previews may be bought or on their way).
    bool fixRow(qint64 batchId, int position, const LinkParams &product);
    bool dropRow(qint64 batchId, int position);
    // A failed row tried again alone: its page, its previews (bought again if Creatify failed
    // them), its failed downloads, and of its failed renders those in `renders` (the styles the
    // user was shown, BatchProgress::rendersToRetry): nothing beyond what was asked.
    bool retryRow(qint64 batchId, int position, const QStringList &renders = {});
    // Replaces a row's picks (styles the batch has); renders already bought and confirmations
    // stay with them. A new pick is not rendered until renderPicks() confirms it; a removed pick
    // that was confirmed but not bought yet is not bought.
    bool setPicks(qint64 batchId, int position, const QStringList &visualStyles);
    // The user confirmed rendering `picks` (what BatchProgress::picksToConfirm() listed when
    // they were asked): those still awaiting purchase are marked confirmed in the store and
    // rendered, now for rows whose previews are ready and
    // later (also after a restart, by run()) for the others as theirs become ready. Picks made
    // afterwards wait for the next confirmation.
    bool renderPicks(qint64 batchId, const QList<BatchProgress::PickRef> &picks);
    // retryRow() for the rows of `renders` (the CLI's --again: the renders it asked about);
    // the number of rows tried again.
    int retryRenders(qint64 batchId, const QList<BatchProgress::PickRef> &renders);

Q_SIGNALS:
    // Something of the batch changed (a row, a job, a render, a download): re-read the store.
    void changed(qint64 batchId);
    // Creatify asked to wait: nothing is sent for `seconds`.
    void paused(int seconds, const QString &message);
    void resumed();
    // No purchase is queued or waiting for its answer.
    void idle();

private:
    enum class Step { Link, Previews, Render };
    struct Task
    {
        qint64 batchId = 0;
        int position = 0;
        Step step = Step::Link;
        QString visualStyle; // Render
        SpendGuard::RepeatOptions options;
        int absentBefore = 0; // times the server had no trace of this purchase (nothing charged)
        QString key() const; // one task of a kind per row and style at a time
    };

    void enqueue(const Task &task);
    void pump();
    // A task that took a slot is over: the slot is free and the same task may be queued again.
    void endTask(const Task &task);
    void startTask(const Task &task);
    void startLink(const Task &task, BatchRow row);
    void startPreviews(const Task &task, BatchRow row);
    void startRender(const Task &task, BatchRow row);
    // Connects a purchase: a 429 pauses the queue; its end frees the slot and calls `done`.
    // An answer lost on the way and found absent on the server (nothing charged, e.g. after a
    // crash mid-request) is bought again once, as the same task.
    void watch(SpendOperation *operation, const Task &task,
               const std::function<void(SpendOperation *)> &done);
    void onLinkDone(const Task &task, SpendOperation *operation);
    void onPreviewsDone(const Task &task, SpendOperation *operation);
    void onRenderDone(const Task &task, SpendOperation *operation);
    void pauseFor(int seconds, const QString &message);
    void carryOnRow(const Batch &batch, const BatchRow &row);
    enum class Carry {
        NewOnly, // confirmed picks nothing was asked for yet
        UnansweredToo, // and those whose answer never came (the process stopped)
    };
    void renderReadyPicks(qint64 batchId, const BatchRow &row, Carry carry);
    std::optional<BatchRow> row(qint64 batchId, int position) const;
    bool writeRow(const BatchRow &row);
    void onJobChanged(qint64 jobLocalId);
    void onRenderChanged(qint64 renderLocalId);

    Engine *m_engine;
    QList<Task> m_queue;
    QSet<QString> m_queued; // tasks queued or in flight, so none runs twice at once
    QTimer m_pause;
    int m_maxInFlight = DefaultMaxInFlight;
    int m_inFlight = 0;
    SpendGuard::RepeatOptions m_options = SpendGuard::CarryOn;
};

} // namespace PreviewDeck
