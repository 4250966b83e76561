// The Store's addresses on a server that can move between runs (the built-in sandbox).

#include "store.h"

#include "logging.h"
#include "storesql_p.h"

#include <QSqlDatabase>

namespace PreviewDeck {

using namespace StoreSql;

namespace {

const QString kServerOrigin = QStringLiteral("server_origin");

// "http://127.0.0.1:8765/": with the slash, so port 876 never matches 8765's addresses.
QString originPrefix(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                        | QUrl::RemoveUserInfo)
                   .toString()
            + QLatin1Char('/');
}

// Address columns that can point at the server itself (previews, renders, their downloads).
struct AddressColumn
{
    const char *table;
    const char *column;
};
constexpr AddressColumn kAddressColumns[] = {
        {"jobs", "preview_url"},        {"previews", "url"},  {"renders", "video_output"},
        {"renders", "video_thumbnail"}, {"downloads", "url"},
};

} // namespace

bool Store::followServerOrigin(const QUrl &server, int *moved)
{
    if (moved)
        *moved = 0;
    const QString now = originPrefix(server);
    QSqlQuery last = select(m_connectionName,
                            QStringLiteral("SELECT value FROM store_flags WHERE name = ?"),
                            {kServerOrigin});
    const QString before = last.next() ? last.value(0).toString() : QString();
    if (before == now)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    int count = 0;
    bool ok = true;
    if (!before.isEmpty()) {
        for (const AddressColumn &address : kAddressColumns) {
            const QString column = QLatin1String(address.column);
            const int changed = execCount(
                    QStringLiteral(
                            "UPDATE %1 SET %2 = ? || substr(%2, ?) WHERE substr(%2, 1, ?) = ?")
                            .arg(QLatin1String(address.table), column),
                    {now, int(before.size()) + 1, int(before.size()), before});
            ok = ok && changed >= 0;
            count += qMax(changed, 0);
        }
        // A link's pictures may be the server's own media; the link is stored as its JSON.
        const int links = execCount(
                QStringLiteral(
                        "UPDATE links SET data = replace(data, ?, ?) WHERE instr(data, ?) > 0"),
                {before, now, before});
        ok = ok && links >= 0;
        count += qMax(links, 0);
    }
    ok = ok
            && exec(QStringLiteral("INSERT INTO store_flags (name, value) VALUES (?, ?) "
                                   "ON CONFLICT(name) DO UPDATE SET value = excluded.value"),
                    {kServerOrigin, now});
    if (!ok || !db.commit()) {
        db.rollback();
        return false;
    }
    if (count > 0)
        qCInfo(lcStorage).noquote()
                << "moved" << count << "saved addresses from" << before << "to" << now;
    if (moved)
        *moved = count;
    return true;
}

} // namespace PreviewDeck
