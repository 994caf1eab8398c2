#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Crm {

class LocalDatabase;
class LocalEdits;
class SyncRunner;

// One appointment as its provider looks it up: when, with whom, its state, the meeting link
// (clickable), its notes (editable after the meeting too), and its reminders with their states;
// a reminder can be sent now by e-mail or SMS, and the lead is one click away. Reads the cache;
// notes go through LocalEdits, "Send now" through the server (SyncRunner::request).
class AppointmentDialog final : public QDialog
{
    Q_OBJECT

public:
    AppointmentDialog(const LocalDatabase &cache,
                      LocalEdits *edits,
                      SyncRunner *sync,
                      const QString &appointmentId,
                      QWidget *parent = nullptr);

    QString appointmentId() const { return m_appointmentId; }
    void reload();

    // For tests and keyboard users.
    QTableWidget *reminders() const { return m_reminders; }
    QPushButton *sendEmailButton() const { return m_sendEmail; }
    QPushButton *sendSmsButton() const { return m_sendSms; }
    QLabel *messageLabel() const { return m_message; }

signals:
    void openLeadRequested(const QString &leadId);

private:
    void sendNow(const QString &channel);
    void saveNotes();
    void answer(int id, bool ok, const QJsonObject &json, const QString &error);

    const LocalDatabase &m_cache;
    LocalEdits *m_edits;
    SyncRunner *m_sync;
    QString m_appointmentId;
    QString m_leadId;
    QList<int> m_requests;
    QLabel *m_title;
    QLabel *m_when;
    QLabel *m_state;
    QLabel *m_link;
    QPlainTextEdit *m_notes;
    QPushButton *m_saveNotes;
    QTableWidget *m_reminders;
    QPushButton *m_sendEmail;
    QPushButton *m_sendSms;
    QPushButton *m_openLead;
    QLabel *m_message;
};

} // namespace Crm
