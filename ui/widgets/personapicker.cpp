#include "widgets/personapicker.h"

#include "accountjobs.h"
#include "apiclient.h"
#include "engine.h"
#include "mediafetcher.h"

#include <QPixmap>

namespace PreviewDeck {

PersonaPicker::PersonaPicker(Engine *engine, QWidget *parent) : QComboBox(parent), m_engine(engine)
{
    setIconSize(QSize(32, 32));
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    setAccessibleName(tr("Avatar"));
    connect(this, &QComboBox::currentIndexChanged, this, [this] {
        if (m_rebuilding)
            return;
        m_wanted = currentId();
        Q_EMIT currentIdChanged(m_wanted);
    });
    rebuild();
}

void PersonaPicker::setAutomaticText(const QString &text)
{
    m_automaticText = text;
    rebuild();
}

void PersonaPicker::load()
{
    auto *job = new ListPersonasJob(m_engine->client(), 1, 100, this);
    connect(job, &ApiJob::finished, this, [this](ApiJob *j) {
        if (!j->succeeded()) {
            // The list stays as it is; a saved id can still be sent.
            setToolTip(j->error().message());
            m_loaded = true;
            Q_EMIT loaded();
            return;
        }
        m_entries.clear();
        for (const Persona &persona : static_cast<ListPersonasJob *>(j)->page().personas) {
            if (!persona.isActive)
                continue; // the Creatify UI hides inactive personas too
            QStringList details;
            for (const QString &part : {persona.gender, persona.ageRange, persona.style})
                if (!part.isEmpty())
                    details << part;
            const QString label = details.isEmpty()
                    ? persona.creatorName
                    : QStringLiteral("%1 (%2)").arg(persona.creatorName,
                                                    details.join(QStringLiteral(", ")));
            const QUrl image = !persona.previewImage1x1.isEmpty() ? persona.previewImage1x1
                                                                  : persona.previewImage9x16;
            m_entries.append({persona.id, label, image});
            if (image.isEmpty() || m_icons.contains(persona.id))
                continue;
            MediaRequest request;
            request.url = image;
            request.maxBytes = 2 * 1024 * 1024;
            MediaFetch *fetch = m_engine->media()->fetch(request, this);
            const QString id = persona.id;
            connect(fetch, &MediaFetch::finished, this, [this, id](const MediaResult &result) {
                QPixmap pixmap;
                if (!result.ok() || !pixmap.loadFromData(result.data))
                    return;
                m_icons.insert(id, QIcon(pixmap));
                const int index = findData(id);
                if (index >= 0)
                    setItemIcon(index, m_icons.value(id));
            });
        }
        m_loaded = true;
        rebuild();
        Q_EMIT loaded();
    });
    job->start();
}

QString PersonaPicker::currentId() const
{
    return currentData().toString();
}

void PersonaPicker::setCurrentId(const QString &id)
{
    m_wanted = id;
    const QString before = currentId();
    rebuild();
    if (currentId() != before)
        Q_EMIT currentIdChanged(currentId());
}

void PersonaPicker::rebuild()
{
    m_rebuilding = true;
    clear();
    if (!m_automaticText.isNull())
        addItem(m_automaticText, QString());
    for (const Entry &entry : std::as_const(m_entries))
        addItem(m_icons.value(entry.id), entry.label, entry.id);
    selectWanted();
    m_rebuilding = false;
}

void PersonaPicker::selectWanted()
{
    int index = findData(m_wanted);
    if (index < 0 && !m_wanted.isEmpty()) {
        addItem(m_loaded ? tr("Unknown avatar (%1)").arg(m_wanted) : tr("Avatar %1").arg(m_wanted),
                m_wanted);
        index = count() - 1;
    }
    setCurrentIndex(qMax(0, index));
}

} // namespace PreviewDeck
