#pragma once

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace PreviewDeck {

class CommandHost;

// Follows what Creatify works on for a command — a preview job, a render, its download — until
// it is done, and ends the run with what came of it. Every command that waits goes through here,
// so a wait reports, fails and finishes the same way whichever command began it.
class WorkFollower : public QObject
{
    Q_OBJECT
public:
    explicit WorkFollower(CommandHost &host, QObject *parent = nullptr);

    // Prints a job with its previews and renders, and ends the run.
    void printJob(qint64 jobLocalId);
    // A preview purchase's job: printed now, or with --wait once its previews are ready.
    void followPreviews(qint64 jobLocalId);
    // Calls then once the job's previews are ready; ends the run if the job fails.
    void waitForPreviews(qint64 jobLocalId, const std::function<void()> &then);
    // A render purchase: printed now, or with --wait once it is done (and its video saved).
    void followRender(qint64 renderLocalId);
    // Downloads a finished render and ends the run when the file is saved.
    void download(qint64 renderLocalId);

private:
    void waitForRender(qint64 renderLocalId);
    // A render carried on from an earlier run may have ended already: reports it, points at the
    // file already saved, or downloads it.
    void carryOnFinishedRender(qint64 renderLocalId);
    // A failed render ends the run; a done one too, unless its download is still to come.
    void onRenderEnded(qint64 renderLocalId);
    // Ends the run when the render's download ends: "Saved PATH" and, for --json, result(PATH)
    // when it is not empty.
    void finishWhenSaved(qint64 renderLocalId,
                         const std::function<QJsonObject(const QString &path)> &result);
    QJsonObject renderJson(qint64 renderLocalId) const; // empty for an unknown render

    CommandHost &m_host;
};

} // namespace PreviewDeck
