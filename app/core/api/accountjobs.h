#pragma once

#include "apijob.h"
#include "apitypes.h"

namespace PreviewDeck {

// GET /api/remaining_credits/
class GetCreditsJob : public ApiJob
{
    Q_OBJECT
public:
    explicit GetCreditsJob(ApiClient *client, QObject *parent = nullptr);
    double remainingCredits() const { return m_credits; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    double m_credits = 0;
};

// GET /api/personas/paginated/?page=&page_size=
class ListPersonasJob : public ApiJob
{
    Q_OBJECT
public:
    ListPersonasJob(ApiClient *client, int page = 1, int pageSize = 50, QObject *parent = nullptr);
    const PersonaPage &page() const { return m_page; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    PersonaPage m_page;
};

// GET /api/voices/
class ListVoicesJob : public ApiJob
{
    Q_OBJECT
public:
    explicit ListVoicesJob(ApiClient *client, QObject *parent = nullptr);
    const QList<Voice> &voices() const { return m_voices; }

protected:
    bool parseResult(const QJsonDocument &document, QString *whyNot) override;

private:
    QList<Voice> m_voices;
};

} // namespace PreviewDeck
