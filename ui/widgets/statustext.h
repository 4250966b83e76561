#pragma once

#include "records.h"

#include <QCoreApplication>

#include <optional>

namespace PreviewDeck {

class Store;

// The one place where work is put into words for people: what a job is called and how far it,
// its render and its download got. The history, the job page, the template page, the result
// panel and the notifier all say it the same way.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)
public:
    // The job's name, else its product's title, else what kind of video it is.
    static QString jobTitle(const Store *store, const JobRecord &job);
    static QString job(const JobRecord &job);
    // downloadFraction: live progress of a running download, or -1 when unknown.
    static QString render(const RenderRecord &render, const std::optional<DownloadRecord> &download,
                          double downloadFraction = -1);
    static QString downloading(double fraction);
    // "wide 16:9", "tall 9:16", "square 1:1" (the API's "16x9" …); an unknown ratio as given.
    static QString aspectRatio(const QString &ratio);
    // "tall 9:16", "tall 9:16 and square 1:1", "wide 16:9, tall 9:16 and square 1:1".
    static QString aspectRatios(const QStringList &ratios);
    // A download's connection dropped; it resumes by itself in delayMs.
    static QString downloadRetrying(int delayMs, const QString &reason);
    // Why a render ended without a video, and what Creatify charged for it when it accepted it
    // (creditsCharged 0: nothing known to be charged). Empty for a render that did not end so.
    static QString renderFailure(const JobStatus &status, const QString &reason,
                                 double creditsCharged);

private:
    // Words shared by jobs and renders for the states before and after the work itself.
    static QString common(const JobStatus &status, const QString &reason);
};

} // namespace PreviewDeck
