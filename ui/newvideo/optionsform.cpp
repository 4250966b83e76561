#include "newvideo/optionsform.h"

#include "creditbalance.h"
#include "apiclient.h"
#include "apienums.h"
#include "costestimate.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "widgets/personapicker.h"
#include "newvideo/styleselector.h"
#include "widgets/voicepicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {
QString modelLabel(const QString &model)
{
    if (model == QLatin1String("aurora_v1"))
        return OptionsForm::tr("Aurora (best avatar, billed per second)");
    if (model == QLatin1String("aurora_v1_fast"))
        return OptionsForm::tr("Aurora fast (billed per second)");
    return OptionsForm::tr("Standard");
}
} // namespace

OptionsForm::OptionsForm(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_platform(new QComboBox(this)),
      m_audience(new QLineEdit(this)),
      m_language(new QComboBox(this)),
      m_length(new QComboBox(this)),
      m_aspect(new QComboBox(this)),
      m_scriptStyle(new QComboBox(this)),
      m_model(new QComboBox(this)),
      m_avatar(new PersonaPicker(engine, this)),
      m_voice(new VoicePicker(engine, this)),
      m_noMusic(new QCheckBox(tr("Background music"), this)),
      m_noCaption(new QCheckBox(tr("Captions"), this)),
      m_noCta(new QCheckBox(tr("Call to action"), this)),
      m_noBroll(new QCheckBox(tr("Stock b-roll"), this)),
      m_noEmotion(new QCheckBox(tr("Emotion"), this)),
      m_styles(new StyleSelector(this)),
      m_stylesMessage(new FieldMessage(this)),
      m_aspectMessage(new FieldMessage(this)),
      m_lengthMessage(new FieldMessage(this)),
      m_languageMessage(new FieldMessage(this)),
      m_cost(new QLabel(this))
{
    m_stylesMessage->setObjectName(QStringLiteral("stylesMessage"));
    m_cost->setObjectName(QStringLiteral("costLabel"));
    m_platform->setEditable(true);
    m_platform->addItems(ApiEnums::targetPlatforms());
    m_audience->setPlaceholderText(tr("e.g. young professionals who work from home"));
    for (const QString &code : ApiEnums::languages())
        m_language->addItem(QStringLiteral("%1 (%2)").arg(ApiEnums::languageName(code), code), code);
    for (int seconds : ApiEnums::videoLengths())
        m_length->addItem(tr("%1 seconds").arg(seconds), seconds);
    m_length->setCurrentIndex(1);
    m_aspect->addItem(tr("Tall 9:16 (TikTok, Reels)"), QStringLiteral("9x16"));
    m_aspect->addItem(tr("Wide 16:9 (YouTube)"), QStringLiteral("16x9"));
    m_aspect->addItem(tr("Square 1:1 (feeds)"), QStringLiteral("1x1"));
    m_scriptStyle->setEditable(true);
    m_scriptStyle->addItem(tr("Automatic"), QString());
    for (const QString &style : ApiEnums::scriptStyles())
        m_scriptStyle->addItem(style, style);
    for (const QString &model : ApiEnums::modelVersions())
        m_model->addItem(modelLabel(model), model);
    m_avatar->setAutomaticText(tr("Matched automatically"));
    m_avatar->setIconSize(QSize(32, 32));
    m_voice->setAutomaticText(tr("The avatar's own voice"));
    m_styles->setStyles(ApiEnums::visualStyles());
    m_cost->setTextFormat(Qt::RichText);
    m_cost->setAccessibleName(tr("Cost of the previews"));

    auto *audienceBox = new QGroupBox(tr("Audience"), this);
    auto *audience = new QFormLayout(audienceBox);
    audience->addRow(tr("&Platform:"), m_platform);
    audience->addRow(tr("A&udience:"), m_audience);
    audience->addRow(tr("&Language:"), m_language);
    audience->addRow(QString(), m_languageMessage);

    auto *videoBox = new QGroupBox(tr("Video"), this);
    auto *video = new QFormLayout(videoBox);
    video->addRow(tr("Le&ngth:"), m_length);
    video->addRow(QString(), m_lengthMessage);
    video->addRow(tr("Aspect &ratio:"), m_aspect);
    video->addRow(QString(), m_aspectMessage);
    video->addRow(tr("&Script style:"), m_scriptStyle);
    video->addRow(tr("&Model:"), m_model);
    video->addRow(tr("A&vatar:"), m_avatar);
    video->addRow(tr("V&oice:"), m_voice);
    auto *extrasBox = new QGroupBox(tr("Leave out"), this);
    auto *toggles = new QGridLayout(extrasBox);
    toggles->addWidget(m_noMusic, 0, 0);
    toggles->addWidget(m_noCaption, 0, 1);
    toggles->addWidget(m_noCta, 1, 0);
    toggles->addWidget(m_noBroll, 1, 1);
    toggles->addWidget(m_noEmotion, 2, 0);

    auto *stylesBox = new QGroupBox(tr("Visual styles to compare"), this);
    auto *styles = new QVBoxLayout(stylesBox);
    styles->addWidget(m_styles);
    styles->addWidget(m_stylesMessage);

    // The settings keep their natural height on the left; the gallery takes the rest of the
    // height and the wider share of the width, since picking styles is what the form is for.
    // The cost line is not laid out here: the page keeps it in view under the form.
    auto *settings = new QVBoxLayout();
    settings->addWidget(audienceBox);
    settings->addWidget(videoBox);
    settings->addWidget(extrasBox);
    settings->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(settings, 2);
    layout->addWidget(stylesBox, 3);

    connect(m_styles, &StyleSelector::selectionChanged, this, &OptionsForm::updateCost);
    connect(m_length, &QComboBox::currentIndexChanged, this, &OptionsForm::updateCost);
    connect(m_model, &QComboBox::currentIndexChanged, this, &OptionsForm::updateCost);
    connect(m_aspect, &QComboBox::currentIndexChanged, this,
            [this] { m_styles->setAspectRatio(m_aspect->currentData().toString()); });
    m_styles->setAspectRatio(m_aspect->currentData().toString());

    m_avatar->load();
    m_voice->load();
    connect(m_engine->balance(), &CreditBalance::changed, this, &OptionsForm::updateCost);
    updateCost();
}

double OptionsForm::cost() const
{
    return CostEstimate::previewList(int(m_styles->selectedStyles().size()),
                                     m_length->currentData().toInt());
}

void OptionsForm::setProductReady(bool ready)
{
    if (ready == m_productReady)
        return;
    m_productReady = ready;
    updateCost();
}

bool OptionsForm::isComplete() const
{
    return !m_styles->selectedStyles().isEmpty();
}

void OptionsForm::updateCost()
{
    const int count = int(m_styles->selectedStyles().size());
    QString text;
    if (!m_productReady) {
        text = tr("Read a product page (or enter the product by hand) first.");
    } else if (count == 0) {
        text = tr("Pick at least one visual style.");
    } else {
        const QString previews = count == 1 ? tr("1 preview") : tr("%1 previews").arg(count);
        text = tr("<b>%1: %2</b>").arg(previews, creditsText(cost()));
        const double render = CostEstimate::render(m_length->currentData().toInt(),
                                                   m_model->currentData().toString());
        text += tr(" · rendering the one you pick costs %1 more").arg(creditsText(render));
    }
    m_cost->setText(withBalance(text, m_engine->balance()->value()));
    Q_EMIT changed();
}

PreviewListRequest OptionsForm::request(const QString &linkId, const QString &name) const
{
    PreviewListRequest request;
    request.linkId = linkId;
    request.name = name;
    request.targetPlatform = m_platform->currentText().trimmed();
    request.targetAudience = m_audience->text().trimmed();
    request.language = m_language->currentData().toString();
    request.videoLength = m_length->currentData().toInt();
    request.aspectRatio = m_aspect->currentData().toString();
    request.scriptStyle = m_scriptStyle->currentIndex() == 0
            ? QString()
            : (m_scriptStyle->currentData().toString().isEmpty()
                       ? m_scriptStyle->currentText().trimmed()
                       : m_scriptStyle->currentData().toString());
    request.visualStyles = m_styles->selectedStyles();
    request.modelVersion = m_model->currentData().toString();
    request.overrideAvatar = m_avatar->currentId();
    request.overrideVoice = m_voice->currentId();
    request.noBackgroundMusic = m_noMusic->isChecked();
    request.noCaption = m_noCaption->isChecked();
    request.noCta = m_noCta->isChecked();
    request.noStockBroll = m_noBroll->isChecked();
    request.noEmotion = m_noEmotion->isChecked();
    return request;
}

void OptionsForm::showError(const ApiError &error, FieldMessage *general)
{
    showApiError(error,
                 {{QStringLiteral("visual_styles"), m_stylesMessage},
                  {QStringLiteral("aspect_ratio"), m_aspectMessage},
                  {QStringLiteral("video_length"), m_lengthMessage},
                  {QStringLiteral("language"), m_languageMessage}},
                 general);
}

} // namespace PreviewDeck
