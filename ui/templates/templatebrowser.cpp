#include "templates/templatebrowser.h"

#include "engine.h"
#include "widgets/formmessages.h"
#include "templatejobs.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {
constexpr int IdRole = Qt::UserRole;

// A small frame of the template's proportions, so tall, wide and square read at a glance.
QIcon aspectIcon(const QString &aspectRatio, const QPalette &palette)
{
    QPixmap pixmap(40, 40);
    pixmap.fill(Qt::transparent);
    QSizeF box(36, 36);
    if (aspectRatio == QLatin1String("16x9"))
        box = QSizeF(36, 20.25);
    else if (aspectRatio == QLatin1String("9x16"))
        box = QSizeF(20.25, 36);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette.color(QPalette::Text), 2));
    painter.setBrush(palette.color(QPalette::Highlight).lighter(160));
    painter.drawRoundedRect(QRectF(QPointF((40 - box.width()) / 2, (40 - box.height()) / 2), box),
                            3, 3);
    return QIcon(pixmap);
}
} // namespace

TemplateBrowser::TemplateBrowser(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_list(new QListWidget(this)),
      m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_watch(new QPushButton(tr("&Watch preview"), this)),
      m_message(new FieldMessage(this))
{
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setAccessibleName(tr("Custom templates"));
    m_list->setIconSize(QSize(40, 40));
    m_list->setUniformItemSizes(true);
    m_message->setObjectName(QStringLiteral("browserMessage"));
    m_watch->setEnabled(false);
    m_watch->setToolTip(tr("Opens the template's own preview video in your browser."));

    auto *title = new QLabel(tr("Your templates"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *buttons = new QHBoxLayout();
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_watch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_refresh, &QPushButton::clicked, this, &TemplateBrowser::refresh);
    connect(m_watch, &QPushButton::clicked, this, &TemplateBrowser::openPreview);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_watch->setEnabled(item != nullptr);
        if (item && !m_rebuilding)
            Q_EMIT templateSelected(item->data(IdRole).toString());
    });
}

QString TemplateBrowser::aspectRatioText(const QString &aspectRatio)
{
    if (aspectRatio == QLatin1String("16x9"))
        return tr("wide 16:9");
    if (aspectRatio == QLatin1String("9x16"))
        return tr("tall 9:16");
    if (aspectRatio == QLatin1String("1x1"))
        return tr("square 1:1");
    return aspectRatio;
}

void TemplateBrowser::refresh()
{
    if (m_loading)
        return;
    m_loading = true;
    m_refresh->setEnabled(false);
    m_message->showInfo(tr("Loading your templates…"));
    auto *job = new ListTemplatesJob(m_engine->client(), this);
    connect(job, &ApiJob::finished, this, [this](ApiJob *j) {
        m_refresh->setEnabled(true);
        if (!j->succeeded()) {
            m_loading = false;
            m_message->showError(j->error().message());
            Q_EMIT loaded();
            return;
        }
        const QString current = currentTemplateId();
        m_templates = static_cast<ListTemplatesJob *>(j)->templates();
        m_rebuilding = true;
        m_list->clear();
        for (const CustomTemplate &t : std::as_const(m_templates)) {
            auto *item = new QListWidgetItem(
                    aspectIcon(t.aspectRatio, palette()),
                    t.name + QLatin1Char('\n') + aspectRatioText(t.aspectRatio), m_list);
            item->setData(IdRole, t.id);
            item->setToolTip(t.updatedAt.isValid()
                                     ? tr("Last changed %1")
                                               .arg(QLocale().toString(t.updatedAt.toLocalTime(),
                                                                       QLocale::ShortFormat))
                                     : QString());
        }
        if (m_templates.isEmpty())
            m_message->showInfo(tr("This account has no custom templates yet. Make one in the "
                                   "Creatify editor and mark elements as API variables."));
        else
            m_message->clearMessage();
        m_loading = false;
        // Keeps the selection across a refresh without reloading the form.
        m_list->setCurrentRow(-1);
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->data(IdRole).toString() == current)
                m_list->setCurrentRow(i);
        m_rebuilding = false;
        Q_EMIT loaded();
    });
    job->start();
}

QString TemplateBrowser::currentTemplateId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(IdRole).toString() : QString();
}

void TemplateBrowser::selectTemplate(const QString &templateId)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(IdRole).toString() == templateId) {
            m_list->setCurrentRow(i);
            return;
        }
    }
}

void TemplateBrowser::openPreview()
{
    const QString id = currentTemplateId();
    for (const CustomTemplate &t : std::as_const(m_templates)) {
        if (t.id == id && t.preview.isValid())
            QDesktopServices::openUrl(t.preview);
    }
}

} // namespace PreviewDeck
