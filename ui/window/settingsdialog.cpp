#include "window/settingsdialog.h"

#include "appsettings.h"
#include "credentialstore.h"
#include "widgets/formmessages.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace PreviewDeck {

SettingsDialog::SettingsDialog(AppSettings *settings, CredentialStore *credentials, QWidget *parent)
    : QDialog(parent),
      m_settings(settings),
      m_credentials(credentials),
      m_sandbox(new QRadioButton(tr("Built-in &sandbox: try everything, no credits spent"), this)),
      m_live(new QRadioButton(tr("&Creatify (api.creatify.ai): spends your credits"), this)),
      m_custom(new QRadioButton(tr("Another &server:"), this)),
      m_customBase(new QLineEdit(this)),
      m_apiId(new QLineEdit(this)),
      m_apiKey(new QLineEdit(this)),
      m_keyState(new QLabel(this)),
      m_connectionMessage(new FieldMessage(this)),
      m_downloadDir(new QLineEdit(this)),
      m_pattern(new QLineEdit(this)),
      m_autoDownload(new QCheckBox(tr("Download finished videos by themselves"), this)),
      m_notify(new QCheckBox(tr("Notify me when a render finishes or fails"), this)),
      m_pollInterval(new QSpinBox(this))
{
    setWindowTitle(tr("Settings"));
    auto *connection = new QGroupBox(tr("Connection"), this);
    auto *connectionLayout = new QFormLayout(connection);
    connectionLayout->addRow(m_sandbox);
    connectionLayout->addRow(m_live);
    auto *customRow = new QHBoxLayout();
    customRow->addWidget(m_custom);
    customRow->addWidget(m_customBase, 1);
    m_customBase->setPlaceholderText(QStringLiteral("http://127.0.0.1:8765"));
    connectionLayout->addRow(customRow);
    m_apiId->setPlaceholderText(tr("from your Creatify API settings page"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("leave empty to keep the stored key"));
    connectionLayout->addRow(tr("API &ID:"), m_apiId);
    connectionLayout->addRow(tr("API &key:"), m_apiKey);
    connectionLayout->addRow(QString(), m_keyState);
    connectionLayout->addRow(m_connectionMessage);

    auto *files = new QGroupBox(tr("Videos"), this);
    auto *filesLayout = new QFormLayout(files);
    // A widget rather than a layout, so that the label's mnemonic has a buddy.
    auto *dirRow = new QWidget(this);
    auto *dirLayout = new QHBoxLayout(dirRow);
    dirLayout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(tr("Choose…"), this);
    dirLayout->addWidget(m_downloadDir, 1);
    dirLayout->addWidget(browse);
    dirRow->setFocusProxy(m_downloadDir);
    // A folder is read from its start: the field is made wide enough for the whole path (up to
    // a sensible width), shows its start if even that is not enough, and its tooltip has it all.
    connect(m_downloadDir, &QLineEdit::textChanged, this, [this](const QString &path) {
        m_downloadDir->setToolTip(path);
        const QFontMetrics metrics(m_downloadDir->font());
        const int needed = metrics.horizontalAdvance(path) + 4 * metrics.averageCharWidth();
        m_downloadDir->setMinimumWidth(qBound(0, needed, 90 * metrics.averageCharWidth()));
        if (!m_downloadDir->hasFocus())
            m_downloadDir->home(false);
    });
    filesLayout->addRow(tr("Save &in:"), dirRow);
    m_pattern->setToolTip(tr("{name}, {style}, {date} and {id} are replaced."));
    filesLayout->addRow(tr("File &name:"), m_pattern);
    filesLayout->addRow(m_autoDownload);

    auto *behaviour = new QGroupBox(tr("Behaviour"), this);
    auto *behaviourLayout = new QFormLayout(behaviour);
    behaviourLayout->addRow(m_notify);
    m_pollInterval->setRange(AppSettings::MinPollIntervalSeconds,
                             AppSettings::MaxPollIntervalSeconds);
    m_pollInterval->setSuffix(tr(" s"));
    behaviourLayout->addRow(tr("Check &progress every:"), m_pollInterval);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(connection);
    layout->addWidget(files);
    layout->addWidget(behaviour);
    layout->addWidget(buttons);

    switch (m_settings->apiMode()) {
    case AppSettings::ApiMode::Sandbox:
        m_sandbox->setChecked(true);
        break;
    case AppSettings::ApiMode::Live:
        m_live->setChecked(true);
        break;
    case AppSettings::ApiMode::Custom:
        m_custom->setChecked(true);
        break;
    }
    m_customBase->setText(m_settings->customApiBase().toString());
    m_downloadDir->setText(m_settings->downloadDirectory());
    m_pattern->setText(m_settings->fileNamePattern());
    m_autoDownload->setChecked(m_settings->autoDownload());
    m_notify->setChecked(m_settings->notifyOnFinish());
    m_pollInterval->setValue(m_settings->pollIntervalSeconds());

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        auto *chooser = new QFileDialog(this, tr("Save videos in"), m_downloadDir->text());
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        connect(chooser, &QFileDialog::fileSelected, m_downloadDir, &QLineEdit::setText);
        chooser->open();
    });
    for (QRadioButton *button : {m_sandbox, m_live, m_custom})
        connect(button, &QRadioButton::toggled, this, &SettingsDialog::updateEnabled);
    updateEnabled();
    loadCredentials();
}

void SettingsDialog::showNotice(const QString &text)
{
    m_connectionMessage->showInfo(text);
}

void SettingsDialog::loadCredentials()
{
    m_keyState->setText(tr("Reading the keychain…"));
    connect(m_credentials, &CredentialStore::loaded, this,
            [this](const ApiCredentials &credentials, CredentialSource source) {
                m_stored = credentials;
                m_apiId->setText(credentials.apiId());
                if (credentials.isEmpty())
                    m_keyState->setText(tr("No key is stored."));
                else if (source == CredentialSource::Environment)
                    m_keyState->setText(tr("Using CREATIFY_API_KEY from the environment (%1).")
                                                .arg(credentials.redacted()));
                else
                    m_keyState->setText(
                            tr("Stored in the system keychain (%1).").arg(credentials.redacted()));
            });
    connect(m_credentials, &CredentialStore::failed, this, [this](const CredentialError &error) {
        if (error.operation() == CredentialError::Operation::Load)
            m_keyState->setText(error.message());
    });
    m_credentials->load();
}

void SettingsDialog::updateEnabled()
{
    m_customBase->setEnabled(m_custom->isChecked());
    const bool needsKey = !m_sandbox->isChecked();
    m_apiId->setEnabled(needsKey);
    m_apiKey->setEnabled(needsKey);
}

void SettingsDialog::accept()
{
    if (m_saving)
        return;
    m_connectionMessage->clearMessage();
    if (m_custom->isChecked()
        && !AppSettings::isUsableApiBase(QUrl::fromUserInput(m_customBase->text().trimmed()))) {
        m_connectionMessage->showError(tr("Enter the server's address, e.g. "
                                          "http://127.0.0.1:8765."));
        return;
    }
    const bool needsKey = !m_sandbox->isChecked();
    const ApiCredentials typed(m_apiId->text(),
                               m_apiKey->text().isEmpty() ? m_stored.apiKey() : m_apiKey->text());
    if (needsKey && typed.isEmpty()) {
        m_connectionMessage->showError(tr("Enter your API ID and key; they are on your Creatify "
                                          "API settings page."));
        return;
    }
    if (!needsKey || typed == m_stored) {
        save();
        return;
    }
    // The key goes to the keychain first; settings are saved only once it is safe there.
    m_saving = true;
    m_connectionMessage->showInfo(tr("Saving the key in the system keychain…"));
    auto *store = new CredentialStore(m_credentials->entryKey(), this);
    connect(store, &CredentialStore::saved, this, [this, store, typed] {
        store->deleteLater();
        m_saving = false;
        m_stored = typed;
        m_credentialsWritten = true;
        save();
    });
    connect(store, &CredentialStore::failed, this, [this, store](const CredentialError &error) {
        store->deleteLater();
        m_saving = false;
        m_connectionMessage->showError(error.message());
    });
    store->save(typed);
}

void SettingsDialog::save()
{
    const AppSettings::ApiMode oldMode = m_settings->apiMode();
    const QUrl oldBase = m_settings->effectiveApiBase();
    const AppSettings::ApiMode mode = m_sandbox->isChecked() ? AppSettings::ApiMode::Sandbox
            : m_live->isChecked()                            ? AppSettings::ApiMode::Live
                                                             : AppSettings::ApiMode::Custom;
    m_settings->setApiMode(mode);
    if (mode == AppSettings::ApiMode::Custom)
        m_settings->setCustomApiBase(QUrl::fromUserInput(m_customBase->text().trimmed()));
    m_settings->setDownloadDirectory(m_downloadDir->text().trimmed());
    m_settings->setFileNamePattern(m_pattern->text().trimmed());
    m_settings->setAutoDownload(m_autoDownload->isChecked());
    m_settings->setNotifyOnFinish(m_notify->isChecked());
    m_settings->setPollIntervalSeconds(m_pollInterval->value());
    m_settings->sync();
    QDialog::accept();
    if (oldMode != mode || oldBase != m_settings->effectiveApiBase() || m_credentialsWritten)
        Q_EMIT connectionChanged();
}

} // namespace PreviewDeck
