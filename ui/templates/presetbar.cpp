#include "templates/presetbar.h"

#include "widgets/formmessages.h"
#include "store.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace PreviewDeck {

PresetBar::PresetBar(Store *store, QWidget *parent)
    : QWidget(parent),
      m_store(store),
      m_combo(new QComboBox(this)),
      m_load(new QPushButton(tr("&Load preset"), this)),
      m_save(new QPushButton(tr("&Save as preset"), this)),
      m_message(new FieldMessage(this))
{
    m_combo->setObjectName(QStringLiteral("presetCombo"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setMinimumContentsLength(16);
    m_combo->lineEdit()->setPlaceholderText(tr("Preset name"));
    m_combo->setAccessibleName(tr("Preset"));
    m_message->setObjectName(QStringLiteral("presetMessage"));

    auto *row = new QHBoxLayout();
    row->addWidget(new QLabel(tr("Preset:"), this));
    row->addWidget(m_combo, 1);
    row->addWidget(m_load);
    row->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_message);

    connect(m_save, &QPushButton::clicked, this, &PresetBar::saveRequested);
    connect(m_load, &QPushButton::clicked, this, &PresetBar::load);
    connect(m_store, &Store::templatePresetsChanged, this, [this](const QString &templateId) {
        if (!m_templateId.isEmpty() && templateId == m_templateId)
            refresh();
    });
    setTemplate(QString());
}

void PresetBar::setTemplate(const QString &templateId)
{
    m_templateId = templateId;
    m_message->clearMessage();
    m_load->setEnabled(!templateId.isEmpty());
    m_save->setEnabled(!templateId.isEmpty());
    refresh();
}

void PresetBar::refresh()
{
    const QString typed = m_combo->currentText();
    m_combo->clear();
    if (m_templateId.isEmpty())
        return;
    const QList<TemplatePreset> presets = m_store->templatePresets(m_templateId);
    for (const TemplatePreset &preset : presets)
        m_combo->addItem(preset.name);
    m_combo->setCurrentText(typed);
}

void PresetBar::save(const QString &modelVersion, const QMap<QString, QString> &values)
{
    if (m_templateId.isEmpty())
        return;
    const QString name = m_combo->currentText().trimmed();
    if (name.isEmpty()) {
        m_message->showError(tr("Type a name for the preset first."));
        return;
    }
    if (!m_store->saveTemplatePreset({name, m_templateId, modelVersion, values})) {
        m_message->showError(tr("The preset could not be saved."));
        return;
    }
    m_combo->setCurrentText(name);
    m_message->showInfo(tr("Saved the preset \"%1\".").arg(name));
}

void PresetBar::load()
{
    if (m_templateId.isEmpty())
        return;
    const QString name = m_combo->currentText().trimmed();
    const auto preset = m_store->templatePreset(m_templateId, name);
    if (!preset) {
        m_message->showError(
                name.isEmpty() ? tr("Choose a preset to load.")
                               : tr("There is no preset \"%1\" for this template.").arg(name));
        return;
    }
    Q_EMIT presetChosen(*preset);
}

} // namespace PreviewDeck
