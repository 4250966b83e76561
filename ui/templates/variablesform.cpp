#include "templates/variablesform.h"

#include "apiclient.h"
#include "apienums.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "mediafetcher.h"
#include "widgets/personapicker.h"
#include "widgets/voicepicker.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace PreviewDeck {

namespace {
// Text longer than this (or with line breaks) gets a multi-line editor.
constexpr int LongTextChars = 60;
const QSize ThumbnailSize(160, 90);

bool isHttpUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

QString humanName(const QString &name)
{
    QString text = name;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString typeLabel(VariableType type)
{
    switch (type) {
    case VariableType::Text:
        return VariablesForm::tr("text");
    case VariableType::Image:
        return VariablesForm::tr("image");
    case VariableType::Video:
        return VariablesForm::tr("video");
    case VariableType::Audio:
        return VariablesForm::tr("audio");
    case VariableType::Avatar:
        return VariablesForm::tr("avatar");
    case VariableType::Voiceover:
        return VariablesForm::tr("voice");
    case VariableType::Unknown:
        break;
    }
    return VariablesForm::tr("unknown kind");
}

QString modelLabel(const QString &model)
{
    if (model == QLatin1String("aurora_v1"))
        return VariablesForm::tr("Aurora (best avatar, billed per second)");
    if (model == QLatin1String("aurora_v1_fast"))
        return VariablesForm::tr("Aurora fast (billed per second)");
    if (model == QLatin1String("standard"))
        return VariablesForm::tr("Standard");
    return model;
}
} // namespace

VariablesForm::VariablesForm(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_name(new QLineEdit(this)),
      m_model(new QComboBox(this)),
      m_general(new FieldMessage(this))
{
    m_name->setObjectName(QStringLiteral("variantName"));
    m_name->setPlaceholderText(tr("Optional: a name for this video"));
    m_name->setMaxLength(255); // the API's limit
    m_model->setObjectName(QStringLiteral("modelVersion"));
    m_model->addItem(tr("Template default"), QString());
    for (const QString &model : ApiEnums::modelVersions())
        m_model->addItem(modelLabel(model), model);
    m_general->setObjectName(QStringLiteral("formMessage"));

    auto *common = new QFormLayout();
    common->addRow(tr("&Name:"), m_name);
    common->addRow(tr("&Model:"), m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(common);
    layout->addWidget(m_general);
    layout->addStretch(1);

    connect(m_name, &QLineEdit::textChanged, this, &VariablesForm::emitChanged);
    connect(m_model, &QComboBox::currentIndexChanged, this, &VariablesForm::emitChanged);
}

VariablesForm::~VariablesForm()
{
    for (Field *f : std::as_const(m_fields))
        if (f->thumbnailFetch)
            f->thumbnailFetch->cancel();
    qDeleteAll(m_fields);
}

void VariablesForm::setTemplate(const CustomTemplate &customTemplate)
{
    m_setting = true;
    m_template = customTemplate;
    for (Field *f : std::as_const(m_fields))
        if (f->thumbnailFetch)
            f->thumbnailFetch->cancel();
    qDeleteAll(m_fields);
    m_fields.clear();
    m_extra.clear();
    delete m_fieldsBox;
    m_fieldsBox = new QWidget(this);
    m_fieldsBox->setObjectName(QStringLiteral("variableFields"));
    auto *rows = new QFormLayout(m_fieldsBox);
    rows->setContentsMargins(0, 6, 0, 0);
    rows->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The API sends the variables as a JSON object (no order): required ones first, then by name.
    QList<TemplateVariable> ordered = customTemplate.variables;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const TemplateVariable &a, const TemplateVariable &b) {
                         return a.required && !b.required;
                     });
    for (const TemplateVariable &variable : std::as_const(ordered)) {
        auto *f = new Field;
        f->variable = variable;
        m_fields << f;
        auto *cell = new QWidget(m_fieldsBox);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        f->editor = createEditor(f, cell);
        f->editor->setObjectName(QLatin1String("editor_") + variable.name);
        f->editor->setToolTip(tr("Template variable \"%1\"").arg(variable.name));
        cellLayout->addWidget(f->editor);
        if (f->thumbnail)
            cellLayout->addWidget(f->thumbnail);
        f->message = new FieldMessage(cell);
        f->message->setObjectName(QLatin1String("message_") + variable.name);
        cellLayout->addWidget(f->message);
        QString label = tr("%1 (%2)").arg(humanName(variable.name), typeLabel(variable.type));
        if (variable.required)
            label += QStringLiteral(" *");
        auto *labelWidget = new QLabel(label + QLatin1Char(':'), m_fieldsBox);
        labelWidget->setBuddy(f->editor);
        rows->addRow(labelWidget, cell);
        setValueOf(f, defaultValue(variable));
    }
    if (customTemplate.variables.isEmpty() && !customTemplate.id.isEmpty())
        rows->addRow(new QLabel(tr("This template has no variables: every preview looks the "
                                   "same."),
                                m_fieldsBox));
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, m_fieldsBox);
    m_fieldsBox->show(); // at once, not when the layout gets round to it
    m_name->clear();
    m_model->setCurrentIndex(0);
    m_general->clearMessage();
    m_setting = false;
}

QWidget *VariablesForm::createEditor(Field *f, QWidget *parent)
{
    const TemplateVariable &variable = f->variable;
    switch (variable.type) {
    case VariableType::Text: {
        const QString text = defaultValue(variable);
        if (text.size() > LongTextChars || text.contains(QLatin1Char('\n'))) {
            auto *edit = new QPlainTextEdit(parent);
            edit->setTabChangesFocus(true);
            edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
            connect(edit, &QPlainTextEdit::textChanged, this, &VariablesForm::emitChanged);
            return edit;
        }
        auto *edit = new QLineEdit(parent);
        connect(edit, &QLineEdit::textChanged, this, &VariablesForm::emitChanged);
        return edit;
    }
    case VariableType::Image:
    case VariableType::Video:
    case VariableType::Audio: {
        auto *edit = new QLineEdit(parent);
        edit->setPlaceholderText(QStringLiteral("https://…"));
        edit->setInputMethodHints(Qt::ImhUrlCharactersOnly);
        connect(edit, &QLineEdit::textChanged, this, &VariablesForm::emitChanged);
        if (variable.type == VariableType::Image) {
            f->thumbnail = new QLabel(parent);
            f->thumbnail->setObjectName(QLatin1String("thumbnail_") + variable.name);
            f->thumbnail->setFixedSize(ThumbnailSize);
            f->thumbnail->setAlignment(Qt::AlignCenter);
            f->thumbnail->setFrameShape(QFrame::StyledPanel);
            f->thumbnail->setAccessibleName(tr("Preview of the image"));
            // Waits for typing to pause so each keystroke does not start a download.
            f->thumbnailTimer = new QTimer(parent);
            f->thumbnailTimer->setSingleShot(true);
            f->thumbnailTimer->setInterval(300);
            connect(f->thumbnailTimer, &QTimer::timeout, this, [this, f] { loadThumbnail(f); });
            connect(edit, &QLineEdit::textChanged, f->thumbnailTimer, qOverload<>(&QTimer::start));
        }
        return edit;
    }
    case VariableType::Avatar: {
        auto *picker = new PersonaPicker(m_engine, parent);
        connect(picker, &PersonaPicker::currentIdChanged, this, &VariablesForm::emitChanged);
        picker->load();
        return picker;
    }
    case VariableType::Voiceover: {
        auto *picker = new VoicePicker(m_engine, parent);
        connect(picker, &VoicePicker::currentIdChanged, this, &VariablesForm::emitChanged);
        picker->load();
        return picker;
    }
    case VariableType::Unknown:
        break;
    }
    auto *edit = new QLineEdit(parent);
    connect(edit, &QLineEdit::textChanged, this, &VariablesForm::emitChanged);
    return edit;
}

QString VariablesForm::defaultValue(const TemplateVariable &variable)
{
    return variable.properties.value(valuePropertyFor(variable.type)).toString();
}

VariablesForm::Field *VariablesForm::field(const QString &variableName) const
{
    for (Field *f : m_fields)
        if (f->variable.name == variableName)
            return f;
    return nullptr;
}

QWidget *VariablesForm::editor(const QString &variableName) const
{
    const Field *f = field(variableName);
    return f ? f->editor : nullptr;
}

FieldMessage *VariablesForm::message(const QString &variableName) const
{
    const Field *f = field(variableName);
    return f ? f->message : nullptr;
}

QLabel *VariablesForm::thumbnail(const QString &variableName) const
{
    const Field *f = field(variableName);
    return f ? f->thumbnail : nullptr;
}

QString VariablesForm::valueOf(const Field *f) const
{
    if (auto *line = qobject_cast<QLineEdit *>(f->editor))
        return line->text();
    if (auto *text = qobject_cast<QPlainTextEdit *>(f->editor))
        return text->toPlainText();
    if (auto *persona = qobject_cast<PersonaPicker *>(f->editor))
        return persona->currentId();
    if (auto *voice = qobject_cast<VoicePicker *>(f->editor))
        return voice->currentId();
    return QString();
}

void VariablesForm::setValueOf(Field *f, const QString &value)
{
    if (auto *line = qobject_cast<QLineEdit *>(f->editor))
        line->setText(value);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(f->editor))
        text->setPlainText(value);
    else if (auto *persona = qobject_cast<PersonaPicker *>(f->editor))
        persona->setCurrentId(value);
    else if (auto *voice = qobject_cast<VoicePicker *>(f->editor))
        voice->setCurrentId(value);
}

TemplateVariant VariablesForm::variant() const
{
    TemplateVariant result;
    result.name = m_name->text().trimmed();
    result.modelVersion = m_model->currentData().toString();
    result.values = m_extra;
    for (const Field *f : m_fields)
        result.values.insert(f->variable.name, valueOf(f));
    return result;
}

void VariablesForm::setVariant(const TemplateVariant &variant)
{
    m_setting = true;
    m_name->setText(variant.name);
    const int model = m_model->findData(variant.modelVersion);
    if (model >= 0) {
        m_model->setCurrentIndex(model);
    } else {
        m_model->addItem(modelLabel(variant.modelVersion), variant.modelVersion);
        m_model->setCurrentIndex(m_model->count() - 1);
    }
    m_extra.clear();
    for (auto it = variant.values.cbegin(); it != variant.values.cend(); ++it)
        if (!field(it.key()))
            m_extra.insert(it.key(), it.value());
    for (Field *f : std::as_const(m_fields)) {
        const QString value = variant.values.contains(f->variable.name)
                ? variant.values.value(f->variable.name)
                : defaultValue(f->variable);
        if (valueOf(f) != value)
            setValueOf(f, value);
    }
    clearMessages();
    m_setting = false;
}

TemplateValues VariablesForm::check(const CustomTemplate &customTemplate,
                                    const QMap<QString, QString> &values)
{
    TemplateValues result = TemplateValues::build(customTemplate, values);
    for (const TemplateVariable &variable : customTemplate.variables) {
        const auto it = values.constFind(variable.name);
        if (variable.required && it != values.cend() && it->trimmed().isEmpty()
            && !result.fieldErrors.contains(variable.name)) {
            result.fieldErrors.insert(variable.name, tr("A value is required."));
            result.variables.remove(variable.name);
        }
    }
    return result;
}

void VariablesForm::showFieldErrors(const QMap<QString, QString> &errors)
{
    clearMessages();
    QStringList general;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        if (FieldMessage *label = message(it.key()))
            label->showError(it.value());
        else
            general << tr("\"%1\": %2").arg(it.key(), it.value());
    }
    if (!general.isEmpty())
        m_general->showError(general.join(QLatin1Char('\n')));
}

void VariablesForm::clearMessages()
{
    for (Field *f : std::as_const(m_fields))
        f->message->clearMessage();
    m_general->clearMessage();
}

void VariablesForm::loadThumbnail(Field *f)
{
    if (f->thumbnailFetch)
        f->thumbnailFetch->cancel();
    const QString text = valueOf(f).trimmed();
    f->thumbnail->setPixmap(QPixmap());
    if (!isHttpUrl(text)) {
        f->thumbnail->setText(text.isEmpty() ? QString() : tr("Not a web address"));
        return;
    }
    f->thumbnail->setText(tr("Loading…"));
    MediaRequest request;
    request.url = QUrl(text);
    // The user typed this address: read a picture's worth, not whatever the server sends.
    request.maxBytes = 8 * 1024 * 1024;
    QLabel *label = f->thumbnail;
    f->thumbnailFetch = m_engine->media()->fetch(request, label);
    connect(f->thumbnailFetch, &MediaFetch::finished, label, [label](const MediaResult &result) {
        QPixmap pixmap;
        if (result.ok() && pixmap.loadFromData(result.data)) {
            label->setPixmap(
                    pixmap.scaled(label->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        } else if (result.error == MediaResult::Error::TooLarge) {
            label->setText(tr("The file at this address is too large for a picture"));
        } else {
            label->setText(tr("No image at this address"));
        }
    });
}

void VariablesForm::emitChanged()
{
    if (!m_setting)
        Q_EMIT changed();
}

} // namespace PreviewDeck
