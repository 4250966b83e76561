#pragma once

// What ffprobe says of a video file: the codec of its first video stream ("h264"), or an empty
// string when it is not a readable video.

#include <QProcess>
#include <QString>

namespace TestHelpers {

inline QString videoCodecOf(const QString &path)
{
    QProcess ffprobe;
    ffprobe.start(QStringLiteral("ffprobe"),
                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                   QStringLiteral("v:0"), QStringLiteral("-show_entries"),
                   QStringLiteral("stream=codec_name"), QStringLiteral("-of"),
                   QStringLiteral("default=noprint_wrappers=1:nokey=1"), path});
    if (!ffprobe.waitForFinished(30000))
        return QString();
    return QString::fromUtf8(ffprobe.readAllStandardOutput()).trimmed();
}

} // namespace TestHelpers
