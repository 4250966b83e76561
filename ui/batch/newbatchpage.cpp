#include "batch/newbatchpage.h"

#include "apiclient.h"
#include "batchcost.h"
#include "batchrunner.h"
#include "creditbalance.h"
#include "downloadmanager.h"
#include "engine.h"
#include "newvideo/optionsform.h"
#include "newvideo/styleselector.h"
#include "render/renderconfirmation.h"
#include "requestcheck.h"
#include "widgets/formmessages.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace PreviewDeck {

NewBatchPage::NewBatchPage(Engine *engine, BatchRunner *runner, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_runner(runner),
      m_name(new QLineEdit(this)),
      m_products(new QPlainTextEdit(this)),
      m_openFile(new QPushButton(tr("&Open a file…"), this)),
      m_importMessage(new FieldMessage(this)),
      m_options(new OptionsForm(engine, this)),
      m_cost(new QLabel(this)),
      m_start(new QPushButton(tr("&Start the batch"), this)),
      m_message(new FieldMessage(this)),
      m_reimport(new QTimer(this))
{
    m_name->setObjectName(QStringLiteral("batchName"));
    m_products->setObjectName(QStringLiteral("batchProducts"));
    m_importMessage->setObjectName(QStringLiteral("importMessage"));
    m_cost->setObjectName(QStringLiteral("batchCost"));
    m_start->setObjectName(QStringLiteral("startBatch"));
    m_openFile->setObjectName(QStringLiteral("openProductsFile"));
    m_name->setPlaceholderText(tr("Optional; the date is used otherwise"));
    m_products->setPlaceholderText(
            tr("Paste product page addresses, one a line — or open a CSV or TSV file with a "
               "\"url\" column (and \"name\" to name a product's videos; \"title\", "
               "\"description\" and \"image_urls\" for products entered by hand)."));
    m_products->setTabChangesFocus(true);
    m_products->setFixedHeight(m_products->fontMetrics().lineSpacing() * 7);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(new QLabel(tr("<h2>New batch of products</h2>"), content));
    auto *form = new QFormLayout;
    form->addRow(tr("Batch &name:"), m_name);
    auto *productsRow = new QGridLayout;
    productsRow->addWidget(m_products, 0, 0, 2, 1);
    productsRow->addWidget(m_openFile, 0, 1, Qt::AlignTop);
    productsRow->addWidget(m_importMessage, 2, 0, 1, 2);
    auto *productsLabel = new QLabel(tr("&Products:"), content);
    productsLabel->setBuddy(m_products);
    form->addRow(productsLabel, productsRow);
    layout->addLayout(form);
    layout->addWidget(m_options, 1); // the same options and style gallery as a single video

    auto *footer = new QFrame(this);
    footer->setFrameShape(QFrame::StyledPanel);
    auto *footerLayout = new QGridLayout(footer);
    m_cost->setWordWrap(true);
    // The batch's cost takes two lines at most widths: room for both, so none is cut off.
    m_cost->setMinimumHeight(2 * m_cost->fontMetrics().lineSpacing());
    m_options->costLabel()->hide(); // the batch's cost replaces the single video's
    footerLayout->addWidget(m_cost, 0, 0);
    m_start->setDefault(true);
    footerLayout->addWidget(m_start, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    footerLayout->addWidget(m_message, 1, 0, 1, 2);
    footerLayout->setColumnStretch(0, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll, 1);
    outer->addWidget(footer);

    // Typing re-reads the list after a short pause, not at every key.
    m_reimport->setSingleShot(true);
    m_reimport->setInterval(300);
    connect(m_reimport, &QTimer::timeout, this, &NewBatchPage::reimport);
    connect(m_products, &QPlainTextEdit::textChanged, m_reimport, qOverload<>(&QTimer::start));
    connect(m_openFile, &QPushButton::clicked, this, &NewBatchPage::chooseFile);
    connect(m_options, &OptionsForm::changed, this, &NewBatchPage::updateCost);
    connect(m_engine->balance(), &CreditBalance::changed, this, &NewBatchPage::updateCost);
    connect(m_start, &QPushButton::clicked, this, &NewBatchPage::confirmStart);
    reimport();
}

void NewBatchPage::chooseFile()
{
    // Not the static getOpenFileName(): its nested event loop would run the store's signals
    // under it. Parented to the page, the dialog goes with it.
    auto *dialog = new QFileDialog(this, tr("Open a list of products"), QDir::homePath(),
                                   tr("Product lists (*.csv *.tsv *.txt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            openFile(path);
    });
    dialog->open();
    Q_EMIT fileDialogShown(dialog);
}

bool NewBatchPage::openFile(const QString &path)
{
    // Read once: the text goes into the box, and what was made of it is the import.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_importMessage->showError(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QString text = QString::fromUtf8(file.readAll());
    const BatchImport::Result result = BatchImport::parse(
            text, RequestCheck::hostsFor(*m_engine->client()));
    if (!result.fileError.isEmpty()) {
        m_importMessage->showError(result.fileError);
        return false;
    }
    m_products->setPlainText(text);
    if (m_name->text().trimmed().isEmpty())
        m_name->setText(QFileInfo(path).completeBaseName());
    showImport(text, result);
    return true;
}

void NewBatchPage::reimport()
{
    const QString text = m_products->toPlainText();
    showImport(text,
               text.trimmed().isEmpty()
                       ? BatchImport::Result()
                       : BatchImport::parse(text, RequestCheck::hostsFor(*m_engine->client())));
}

void NewBatchPage::showImport(const QString &text, const BatchImport::Result &result)
{
    m_reimport->stop(); // the text is read: no second reading after the typing pause
    m_import = result;
    if (text.trimmed().isEmpty()) {
        m_importMessage->clearMessage();
    } else if (!m_import.fileError.isEmpty()) {
        m_importMessage->showError(m_import.fileError);
    } else {
        const int count = int(m_import.rows.size());
        QString found = count == 1 ? tr("1 product.") : tr("%1 products.").arg(count);
        QStringList problems;
        for (const BatchImport::Problem &problem : std::as_const(m_import.problems))
            problems << tr("Line %1: %2").arg(problem.line).arg(problem.message);
        if (!problems.isEmpty())
            found += QLatin1Char(' ') + tr("Left out — %1").arg(problems.join(QLatin1Char(' ')));
        // Lines left out of a batch that can start are information; an error only when nothing
        // can be started.
        if (m_import.isUsable())
            m_importMessage->showInfo(found);
        else
            m_importMessage->showError(found);
    }
    m_options->setProductReady(m_import.isUsable());
    updateCost();
}

void NewBatchPage::updateCost()
{
    const PreviewListRequest options = m_options->request(QString(), QString());
    QString text;
    if (!m_import.isUsable()) {
        text = tr("Paste product addresses or open a file first.");
    } else if (options.visualStyles.isEmpty()) {
        text = tr("Pick at least one visual style.");
    } else {
        text = QStringLiteral("<b>%1</b>")
                       .arg(BatchCost::estimate(int(m_import.rows.size()), options)
                                    .summary()
                                    .toHtmlEscaped());
    }
    m_cost->setText(withBalance(text, m_engine->balance()->value()));
    m_start->setEnabled(m_import.isUsable() && m_options->isComplete());
}

void NewBatchPage::confirmStart()
{
    if (!m_import.isUsable() || !m_options->isComplete())
        return;
    const PreviewListRequest options = m_options->request(QString(), QString());
    // Bad options are said next to their field, and nothing is sent. The link comes per row.
    ApiError error;
    error.kind = ApiError::Kind::Validation;
    for (const InputProblem &problem : RequestCheck::previewList(options)) {
        if (problem.field != QLatin1String("link") && problem.field != QLatin1String("name"))
            error.fieldErrors[problem.field] << problem.message;
    }
    if (!error.fieldErrors.isEmpty()) {
        m_options->showError(error, m_message);
        return;
    }
    const BatchCost cost = BatchCost::estimate(int(m_import.rows.size()), options);
    SpendQuestion question;
    question.title = tr("Start the batch");
    question.cost = cost.beforeRendering();
    question.lead = tr("%1.").arg(cost.summary()) + QLatin1Char(' ')
            + tr("Starting spends <b>%1</b> now.").arg(creditsText(question.cost));
    question.acceptText = tr("Start for %1").arg(creditsText(question.cost));
    question.informativeText = tr("Rendering is asked for later, for the previews you pick.");
    confirmSpendWithBalance(
            this, m_engine->balance(), question,
            [this](QMessageBox *box) { Q_EMIT confirmationShown(box); }, [this] { start(); },
            [] {});
}

void NewBatchPage::start()
{
    const PreviewListRequest options = m_options->request(QString(), QString());
    QString name = m_name->text().trimmed();
    if (name.isEmpty())
        name = tr("Batch of %1")
                       .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    // A folder of its own in the video folder, named after the batch. A file name never has a
    // separator and is never "." or "..", so the folder is always a child of the video folder.
    const QString folder
            = QDir(m_engine->downloadDirectory()).filePath(DownloadManager::sanitizedFileName(name));
    const qint64 batchId = m_runner->create(name, options, m_import.rows, folder);
    if (batchId == 0 || !m_runner->run(batchId)) {
        m_message->showError(tr("The batch could not be saved in the history; nothing was sent."));
        return;
    }
    Q_EMIT batchStarted(batchId);
}

void NewBatchPage::startOver()
{
    m_products->clear();
    m_name->clear();
    m_message->clearMessage();
    m_options->styleSelector()->reset();
    reimport();
}

} // namespace PreviewDeck
