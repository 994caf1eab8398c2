#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace Crm {

SettingsDialog::SettingsDialog(QSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_server(new QLineEdit)
    , m_appointmentLead(new QSpinBox)
    , m_idleLock(new QSpinBox)
    , m_language(new QComboBox)
{
    setWindowTitle(tr("Settings"));
    m_server->setText(m_settings->value(serverKey()).toString());
    m_server->setPlaceholderText(QStringLiteral("https://crm.example.org"));
    m_appointmentLead->setRange(1, 240);
    m_appointmentLead->setSuffix(tr(" min before"));
    m_appointmentLead->setValue(
        m_settings->value(appointmentLeadKey(), DefaultAppointmentLeadMinutes).toInt());
    m_idleLock->setRange(1, 60);
    m_idleLock->setSuffix(tr(" min idle"));
    m_idleLock->setValue(m_settings->value(idleLockKey(), DefaultIdleLockMinutes).toInt());
    m_language->addItem(tr("System language"), QString());
    // Each language by its own name, so anyone can find theirs: not translated on purpose.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->setCurrentIndex(
        qMax(0, m_language->findData(m_settings->value(languageKey()).toString())));

    auto *serverNote = new QLabel(tr("Used the next time you sign in."));
    auto *languageNote = new QLabel(tr("Used the next time Agent CRM starts."));
    for (QLabel *note : {serverNote, languageNote})
        note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(QString(), serverNote);
    form->addRow(tr("Remind me of appointments:"), m_appointmentLead);
    form->addRow(tr("Lock the window after:"), m_idleLock);
    form->addRow(tr("Language:"), m_language);
    form->addRow(QString(), languageNote);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

void SettingsDialog::accept()
{
    const QString server = m_server->text().trimmed();
    const QUrl url(server, QUrl::StrictMode);
    if (!server.isEmpty()
        && (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))) {
        QMessageBox::warning(this,
                             tr("Settings"),
                             tr("The server must be a web address such as "
                                "https://crm.example.org."));
        m_server->setFocus();
        return;
    }
    if (!server.isEmpty())
        m_settings->setValue(serverKey(), server);
    m_settings->setValue(appointmentLeadKey(), m_appointmentLead->value());
    m_settings->setValue(idleLockKey(), m_idleLock->value());
    m_settings->setValue(languageKey(), m_language->currentData().toString());
    m_settings->sync();
    QDialog::accept();
}

} // namespace Crm
