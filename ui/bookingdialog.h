#pragma once

#include "domain/appointment.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Crm {

class CalendarModel;
class LeadTableModel;
class LocalEdits;

// "Book appointment": the lead (found by typing a name over the cache), the kind (which sets
// its usual length), the start and length, notes and a meeting link, with the day's free times
// of that length listed beside them (the cache's, from the shared slot computation; a click
// takes one). Enter books through LocalEdits; a refusal (a taken slot, outside the hours) is
// shown in the dialog with the times offered instead, and nothing is written.
class BookingDialog final : public QDialog
{
    Q_OBJECT

public:
    BookingDialog(LocalEdits *edits,
                  const CalendarModel *calendar,
                  LeadTableModel *leads,
                  QWidget *parent = nullptr);

    // Prefills: the lead (by id), the kind, the start, the length (after the kind: a kind
    // chosen sets its usual length).
    void setLead(const QString &leadId);
    void setType(AppointmentType type);
    void setStart(qint64 start);
    void setDuration(int minutes);
    // Whose calendar it books in (the calendar model's provider).
    QString providerId() const;

    QString appointmentId() const { return m_appointmentId; }

    // For tests.
    QComboBox *leadBox() const { return m_lead; }
    QComboBox *typeBox() const { return m_type; }
    QDateTimeEdit *startEdit() const { return m_start; }
    QSpinBox *durationBox() const { return m_duration; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QLineEdit *meetingLinkEdit() const { return m_meetingLink; }
    QListWidget *freeTimes() const { return m_slots; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    void showFreeTimes();
    QString chosenLeadId() const;

    LocalEdits *m_edits;
    const CalendarModel *m_calendar;
    LeadTableModel *m_leads;
    QString m_appointmentId;
    QComboBox *m_lead;
    QString m_keptLeadId; // across a reload of the lead list
    QString m_keptLeadText;
    QComboBox *m_type;
    QDateTimeEdit *m_start;
    QSpinBox *m_duration;
    QPlainTextEdit *m_notes;
    QLineEdit *m_meetingLink;
    QLabel *m_slotsTitle;
    QListWidget *m_slots;
    QLabel *m_error;
};

} // namespace Crm
