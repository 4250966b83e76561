// The Store's template presets and template variant batches (schema version 3).

#include "store.h"

#include "logging.h"
#include "storesql_p.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QStandardPaths>

#include <algorithm>

namespace PreviewDeck {

using namespace StoreSql;

namespace {

const QString kLegacyPresetsImported = QStringLiteral("legacy_presets_imported");

QString valuesText(const QMap<QString, QString> &values)
{
    QJsonObject object;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        object.insert(it.key(), it.value());
    return jsonText(object);
}

QMap<QString, QString> valuesFrom(const QJsonObject &object)
{
    QMap<QString, QString> values;
    for (auto it = object.begin(); it != object.end(); ++it)
        values.insert(it.key(), it.value().toString());
    return values;
}

TemplatePreset presetFromQuery(const QSqlQuery &q)
{
    TemplatePreset preset;
    preset.templateId = q.value(0).toString();
    preset.name = q.value(1).toString();
    preset.modelVersion = q.value(2).toString();
    preset.values = valuesFrom(jsonObject(q.value(3)));
    return preset;
}

// The presets of the old JSON file ({"version": 1, "presets": [...]}); false when it is
// unreadable or damaged.
bool readLegacyPresets(const QString &path, QList<TemplatePreset> *presets)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcStorage).noquote()
                << "cannot read the old presets file" << path << ":" << file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcStorage).noquote() << "the old presets file is damaged:" << path;
        return false;
    }
    const QJsonArray array = document.object().value(QLatin1String("presets")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        TemplatePreset preset;
        preset.name = object.value(QLatin1String("name")).toString();
        preset.templateId = object.value(QLatin1String("template_id")).toString();
        preset.modelVersion = object.value(QLatin1String("model_version")).toString();
        preset.values = valuesFrom(object.value(QLatin1String("values")).toObject());
        if (!preset.name.trimmed().isEmpty() && !preset.templateId.isEmpty())
            *presets << preset;
    }
    return true;
}

} // namespace

QList<TemplatePreset> Store::templatePresets(const QString &templateId) const
{
    QList<TemplatePreset> out;
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT template_id, name, model_version, variables FROM "
                                        "template_presets WHERE template_id = ?"),
                         {templateId});
    while (q.next())
        out << presetFromQuery(q);
    // Sorted as the user reads names, which SQL's byte order is not.
    std::sort(out.begin(), out.end(), [](const TemplatePreset &a, const TemplatePreset &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return out;
}

std::optional<TemplatePreset> Store::templatePreset(const QString &templateId,
                                                    const QString &name) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT template_id, name, model_version, variables FROM "
                                        "template_presets WHERE template_id = ? AND name = ?"),
                         {templateId, name});
    if (q.next())
        return presetFromQuery(q);
    return std::nullopt;
}

bool Store::saveTemplatePreset(const TemplatePreset &preset)
{
    if (preset.name.trimmed().isEmpty() || preset.templateId.isEmpty())
        return false;
    if (templatePreset(preset.templateId, preset.name) == preset)
        return true; // already so: nothing to signal
    if (!exec(QStringLiteral("INSERT INTO template_presets (template_id, name, model_version, "
                             "variables, updated_at) VALUES (?, ?, ?, ?, ?) ON "
                             "CONFLICT(template_id, name) DO UPDATE SET model_version = "
                             "excluded.model_version, variables = excluded.variables, "
                             "updated_at = excluded.updated_at"),
              {preset.templateId, preset.name, text(preset.modelVersion), valuesText(preset.values),
               now()}))
        return false;
    Q_EMIT templatePresetsChanged(preset.templateId);
    return true;
}

bool Store::removeTemplatePreset(const QString &templateId, const QString &name)
{
    const int removed = execCount(
            QStringLiteral("DELETE FROM template_presets WHERE template_id = ? AND name = ?"),
            {templateId, name});
    if (removed < 0)
        return false;
    if (removed > 0)
        Q_EMIT templatePresetsChanged(templateId);
    return true;
}

QString Store::legacyTemplatePresetsPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("template-presets.json"));
}

int Store::importLegacyTemplatePresets(const QString &jsonPath)
{
    QSqlQuery done = select(m_connectionName,
                            QStringLiteral("SELECT value FROM store_flags WHERE name = ?"),
                            {kLegacyPresetsImported});
    if (done.next() || !QFile::exists(jsonPath))
        return 0;
    QList<TemplatePreset> presets;
    if (!readLegacyPresets(jsonPath, &presets))
        return -1;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    QSet<QString> changedTemplates;
    int imported = 0;
    for (const TemplatePreset &preset : std::as_const(presets)) {
        const int added = execCount(
                QStringLiteral("INSERT OR IGNORE INTO template_presets (template_id, name, "
                               "model_version, variables, updated_at) VALUES (?, ?, ?, ?, ?)"),
                {preset.templateId, preset.name, text(preset.modelVersion),
                 valuesText(preset.values), now()});
        if (added < 0) {
            db.rollback();
            return -1;
        }
        if (added > 0) {
            ++imported;
            changedTemplates.insert(preset.templateId);
        }
    }
    if (!exec(QStringLiteral("INSERT INTO store_flags (name, value) VALUES (?, ?)"),
              {kLegacyPresetsImported, jsonPath})
        || !db.commit()) {
        db.rollback();
        return -1;
    }
    qCInfo(lcStorage).noquote() << "imported" << imported << "template presets from" << jsonPath;
    for (const QString &templateId : std::as_const(changedTemplates))
        Q_EMIT templatePresetsChanged(templateId);
    return imported;
}

qint64 Store::insertTemplateBatch(const TemplateBatch &batch)
{
    if (batch.templateId.isEmpty())
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    const qint64 id = insertReturningId(
            m_connectionName,
            QStringLiteral("INSERT INTO template_batches (template_id, aspect_ratio, created_at) "
                           "VALUES (?, ?, ?)"),
            {batch.templateId, text(batch.aspectRatio), now()});
    if (!id) {
        db.rollback();
        return 0;
    }
    for (int i = 0; i < batch.entries.size(); ++i) {
        const TemplateBatchEntry &entry = batch.entries.at(i);
        if (!exec(QStringLiteral("INSERT INTO template_batch_jobs (batch_id, job_local_id, "
                                 "position, title) VALUES (?, ?, ?, ?)"),
                  {id, entry.jobLocalId, i, text(entry.title)})) {
            db.rollback();
            return 0;
        }
    }
    if (!db.commit()) {
        db.rollback();
        return 0;
    }
    Q_EMIT templateBatchChanged(id);
    return id;
}

bool Store::setTemplateBatchEntries(qint64 batchId, const QList<TemplateBatchEntry> &entries)
{
    const auto current = templateBatch(batchId);
    if (!current)
        return false;
    if (current->entries == entries)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    bool written = exec(QStringLiteral("DELETE FROM template_batch_jobs WHERE batch_id = ?"),
                        {batchId});
    for (int i = 0; written && i < entries.size(); ++i) {
        written = exec(QStringLiteral("INSERT INTO template_batch_jobs (batch_id, job_local_id, "
                                      "position, title) VALUES (?, ?, ?, ?)"),
                       {batchId, entries.at(i).jobLocalId, i, text(entries.at(i).title)});
    }
    if (!written || !db.commit()) {
        db.rollback();
        return false;
    }
    Q_EMIT templateBatchChanged(batchId);
    return true;
}

std::optional<TemplateBatch> Store::templateBatch(qint64 batchId) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT template_id, aspect_ratio, created_at FROM "
                                        "template_batches WHERE id = ?"),
                         {batchId});
    if (!q.next())
        return std::nullopt;
    TemplateBatch batch;
    batch.id = batchId;
    batch.templateId = q.value(0).toString();
    batch.aspectRatio = q.value(1).toString();
    batch.createdAt = timeOf(q.value(2));
    QSqlQuery jobs = select(m_connectionName,
                            QStringLiteral("SELECT job_local_id, title FROM template_batch_jobs "
                                           "WHERE batch_id = ? ORDER BY position"),
                            {batchId});
    while (jobs.next())
        batch.entries << TemplateBatchEntry{jobs.value(0).toLongLong(), jobs.value(1).toString()};
    return batch;
}

std::optional<TemplateBatch> Store::templateBatchOfJob(qint64 jobLocalId) const
{
    QSqlQuery q = select(m_connectionName,
                         QStringLiteral("SELECT batch_id FROM template_batch_jobs WHERE "
                                        "job_local_id = ? ORDER BY batch_id DESC LIMIT 1"),
                         {jobLocalId});
    if (!q.next())
        return std::nullopt;
    return templateBatch(q.value(0).toLongLong());
}

} // namespace PreviewDeck
