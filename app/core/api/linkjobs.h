#pragma once

#include "apijob.h"
#include "apitypes.h"

namespace PreviewDeck {

// POST /api/links/ — scrape a product page (1 credit).
class CreateLinkJob : public ApiJob
{
    Q_OBJECT
public:
    CreateLinkJob(ApiClient *client, const QUrl &productUrl, QObject *parent = nullptr);
    const Link &link() const { return m_link; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    Link m_link;
};

// POST /api/links/link_with_params/ — a link from hand-entered product data (1 credit).
class CreateLinkWithParamsJob : public ApiJob
{
    Q_OBJECT
public:
    CreateLinkWithParamsJob(ApiClient *client, const LinkParams &params, QObject *parent = nullptr);
    const Link &link() const { return m_link; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    Link m_link;
};

// GET /api/links/{id}/
class GetLinkJob : public ApiJob
{
    Q_OBJECT
public:
    GetLinkJob(ApiClient *client, const QString &linkId, QObject *parent = nullptr);
    const Link &link() const { return m_link; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    Link m_link;
};

// PUT /api/links/{id}/ — edit the scraped data; answers the flat inner object.
class UpdateLinkJob : public ApiJob
{
    Q_OBJECT
public:
    UpdateLinkJob(ApiClient *client, const Link &link, const LinkParams &changes,
                  QObject *parent = nullptr);
    const Link &link() const { return m_link; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    Link m_link;
};

// GET /api/links/?ids=a,b (≤100 ids); without ids, every link of the workspace.
class ListLinksJob : public ApiJob
{
    Q_OBJECT
public:
    ListLinksJob(ApiClient *client, const QStringList &ids = {}, QObject *parent = nullptr);
    const QList<Link> &links() const { return m_links; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    QList<Link> m_links;
};

} // namespace PreviewDeck
