#pragma once

#include "apitypes.h"
#include "records.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace PreviewDeck {

class Engine;
class SpendOperation;
struct ApiError;

// The variants of one template previewed side by side: asks for one preview per variant
// through the spend guard, records the batch in the store (so the comparison can be opened
// again, e.g. after a restart) and says when its jobs change. The store holds the batch; this
// object only knows which one it shows and how many spends are still open. No widgets: the
// page shows it, tests run it alone.
class TemplatePreviewBatch : public QObject
{
    Q_OBJECT
public:
    struct Variant
    {
        TemplateJobRequest request;
        QString label; // e.g. "Variant 2": the tile's title
    };

    // What became of the spends of one start(), once all of them finished.
    struct Result
    {
        int carried = 0; // previews being made (or made before)
        QStringList failures; // "label: why", one per variant that was not made
        // Variants whose answer was lost and cannot be checked: only the user may send them
        // again (sendAgain), since that may charge twice.
        QList<Variant> notSure;
        QList<qint64> notSureJobIds;
        QStringList notSureReasons;
    };

    explicit TemplatePreviewBatch(Engine *engine, QObject *parent = nullptr);

    // Asks for one preview per variant as a new batch. False (nothing sent) while the spends
    // of the last start() are still open, or without variants.
    bool start(const QString &templateId, const QString &aspectRatio,
               const QList<Variant> &variants);
    // The user's explicit say: variants that may or may not exist are bought again, each in
    // the place of its old job (jobIds, as in Result::notSureJobIds).
    void sendAgain(const QList<Variant> &variants, const QList<qint64> &jobIds);
    // Shows a recorded batch again. False when the store has no such batch.
    bool open(qint64 batchId);

    qint64 id() const { return m_id; }
    TemplateBatch batch() const; // as the store has it; empty when none is shown
    QList<qint64> jobIds() const { return batch().jobIds(); }
    bool contains(qint64 jobLocalId) const { return jobIds().contains(jobLocalId); }
    bool isSending() const { return m_openSpends > 0; }

    // What previewing `count` variants costs, and rendering the one picked. A known price (what
    // the last preview of the template cost, 0 if none) also tells the template's length: a
    // preview costs 1 credit per 30 s started.
    struct Cost
    {
        double eachPreview = 0;
        double total = 0;
        double render = 0;
    };
    static Cost estimate(int count, double knownPreviewCredits, const QString &modelVersion);
    // What the last finished, unrendered preview of this template cost; 0 when none did.
    double lastPreviewCredits(const QString &templateId) const;

    // Whether Creatify's answer means the template no longer exists.
    static bool isTemplateGone(const ApiError &error);

Q_SIGNALS:
    // Every spend, as it starts (the page shows "Creatify asked to wait" from it).
    void spendStarted(PreviewDeck::SpendOperation *operation);
    // Another batch is shown, or its jobs, their renders or the batch itself changed.
    void changed();
    // Every spend of the last start() finished.
    void sent(const PreviewDeck::TemplatePreviewBatch::Result &result);
    // A variant sent again was not made.
    void sendAgainFailed(const QString &message);

private:
    void onSpendFinished(SpendOperation *operation, const Variant &variant);

    Engine *m_engine;
    qint64 m_id = 0;
    int m_openSpends = 0;
    Result m_result;
};

} // namespace PreviewDeck
