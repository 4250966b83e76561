#include "newvideo/newvideopage.h"

#include "engine.h"
#include "widgets/formmessages.h"
#include "newvideo/linkstep.h"
#include "newvideo/optionsform.h"
#include "requestcheck.h"
#include "spendguard.h"
#include "newvideo/styleselector.h"

#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace PreviewDeck {

NewVideoPage::NewVideoPage(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_linkStep(new LinkStep(engine, this)),
      m_options(new OptionsForm(engine, this)),
      m_name(new QLineEdit(this)),
      m_generate(new QPushButton(tr("&Generate previews"), this)),
      m_message(new FieldMessage(this)),
      m_optionsArea(new QWidget(this))
{
    m_generate->setObjectName(QStringLiteral("generatePreviews"));
    m_message->setObjectName(QStringLiteral("generateMessage"));
    m_name->setObjectName(QStringLiteral("videoName"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    auto *heading = new QLabel(tr("<h2>New video from a product</h2>"), content);
    layout->addWidget(heading);
    layout->addWidget(m_linkStep);

    auto *optionsLayout = new QVBoxLayout(m_optionsArea);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    auto *nameRow = new QFormLayout();
    m_name->setPlaceholderText(tr("Optional; the product title is used otherwise"));
    nameRow->addRow(tr("Video &name:"), m_name);
    optionsLayout->addLayout(nameRow);
    optionsLayout->addWidget(m_options, 1);
    layout->addWidget(m_optionsArea, 1); // the style gallery in it takes the height left over
    m_optionsArea->setEnabled(false);

    // A footer outside the scrolling form: the cost and "Generate previews" are always in view.
    auto *footer = new QFrame(this);
    footer->setObjectName(QStringLiteral("newVideoFooter"));
    footer->setFrameShape(QFrame::StyledPanel);
    auto *footerLayout = new QGridLayout(footer);
    QLabel *cost = m_options->costLabel();
    cost->setWordWrap(true);
    footerLayout->addWidget(cost, 0, 0);
    m_generate->setDefault(true);
    footerLayout->addWidget(m_generate, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    footerLayout->addWidget(m_message, 1, 0, 1, 2);
    footerLayout->setColumnStretch(0, 1);

    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll, 1);
    outer->addWidget(footer);

    connect(m_linkStep, &LinkStep::linkReady, this, [this] {
        m_optionsArea->setEnabled(true);
        m_options->setProductReady(true);
        m_message->clearMessage();
        updateGenerateButton();
    });
    connect(m_linkStep, &LinkStep::linkCleared, this, [this] {
        m_optionsArea->setEnabled(false);
        m_options->setProductReady(false);
    });
    connect(m_options, &OptionsForm::changed, this, &NewVideoPage::updateGenerateButton);
    connect(m_generate, &QPushButton::clicked, this, &NewVideoPage::generate);
    updateGenerateButton();
}

void NewVideoPage::updateGenerateButton()
{
    m_generate->setEnabled(!m_submitting && m_linkStep->hasLink() && m_options->isComplete());
}

void NewVideoPage::generate()
{
    if (m_submitting || !m_linkStep->hasLink() || !m_options->isComplete())
        return;
    const QString name = m_name->text().trimmed().isEmpty() ? m_linkStep->link().title
                                                            : m_name->text().trimmed();
    const PreviewListRequest request = m_options->request(m_linkStep->link().id, name);
    // Bad input is said next to its field, and nothing is sent.
    if (const QList<InputProblem> problems = RequestCheck::previewList(request);
        !problems.isEmpty()) {
        ApiError error;
        error.kind = ApiError::Kind::Validation;
        for (const InputProblem &problem : problems)
            error.fieldErrors[problem.field] << problem.message;
        m_options->showError(error, m_message);
        return;
    }
    m_submitting = true;
    updateGenerateButton();
    m_message->showInfo(tr("Sending…"));
    SpendOperation *op = m_engine->spendGuard()->requestPreviews(request);
    showWaitsOf(op, m_message);
    connect(op, &SpendOperation::finished, this, [this](SpendOperation *o) {
        m_submitting = false;
        updateGenerateButton();
        if (o->carriesOn()) {
            m_message->clearMessage();
            // The same previews asked for again are shown, not bought again.
            Q_EMIT previewsRequested(o->jobLocalId(), o->message());
            return;
        }
        if (o->error().isError() && o->outcome() == SpendOperation::Outcome::Refused)
            m_options->showError(o->error(), m_message);
        else
            m_message->showError(o->message());
    });
}

void NewVideoPage::startOver()
{
    m_linkStep->reset();
    m_name->clear();
    m_message->clearMessage();
    m_options->styleSelector()->reset();
    m_scroll->verticalScrollBar()->setValue(0);
}

} // namespace PreviewDeck
