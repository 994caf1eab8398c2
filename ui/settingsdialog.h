#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace Crm {

// The desktop app's preferences, kept in the data folder's crm-desktop.ini: the server to sign
// in to, how long before an appointment to be reminded, after how many idle minutes the window
// locks, and the language. Keys are the constants below.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    // The settings file of a data folder.
    static QString fileIn(const QString &dataDir)
    {
        return dataDir + QStringLiteral("/crm-desktop.ini");
    }
    static QString serverKey() { return QStringLiteral("server"); }
    static QString appointmentLeadKey() { return QStringLiteral("appointmentLeadMinutes"); }
    static QString idleLockKey() { return QStringLiteral("idleLockMinutes"); }
    static QString languageKey() { return QStringLiteral("language"); }
    static constexpr int DefaultAppointmentLeadMinutes = 15;
    static constexpr int DefaultIdleLockMinutes = 15;

    explicit SettingsDialog(QSettings *settings, QWidget *parent = nullptr);

    void accept() override;

    // For tests.
    QLineEdit *serverEdit() const { return m_server; }
    QSpinBox *appointmentLead() const { return m_appointmentLead; }
    QSpinBox *idleLock() const { return m_idleLock; }
    QComboBox *language() const { return m_language; }

private:
    QSettings *m_settings;
    QLineEdit *m_server;
    QSpinBox *m_appointmentLead;
    QSpinBox *m_idleLock;
    QComboBox *m_language;
};

} // namespace Crm
