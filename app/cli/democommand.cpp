#include "democommand.h"

#include "clioutput.h"
#include "commandhost.h"
#include "costestimate.h"
#include "engine.h"
#include "rendercommands.h"
#include "store.h"
#include "workfollower.h"

namespace PreviewDeck {

namespace {
const QString kDemoUrl = QStringLiteral("https://shop.example.com/products/aurora-desk-lamp");
const QStringList kDemoStyles = {QStringLiteral("DynamicProductTemplate"),
                                 QStringLiteral("FullScreenTemplate"),
                                 QStringLiteral("VanillaTemplate")};
} // namespace

void DemoCommand::run(const QStringList &args)
{
    const QUrl url = QUrl::fromUserInput(args.value(0, kDemoUrl));
    out().progress(tr("1/4 Reading %1").arg(url.toString()));
    if (!host().confirmSpend(CostEstimate::link() + CostEstimate::previewList(3, 30)
                                     + CostEstimate::render(30, QStringLiteral("standard")),
                             tr("The demo"), false))
        return;
    host().runSpend(engine()->spendGuard()->createLink(url),
                    [this](SpendOperation *o) { requestPreviews(o->link()); });
}

void DemoCommand::requestPreviews(const Link &link)
{
    out().progress(tr("    \"%1\" with %2 image(s)").arg(link.title).arg(link.imageUrls.size()));
    out().progress(tr("2/4 Asking for %1 previews").arg(kDemoStyles.size()));
    PreviewListRequest request;
    request.linkId = link.id;
    request.visualStyles = kDemoStyles;
    request.aspectRatio = value("aspect");
    request.videoLength = 30;
    request.name = link.title;
    host().runSpend(engine()->spendGuard()->requestPreviews(request), [this](SpendOperation *op) {
        const qint64 jobLocalId = op->jobLocalId();
        follower().waitForPreviews(jobLocalId,
                                   [this, jobLocalId] { renderFirstPreview(jobLocalId); });
    });
}

void DemoCommand::renderFirstPreview(qint64 jobLocalId)
{
    const QList<PreviewRecord> previews = engine()->store()->previews(jobLocalId);
    for (const PreviewRecord &p : previews)
        out().progress(tr("    %1: %2").arg(p.visualStyle, p.url.toString()));
    out().progress(tr("3/4 Rendering %1").arg(previews.first().visualStyle));
    out().progress(tr("4/4 Downloading when ready"));
    (new RenderCommands(host(), follower(), this))->renderJob(jobLocalId, previews.first().mediaJob);
}

} // namespace PreviewDeck
