#include "widgets/voicepicker.h"

#include "accountjobs.h"
#include "engine.h"

#include <QAudioOutput>
#include <QComboBox>
#include <QHBoxLayout>
#include <QMediaPlayer>
#include <QPushButton>

namespace PreviewDeck {

namespace {
constexpr int SampleRole = Qt::UserRole + 1;
}

VoicePicker::VoicePicker(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_combo(new QComboBox(this)),
      m_play(new QPushButton(tr("Play sample"), this))
{
    m_combo->setAccessibleName(tr("Voice"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(24);
    m_play->setEnabled(false);
    setFocusProxy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_play);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        m_play->setEnabled(currentSample().isValid());
        if (m_rebuilding)
            return;
        m_wanted = currentId();
        Q_EMIT currentIdChanged(m_wanted);
    });
    connect(m_play, &QPushButton::clicked, this, &VoicePicker::playSample);
    rebuild();
}

void VoicePicker::setAutomaticText(const QString &text)
{
    m_automaticText = text;
    rebuild();
}

void VoicePicker::load()
{
    auto *job = new ListVoicesJob(m_engine->client(), this);
    connect(job, &ApiJob::finished, this, [this](ApiJob *j) {
        m_loaded = true;
        if (!j->succeeded()) {
            m_combo->setToolTip(j->error().message());
            Q_EMIT loaded();
            return;
        }
        m_entries.clear();
        for (const Voice &voice : static_cast<ListVoicesJob *>(j)->voices()) {
            for (const VoiceAccent &accent : voice.accents)
                m_entries.append({accent.id, QStringLiteral("%1 — %2").arg(voice.name, accent.name),
                                  accent.previewUrl});
        }
        rebuild();
        Q_EMIT loaded();
    });
    job->start();
}

QString VoicePicker::currentId() const
{
    return m_combo->currentData().toString();
}

void VoicePicker::setCurrentId(const QString &id)
{
    m_wanted = id;
    const QString before = currentId();
    rebuild();
    if (currentId() != before)
        Q_EMIT currentIdChanged(currentId());
}

QUrl VoicePicker::currentSample() const
{
    return m_combo->currentData(SampleRole).toUrl();
}

void VoicePicker::playSample()
{
    const QUrl sample = currentSample();
    if (!sample.isValid())
        return;
    if (!m_player) {
        m_player = new QMediaPlayer(this);
        m_player->setAudioOutput(new QAudioOutput(m_player));
    }
    m_player->stop();
    m_player->setSource(sample);
    m_player->play();
}

void VoicePicker::rebuild()
{
    m_rebuilding = true;
    m_combo->clear();
    if (!m_automaticText.isNull())
        m_combo->addItem(m_automaticText, QString());
    for (const Entry &entry : std::as_const(m_entries)) {
        m_combo->addItem(entry.label, entry.id);
        m_combo->setItemData(m_combo->count() - 1, entry.sample, SampleRole);
    }
    int index = m_combo->findData(m_wanted);
    if (index < 0 && !m_wanted.isEmpty()) {
        m_combo->addItem(m_loaded ? tr("Unknown voice (%1)").arg(m_wanted)
                                  : tr("Voice %1").arg(m_wanted),
                         m_wanted);
        index = m_combo->count() - 1;
    }
    m_combo->setCurrentIndex(qMax(0, index));
    m_play->setEnabled(currentSample().isValid());
    m_rebuilding = false;
}

} // namespace PreviewDeck
