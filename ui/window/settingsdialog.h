#pragma once

#include "apicredentials.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QLabel;

namespace PreviewDeck {

class AppSettings;
class CredentialStore;
class FieldMessage;

// Preferences: which API to talk to and with which key (kept in the system keychain, never
// shown back in full), where videos go and what they are called, notifications and polling.
// Opened with open(); it saves on OK and then reports whether the connection changed.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSettings *settings, CredentialStore *credentials, QWidget *parent = nullptr);

Q_SIGNALS:
    // Mode, server or key changed: the application reconnects.
    void connectionChanged();

public:
    void accept() override;
    // Why the dialog was opened (e.g. no key yet), shown above the connection settings.
    void showNotice(const QString &text);

private:
    void loadCredentials();
    void updateEnabled();
    void save();

    AppSettings *m_settings;
    CredentialStore *m_credentials;
    ApiCredentials m_stored;
    QRadioButton *m_sandbox;
    QRadioButton *m_live;
    QRadioButton *m_custom;
    QLineEdit *m_customBase;
    QLineEdit *m_apiId;
    QLineEdit *m_apiKey;
    QLabel *m_keyState;
    FieldMessage *m_connectionMessage;
    QLineEdit *m_downloadDir;
    QLineEdit *m_pattern;
    QCheckBox *m_autoDownload;
    QCheckBox *m_notify;
    QSpinBox *m_pollInterval;
    bool m_saving = false;
    bool m_credentialsWritten = false;
};

} // namespace PreviewDeck
