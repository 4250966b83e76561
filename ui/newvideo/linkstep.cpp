#include "newvideo/linkstep.h"

#include "apiclient.h"
#include "costestimate.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "linkjobs.h"
#include "mediafetcher.h"
#include "requestcheck.h"
#include "spendguard.h"
#include "store.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {
constexpr int kThumbnailSize = 96;

bool isWebAddress(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}
} // namespace

LinkStep::LinkStep(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_pages(new QStackedWidget(this)),
      m_url(new QLineEdit(this)),
      m_urlMessage(new FieldMessage(this)),
      m_readButton(new QPushButton(this)),
      m_manualTitle(new QLineEdit(this)),
      m_manualTitleMessage(new FieldMessage(this)),
      m_manualDescription(new QPlainTextEdit(this)),
      m_manualImages(new QPlainTextEdit(this)),
      m_manualImagesMessage(new FieldMessage(this)),
      m_createButton(new QPushButton(this)),
      m_entryMessage(new FieldMessage(this)),
      m_manualToggle(new QCheckBox(tr("Or enter the product by &hand"), this)),
      m_summary(new QLabel(this)),
      m_source(new QLabel(this)),
      m_editToggle(new QToolButton(this)),
      m_details(new QWidget(this)),
      m_title(new QLineEdit(this)),
      m_description(new QPlainTextEdit(this)),
      m_images(new QListWidget(this)),
      m_saveButton(new QPushButton(tr("Save changes"), this)),
      m_editorMessage(new FieldMessage(this))
{
    const QString cost = creditsText(CostEstimate::link());

    // Entry: a product page, or the product's details by hand.
    auto *entry = new QWidget(this);
    auto *entryLayout = new QVBoxLayout(entry);
    auto *urlBox = new QGroupBox(tr("Product page"), entry);
    auto *urlLayout = new QFormLayout(urlBox);
    m_url->setObjectName(QStringLiteral("productUrl"));
    m_urlMessage->setObjectName(QStringLiteral("productUrlMessage"));
    m_readButton->setObjectName(QStringLiteral("readProductPage"));
    m_entryMessage->setObjectName(QStringLiteral("linkMessage"));
    m_title->setObjectName(QStringLiteral("linkTitle"));
    m_saveButton->setObjectName(QStringLiteral("saveLink"));
    m_editorMessage->setObjectName(QStringLiteral("linkEditorMessage"));
    m_url->setPlaceholderText(tr("https://shop.example.com/products/…"));
    m_url->setClearButtonEnabled(true);
    m_url->setAccessibleName(tr("Product page address"));
    m_readButton->setText(tr("Read product page (%1)").arg(cost));
    m_readButton->setDefault(true);
    urlLayout->addRow(tr("&Address:"), m_url);
    urlLayout->addRow(QString(), m_urlMessage);
    urlLayout->addRow(QString(), m_readButton);
    entryLayout->addWidget(urlBox);

    auto *manualToggle = m_manualToggle;
    auto *manualBox = new QGroupBox(entry);
    auto *manualLayout = new QFormLayout(manualBox);
    m_manualDescription->setTabChangesFocus(true);
    m_manualDescription->setMaximumHeight(80);
    m_manualImages->setPlaceholderText(tr("One image address per line (at least three)"));
    m_manualImages->setTabChangesFocus(true);
    m_manualImages->setMaximumHeight(80);
    m_createButton->setText(tr("Create link (%1)").arg(cost));
    manualLayout->addRow(tr("&Title:"), m_manualTitle);
    manualLayout->addRow(QString(), m_manualTitleMessage);
    manualLayout->addRow(tr("&Description:"), m_manualDescription);
    manualLayout->addRow(tr("&Images:"), m_manualImages);
    manualLayout->addRow(QString(), m_manualImagesMessage);
    manualLayout->addRow(QString(), m_createButton);
    manualBox->hide();
    connect(manualToggle, &QCheckBox::toggled, manualBox, &QWidget::setVisible);
    // Typing the product by hand replaces reading a page: only one way looks available.
    connect(manualToggle, &QCheckBox::toggled, this, [this](bool byHand) {
        m_url->setEnabled(!byHand);
        m_readButton->setEnabled(!byHand && !m_busy);
        m_readButton->setDefault(!byHand);
        m_createButton->setDefault(byHand);
        if (byHand)
            m_manualTitle->setFocus();
    });
    entryLayout->addWidget(manualToggle);
    entryLayout->addWidget(manualBox);
    entryLayout->addWidget(m_entryMessage);

    // Editor: what Creatify read, to fix before spending more. Once read, the product is one
    // line (its title, address and images) and its details open on demand, so that the styles
    // below get the form's height.
    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    m_summary->setObjectName(QStringLiteral("linkSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    // The address read stays in view (and can be copied): the entry page is gone by now. It
    // takes what width is left and is clipped there (the tooltip has it whole).
    m_source->setObjectName(QStringLiteral("linkSource"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_source->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_source->setMinimumWidth(80);
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_editToggle->setObjectName(QStringLiteral("editProduct"));
    m_editToggle->setText(tr("&Edit details"));
    m_editToggle->setCheckable(true);
    m_editToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_editToggle->setArrowType(Qt::RightArrow);
    m_editToggle->setToolTip(tr("Fix the title, description or images Creatify read"));
    auto *another = new QPushButton(tr("Use another product"), editor);
    auto *line = new QHBoxLayout();
    line->addWidget(m_summary);
    line->addWidget(m_source, 1);
    line->addWidget(m_editToggle);
    line->addWidget(another);
    editorLayout->addLayout(line);

    m_details->setObjectName(QStringLiteral("productDetails"));
    auto *detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout();
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(90);
    m_images->setViewMode(QListView::IconMode);
    m_images->setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    m_images->setFixedHeight(kThumbnailSize + 48);
    m_images->setFlow(QListView::LeftToRight);
    m_images->setWrapping(false);
    m_images->setToolTip(tr("Untick the images the video should not use."));
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Images:"), m_images);
    detailsLayout->addLayout(form);
    auto *buttons = new QHBoxLayout();
    buttons->addWidget(m_saveButton);
    buttons->addStretch(1);
    detailsLayout->addLayout(buttons);
    detailsLayout->addWidget(m_editorMessage);
    m_details->hide();
    editorLayout->addWidget(m_details);
    connect(m_editToggle, &QToolButton::toggled, this, [this](bool open) {
        m_editToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_details->setVisible(open);
        if (open)
            m_title->setFocus();
    });

    m_pages->addWidget(entry);
    m_pages->addWidget(editor);
    // The stack is as high as the page shown, not the highest: no empty band under the entry.
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int current) {
        for (int i = 0; i < m_pages->count(); ++i)
            m_pages->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                              i == current ? QSizePolicy::Preferred
                                                           : QSizePolicy::Ignored);
        m_pages->adjustSize();
        updateGeometry();
    });
    editor->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_readButton, &QPushButton::clicked, this, &LinkStep::readProductPage);
    connect(m_url, &QLineEdit::returnPressed, this, &LinkStep::readProductPage);
    // An error about the address goes away as soon as the user changes it.
    connect(m_url, &QLineEdit::textEdited, m_urlMessage, &FieldMessage::clearMessage);
    connect(m_createButton, &QPushButton::clicked, this, &LinkStep::createFromDetails);
    connect(m_saveButton, &QPushButton::clicked, this, &LinkStep::saveEdits);
    connect(another, &QPushButton::clicked, this, &LinkStep::reset);
}

void LinkStep::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    m_readButton->setEnabled(!busy && !m_manualToggle->isChecked());
    m_createButton->setEnabled(!busy);
    m_saveButton->setEnabled(!busy);
    if (!message.isEmpty())
        m_entryMessage->showInfo(message);
}

void LinkStep::readProductPage()
{
    m_urlMessage->clearMessage();
    m_entryMessage->clearMessage();
    QUrl url;
    // Checked before anything is sent: reading a page costs a credit.
    const auto hosts = RequestCheck::hostsFor(*m_engine->client());
    if (const QList<InputProblem> problems = RequestCheck::productUrl(m_url->text().trimmed(), &url,
                                                                      hosts);
        !problems.isEmpty()) {
        m_urlMessage->showError(problems.first().message);
        m_url->setFocus();
        return;
    }
    setBusy(true, tr("Reading %1…").arg(url.host()));
    SpendOperation *op = m_engine->spendGuard()->createLink(url);
    showWaitsOf(op, m_entryMessage);
    connect(op, &SpendOperation::finished, this, [this](SpendOperation *o) {
        if (onLinkSpendFinished(o, {{QStringLiteral("url"), m_urlMessage}}, m_urlMessage))
            return;
        if (o->error().messages.join(QLatin1Char(' ')).contains(QLatin1String("scrape")))
            m_entryMessage->showInfo(tr("Some shops block automatic reading. Enter the product "
                                        "by hand below instead."));
    });
}

void LinkStep::createFromDetails()
{
    m_manualTitleMessage->clearMessage();
    m_manualImagesMessage->clearMessage();
    LinkParams params;
    params.title = m_manualTitle->text().trimmed();
    params.description = m_manualDescription->toPlainText().trimmed();
    const QStringList lines = m_manualImages->toPlainText().split(QLatin1Char('\n'),
                                                                  Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QUrl url(line.trimmed());
        if (!isWebAddress(url)) {
            m_manualImagesMessage->showError(
                    tr("\"%1\" is not a web address starting with https://.").arg(line.trimmed()));
            return;
        }
        params.imageUrls << url.toString();
    }
    if (params.title.isEmpty()) {
        m_manualTitleMessage->showError(tr("Give the product a title."));
        return;
    }
    if (params.imageUrls.size() < 3) {
        m_manualImagesMessage->showError(tr("Give at least three images."));
        return;
    }
    setBusy(true, tr("Creating the link…"));
    SpendOperation *op = m_engine->spendGuard()->createLinkWithParams(params);
    showWaitsOf(op, m_entryMessage);
    connect(op, &SpendOperation::finished, this, [this](SpendOperation *o) {
        onLinkSpendFinished(o,
                            {{QStringLiteral("title"), m_manualTitleMessage},
                             {QStringLiteral("image_urls"), m_manualImagesMessage}},
                            m_entryMessage);
    });
}

bool LinkStep::onLinkSpendFinished(SpendOperation *operation,
                                   const QMap<QString, FieldMessage *> &fields,
                                   FieldMessage *general)
{
    setBusy(false);
    m_entryMessage->clearMessage();
    if (operation->carriesOn()) {
        setLink(operation->link());
        // The same page read before is reused: say so, since nothing was charged.
        if (operation->outcome() == SpendOperation::Outcome::Existing)
            m_entryMessage->showInfo(operation->message());
        return true;
    }
    if (operation->outcome() == SpendOperation::Outcome::Refused)
        showApiError(operation->error(), fields, general); // next to the fields it names
    else
        general->showError(operation->message()); // blocked, absent or still unknown
    return false;
}

void LinkStep::setLink(const Link &link)
{
    m_link = link;
    m_editToggle->setChecked(false); // a product just read (or reopened) shows as one line
    showEditor();
    Q_EMIT linkReady(m_link);
}

void LinkStep::showEditor()
{
    const QString address = m_link.url.toString(QUrl::FullyDecoded);
    m_source->setText(address.isEmpty() ? tr("Entered by hand") : address);
    m_source->setToolTip(address);
    const QString title = m_link.title.isEmpty() ? tr("Untitled product") : m_link.title;
    const qsizetype images = m_link.imageUrls.size();
    m_summary->setText(images == 1 ? tr("%1 · 1 image").arg(title)
                                   : tr("%1 · %2 images").arg(title, QString::number(images)));
    m_title->setText(m_link.title);
    m_description->setPlainText(m_link.description);
    m_images->clear();
    for (const QString &image : std::as_const(m_link.imageUrls)) {
        auto *item = new QListWidgetItem(m_images);
        item->setData(Qt::UserRole, image);
        item->setToolTip(image);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setSizeHint(QSize(kThumbnailSize + 16, kThumbnailSize + 28));
    }
    m_editorMessage->showInfo(tr("This is what Creatify read. Fix anything wrong before you "
                                 "generate previews."));
    m_pages->setCurrentIndex(1);
    loadThumbnails();
}

void LinkStep::loadThumbnails()
{
    for (int i = 0; i < m_images->count(); ++i) {
        const QString key = m_images->item(i)->data(Qt::UserRole).toString();
        MediaRequest request;
        request.url = QUrl(key);
        MediaFetch *fetch = m_engine->media()->fetch(request, m_images);
        connect(fetch, &MediaFetch::finished, m_images, [this, key](const MediaResult &result) {
            QPixmap pixmap;
            if (!result.ok() || !pixmap.loadFromData(result.data))
                return;
            for (int j = 0; j < m_images->count(); ++j) {
                if (m_images->item(j)->data(Qt::UserRole).toString() == key)
                    m_images->item(j)->setIcon(
                            QIcon(pixmap.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio,
                                                Qt::SmoothTransformation)));
            }
        });
    }
}

void LinkStep::saveEdits()
{
    LinkParams changes;
    changes.title = m_title->text().trimmed();
    changes.description = m_description->toPlainText().trimmed();
    for (int i = 0; i < m_images->count(); ++i) {
        if (m_images->item(i)->checkState() == Qt::Checked)
            changes.imageUrls << m_images->item(i)->data(Qt::UserRole).toString();
    }
    changes.videoUrls = m_link.videoUrls;
    changes.logoUrl = m_link.logoUrl;
    m_saveButton->setEnabled(false);
    m_editorMessage->showInfo(tr("Saving…"));
    ApiJob *job = m_engine->updateLink(m_link, changes, this);
    connect(job, &ApiJob::finished, this, [this](ApiJob *j) {
        m_saveButton->setEnabled(true);
        if (!j->succeeded()) {
            m_editorMessage->showError(j->error().message());
            return;
        }
        m_link = static_cast<UpdateLinkJob *>(j)->link(); // the engine has recorded it
        showEditor();
        m_editorMessage->showInfo(tr("Saved."));
        Q_EMIT linkReady(m_link);
    });
    job->start();
}

void LinkStep::reset()
{
    m_link = Link();
    m_url->clear();
    m_urlMessage->clearMessage();
    m_entryMessage->clearMessage();
    m_pages->setCurrentIndex(0);
    m_url->setFocus();
    Q_EMIT linkCleared();
}

} // namespace PreviewDeck
