// The store's schema, one list of statements per version.

#include "storesql_p.h"

namespace PreviewDeck::StoreSql {

// The schema, one list of statements per version; never edit a released step, add one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
            {
                    QStringLiteral("CREATE TABLE links (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                                   "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
                    QStringLiteral("CREATE TABLE spends (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                   "kind TEXT NOT "
                                   "NULL, dedup_key TEXT NOT NULL, request TEXT NOT NULL, "
                                   "estimated_credits "
                                   "REAL NOT NULL DEFAULT 0, state TEXT NOT NULL, result_id TEXT, "
                                   "error TEXT, "
                                   "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
                    QStringLiteral("CREATE INDEX spends_dedup ON spends(dedup_key)"),
                    QStringLiteral(
                            "CREATE TABLE jobs (local_id INTEGER PRIMARY KEY AUTOINCREMENT, kind "
                            "TEXT "
                            "NOT NULL, remote_id TEXT UNIQUE, link_id TEXT, template_id TEXT, name "
                            "TEXT, request TEXT NOT NULL, status TEXT NOT NULL, progress REAL NOT "
                            "NULL "
                            "DEFAULT 0, failed_reason TEXT, estimated_credits REAL NOT NULL "
                            "DEFAULT "
                            "0, credits_used REAL NOT NULL DEFAULT 0, preview_url TEXT, media_job "
                            "TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
                    QStringLiteral(
                            "CREATE TABLE previews (job_local_id INTEGER NOT NULL REFERENCES "
                            "jobs(local_id) ON DELETE CASCADE, media_job TEXT NOT NULL, "
                            "visual_style TEXT, aspect_ratio TEXT, url TEXT, position "
                            "INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job_local_id, "
                            "media_job))"),
                    QStringLiteral(
                            "CREATE TABLE renders (local_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            "job_local_id INTEGER NOT NULL REFERENCES jobs(local_id) ON DELETE "
                            "CASCADE, media_job TEXT, visual_style TEXT, status TEXT NOT NULL, "
                            "progress REAL NOT NULL DEFAULT 0, video_output TEXT, video_thumbnail "
                            "TEXT, failed_reason TEXT, estimated_credits REAL NOT NULL DEFAULT 0, "
                            "spend_id INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT "
                            "NULL)"),
                    QStringLiteral(
                            "CREATE TABLE downloads (local_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            "render_local_id INTEGER NOT NULL UNIQUE REFERENCES renders(local_id) "
                            "ON "
                            "DELETE CASCADE, url TEXT NOT NULL, target_path TEXT NOT NULL, status "
                            "TEXT NOT NULL, bytes_received INTEGER NOT NULL DEFAULT 0, bytes_total "
                            "INTEGER NOT NULL DEFAULT -1, error TEXT, updated_at TEXT NOT NULL)"),
            },
            // 2: the comparison as the user left it (previewmarks.cpp).
            {
                    QStringLiteral("ALTER TABLE previews ADD COLUMN mark TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE jobs ADD COLUMN hide_rejected INTEGER NOT NULL "
                                   "DEFAULT 0"),
            },
            // 3: template presets (were a JSON file shared by every profile) and template variant
            // batches (were only in the page), so both are per profile and survive a restart.
            {
                    QStringLiteral("CREATE TABLE template_presets (template_id TEXT NOT NULL, "
                                   "name TEXT NOT NULL, model_version TEXT NOT NULL DEFAULT '', "
                                   "variables TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY "
                                   "KEY (template_id, name))"),
                    QStringLiteral("CREATE TABLE template_batches (id INTEGER PRIMARY KEY "
                                   "AUTOINCREMENT, template_id TEXT NOT NULL, aspect_ratio TEXT "
                                   "NOT NULL DEFAULT '', created_at TEXT NOT NULL)"),
                    QStringLiteral("CREATE TABLE template_batch_jobs (batch_id INTEGER NOT NULL "
                                   "REFERENCES template_batches(id) ON DELETE CASCADE, "
                                   "job_local_id INTEGER NOT NULL REFERENCES jobs(local_id) ON "
                                   "DELETE CASCADE, position INTEGER NOT NULL, title TEXT NOT "
                                   "NULL, PRIMARY KEY (batch_id, position))"),
                    // A job previewed again with the same values is the same job, so it can be
                    // in several batches.
                    QStringLiteral("CREATE INDEX template_batch_jobs_job ON "
                                   "template_batch_jobs(job_local_id)"),
                    // One-time steps already done in this profile (e.g. the presets import).
                    QStringLiteral("CREATE TABLE store_flags (name TEXT PRIMARY KEY, value TEXT "
                                   "NOT NULL)"),
            },
            // 4: batches of products (issue #12): the shared options, one row per product with
            // what was bought for it, and the picks to render.
            {
                    QStringLiteral("CREATE TABLE batches (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                   "name TEXT NOT NULL DEFAULT '', dedup_key TEXT NOT NULL "
                                   "DEFAULT '', request TEXT NOT NULL, download_dir TEXT NOT "
                                   "NULL DEFAULT '', created_at TEXT NOT NULL)"),
                    QStringLiteral("CREATE INDEX batches_key ON batches(dedup_key)"),
                    QStringLiteral("CREATE TABLE batch_rows (batch_id INTEGER NOT NULL "
                                   "REFERENCES batches(id) ON DELETE CASCADE, position INTEGER "
                                   "NOT NULL, url TEXT NOT NULL DEFAULT '', name TEXT NOT NULL "
                                   "DEFAULT '', title TEXT NOT NULL DEFAULT '', description TEXT "
                                   "NOT NULL DEFAULT '', image_urls TEXT NOT NULL DEFAULT '', "
                                   "link_id TEXT NOT NULL DEFAULT '', link_spend_id INTEGER NOT "
                                   "NULL DEFAULT 0, job_local_id INTEGER NOT NULL DEFAULT 0, "
                                   "stage TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', "
                                   "updated_at TEXT NOT NULL, PRIMARY KEY (batch_id, position))"),
                    QStringLiteral("CREATE INDEX batch_rows_job ON batch_rows(job_local_id)"),
                    QStringLiteral("CREATE TABLE batch_picks (batch_id INTEGER NOT NULL "
                                   "REFERENCES batches(id) ON DELETE CASCADE, position INTEGER "
                                   "NOT NULL, visual_style TEXT NOT NULL, render_local_id "
                                   "INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '', "
                                   "PRIMARY KEY (batch_id, position, visual_style))"),
                    QStringLiteral("CREATE INDEX batch_picks_render ON "
                                   "batch_picks(render_local_id)"),
            },
            // 5: a pick is rendered only once the user confirmed it (issue #12), and that must
            // survive a restart. Picks already bought count as confirmed. A removed job leaves its
            // batch row failed (not "previewing" with nothing behind it, which would look unbought):
            // SQLite cannot add a foreign key to an existing table, a trigger does the same.
            {
                    QStringLiteral("ALTER TABLE batch_picks ADD COLUMN render_confirmed INTEGER "
                                   "NOT NULL DEFAULT 0"),
                    QStringLiteral("UPDATE batch_picks SET render_confirmed = 1 WHERE "
                                   "render_local_id <> 0"),
                    QStringLiteral("CREATE TRIGGER batch_rows_job_removed AFTER DELETE ON jobs "
                                   "BEGIN UPDATE batch_rows SET stage = 'failed' WHERE "
                                   "job_local_id = OLD.local_id AND stage = 'previewing'; END"),
            },
    };
    return steps;
}

} // namespace PreviewDeck::StoreSql
