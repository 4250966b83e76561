#pragma once

#include "commandgroup.h"

namespace PreviewDeck {

struct Link;

// link create URL, link params --title … and link show LINK_ID: the product a video is about.
class LinkCommands : public CommandGroup
{
    Q_OBJECT
public:
    using CommandGroup::CommandGroup;

    void run(const QStringList &args);

private:
    void create(const QString &productUrl);
    void createFromParams();
    void show(const QString &linkId);
    void printLink(const Link &link);
};

} // namespace PreviewDeck
