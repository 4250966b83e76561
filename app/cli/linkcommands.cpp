#include "linkcommands.h"

#include "apiclient.h"
#include "clioutput.h"
#include "commandhost.h"
#include "costestimate.h"
#include "engine.h"
#include "linkjobs.h"
#include "requestcheck.h"
#include "store.h"

namespace PreviewDeck {

void LinkCommands::run(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("create") && args.size() == 2)
        create(args.at(1));
    else if (sub == QLatin1String("params"))
        createFromParams();
    else if (sub == QLatin1String("show") && args.size() == 2)
        show(args.at(1));
    else
        host().usage(tr("Use \"link create URL\", \"link params …\" or \"link show LINK_ID\"."));
}

void LinkCommands::create(const QString &productUrl)
{
    QUrl url;
    if (refused(RequestCheck::productUrl(productUrl, &url,
                                         RequestCheck::hostsFor(*engine()->client()))))
        return;
    SpendGuard *guard = engine()->spendGuard();
    if (!host().confirmSpend(CostEstimate::link(), tr("Reading a product page"),
                             guard->buysNothingNew(url, host().repeatOptions())))
        return;
    host().runSpend(guard->createLink(url, host().repeatOptions()),
                    [this](SpendOperation *o) { printLink(o->link()); });
}

void LinkCommands::createFromParams()
{
    LinkParams params;
    params.title = value("title");
    params.description = value("description");
    params.imageUrls = values("image");
    params.videoUrls = values("video");
    if (refused(RequestCheck::linkParams(params)))
        return;
    // Hand-entered links are never deduplicated: each one is bought.
    if (!host().confirmSpend(CostEstimate::link(), tr("Creating a link"), false))
        return;
    host().runSpend(engine()->spendGuard()->createLinkWithParams(params),
                    [this](SpendOperation *o) { printLink(o->link()); });
}

void LinkCommands::show(const QString &linkId)
{
    if (refused(RequestCheck::linkId(linkId)))
        return;
    // The engine records the answer; this only prints it.
    host().runJob(engine()->fetchLink(linkId, this),
                  [this](ApiJob *j) { printLink(static_cast<GetLinkJob *>(j)->link()); });
}

void LinkCommands::printLink(const Link &link)
{
    out().line(tr("Link %1").arg(link.id));
    out().line(tr("  title: %1").arg(link.title));
    out().line(tr("  description: %1").arg(link.description));
    for (const QString &image : link.imageUrls)
        out().line(tr("  image: %1").arg(image));
    out().result(CliOutput::toJson(link));
    host().succeed();
}

} // namespace PreviewDeck
