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
// a reminder can be sent now by e-mail or SMS, and the lead's history is one click away. It
// exports the appointment as an .ics file (the server's iCalendar, GET
// /api/appointments/:id/ics: the one iCalendar writer lives in the server, so this needs it),
// copies the calendar's feed link (the owner does: CalendarFeedActions), and starts a follow-up
// task on the lead, prefilled from the appointment (the lead's own follow-up form sets it).
// Reads the cache; notes go through LocalEdits, "Send now" and the export through SyncRunner.
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
    QPushButton *exportButton() const { return m_exportIcs; }
    QPushButton *followUpButton() const { return m_followUp; }
    QPushButton *feedUrlButton() const { return m_copyFeed; }
    QPushButton *openLeadButton() const { return m_openLead; }

    // "appointment-2026-12-08-1000.ics": the file name Export offers, from the local start.
    QString defaultExportName() const;
    // Saves the server's .ics of this appointment to `path` (Export asks where first).
    void exportTo(const QString &path);
    // A line under the reminders: what a button did (also the feed link's answer).
    void showMessage(const QString &text);

signals:
    // Open the lead on its history.
    void openLeadRequested(const QString &leadId);
    // A follow-up on the lead, with this due time and note to check and set.
    void followUpRequested(const QString &leadId, qint64 dueAt, const QString &note);
    void feedUrlRequested();
    // The export ended: saved to `path`, or not (the message label says why).
    void exported(bool ok, const QString &path);

private:
    void sendNow(const QString &channel);
    void saveNotes();
    void answer(int id, bool ok, const QJsonObject &json, const QString &error);
    void askExport();
    void downloaded(
        int id, bool ok, const QByteArray &body, const QString &contentType, const QString &error);
    void requestFollowUp();

    const LocalDatabase &m_cache;
    LocalEdits *m_edits;
    SyncRunner *m_sync;
    QString m_appointmentId;
    QString m_leadId;
    qint64 m_start = 0;
    qint64 m_end = 0;
    QString m_typeName;
    int m_download = 0;
    QString m_exportPath;
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
    QPushButton *m_exportIcs;
    QPushButton *m_followUp;
    QPushButton *m_copyFeed;
    QLabel *m_message;
};

} // namespace Crm
