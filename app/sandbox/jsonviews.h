#pragma once

// JSON shapes of the API, written from creatify-api.md (§1–§4).

#include "catalog.h"
#include "sandboxstate.h"

#include <QJsonObject>

namespace Sandbox::JsonViews {

QJsonObject innerLink(const Link &link);
QJsonObject link(const Link &link);

QString previewPageUrl(const QString &base, const QDateTime &created, const QString &mediaJob);
QString renderUrl(const QString &base, const QString &ratio, const QString &mediaJob);
QString thumbnailUrl(const QString &base, const QString &ratio, const QString &mediaJob);

QJsonObject videoJob(const SandboxState &state, const VideoJob &job, const QString &base,
                     qint64 now);
QJsonObject templateJob(const SandboxState &state, const TemplateJob &job, const QString &base,
                        qint64 now);

QJsonObject templateSummary(const Catalog::Template &t, const QString &base);
QJsonObject templateDetail(const Catalog::Template &t, const QString &base);

QString isoTime(const QDateTime &t);

} // namespace Sandbox::JsonViews
