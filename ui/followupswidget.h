#pragma once

#include "store/followupreader.h"

#include <QDateTime>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QToolButton;

namespace Crm {

class LocalEdits;

// A lead's open follow-up reminders, soonest first (overdue ones in red, today's in bold), with
// the three things an agent does to them: set one, mark one done, snooze one (an hour,
// tomorrow morning, next week). Changes go through LocalEdits (cache + outbox).
class FollowUpsWidget final : public QWidget
{
    Q_OBJECT

public:
    FollowUpsWidget(FollowUpReader followUps, LocalEdits *edits, QWidget *parent = nullptr);

    void setLeadId(const QString &leadId);
    void reload();
    // The time the clock reads for "overdue" and the snooze presets (tests set it).
    void setNow(const QDateTime &now) { m_now = now; }

    // For tests and keyboard users.
    QListWidget *list() const { return m_list; }
    QDateTimeEdit *dueEdit() const { return m_due; }
    QLineEdit *noteEdit() const { return m_note; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *doneButton() const { return m_done; }
    void snoozeSelected(const QDateTime &until);
    // Fills the form to set a follow-up (from an appointment: its note and time) and puts the
    // cursor in the note; the agent checks it and sets it.
    void prefill(const QDateTime &due, const QString &note);

signals:
    void edited();
    void failed(const QString &message);

private:
    QDateTime now() const;
    QString selectedId() const;
    void add();
    void markDone();
    void updateButtons();

    FollowUpReader m_followUps;
    LocalEdits *m_edits;
    QString m_leadId;
    QDateTime m_now;
    QListWidget *m_list;
    QLabel *m_empty;
    QDateTimeEdit *m_due;
    QLineEdit *m_note;
    QPushButton *m_add;
    QPushButton *m_done;
    QToolButton *m_snooze;
};

} // namespace Crm
