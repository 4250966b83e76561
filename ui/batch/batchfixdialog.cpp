#include "batch/batchfixdialog.h"

#include "batchimport.h"
#include "batchrecords.h"
#include "requestcheck.h"
#include "widgets/formmessages.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace PreviewDeck {

BatchFixDialog::BatchFixDialog(const BatchRow &row, QWidget *parent)
    : QDialog(parent),
      m_title(new QLineEdit(row.title, this)),
      m_description(new QPlainTextEdit(row.description, this)),
      m_images(new QPlainTextEdit(row.imageUrls.join(QLatin1Char('\n')), this)),
      m_titleMessage(new FieldMessage(this)),
      m_imagesMessage(new FieldMessage(this)),
      m_generalMessage(new FieldMessage(this))
{
    setWindowTitle(tr("Enter the product by hand"));
    m_title->setObjectName(QStringLiteral("fixTitle"));
    m_description->setObjectName(QStringLiteral("fixDescription"));
    m_images->setObjectName(QStringLiteral("fixImages"));
    m_images->setPlaceholderText(tr("The addresses of at least 3 pictures, one a line"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(QString(), m_titleMessage);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Pictures:"), m_images);
    form->addRow(QString(), m_imagesMessage);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &BatchFixDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BatchFixDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
            row.url.isEmpty() ? QString() : tr("The shop did not let %1 be read.").arg(row.url),
            this));
    layout->addLayout(form);
    layout->addWidget(m_generalMessage);
    layout->addWidget(buttons);
}

LinkParams BatchFixDialog::product() const
{
    LinkParams params;
    params.title = m_title->text().trimmed();
    params.description = m_description->toPlainText().trimmed();
    params.imageUrls = BatchImport::splitImageUrls(m_images->toPlainText());
    return params;
}

void BatchFixDialog::accept()
{
    const LinkParams params = product();
    m_titleMessage->clearMessage();
    m_imagesMessage->clearMessage();
    m_generalMessage->clearMessage();
    // The core's check, the one the import and the runner use: what passes here is sent.
    const QList<InputProblem> problems = RequestCheck::linkParams(params);
    for (const InputProblem &problem : std::as_const(problems)) {
        FieldMessage *where = problem.field == QLatin1String("title")   ? m_titleMessage
                : problem.field.startsWith(QLatin1String("image_urls")) ? m_imagesMessage
                                                                        : m_generalMessage;
        if (where->text().isEmpty())
            where->showError(problem.message);
    }
    if (!problems.isEmpty())
        return;
    Q_EMIT productEntered(params);
    QDialog::accept();
}

} // namespace PreviewDeck
