// The web-grid plugin's entry point: GridLoader loads this module on the first grid.

#include "grid/comparisongrid.h"
#include "grid/web/previewgrid.h"

#include <QObject>

namespace PreviewDeck {

class WebGridPlugin : public QObject, public ComparisonGridFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID PreviewDeck_ComparisonGridFactory_iid)
    Q_INTERFACES(PreviewDeck::ComparisonGridFactory)
public:
    ComparisonGrid *createGrid(QWidget *parent) override { return new PreviewGrid(parent); }
};

} // namespace PreviewDeck

#include "webgridplugin.moc"
