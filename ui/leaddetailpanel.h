#pragma once

#include "store/enrollmentreader.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;

namespace Crm {

class ActivityListModel;
class FollowUpsWidget;
class LocalDatabase;
class LocalEdits;

// The selected lead: its fields (validated on the field), its status (only the moves the
// status machine allows), "Convert to enrollment", clickable phone and e-mail, its follow-up
// reminders, and its history with a quick way to log a call, e-mail, meeting or note. Edits go through LocalEdits (cache + outbox); the panel asks
// for a sync after each.
class LeadDetailPanel final : public QWidget
{
    Q_OBJECT

public:
    LeadDetailPanel(const LocalDatabase &cache, LocalEdits *edits, QWidget *parent = nullptr);

    // Shows another lead (an empty id: none). What was typed in the current one is never lost:
    // valid field edits are saved, a half-typed note stays as that lead's draft, and edits that
    // cannot be saved are asked about (Keep editing / Discard). False when the agent chose to
    // keep editing: the panel still shows the current lead.
    bool showLead(const QString &leadId);
    QString leadId() const { return m_leadId; }
    void reload();

    // For tests and keyboard users.
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *emailEdit() const { return m_email; }
    QComboBox *languageBox() const { return m_language; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    QLineEdit *activityNoteEdit() const { return m_activityNotes; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *convertButton() const { return m_convert; }
    FollowUpsWidget *followUps() const { return m_followUps; }
    QCheckBox *smsConsentBox() const { return m_sms; }
    QLabel *smsProofLabel() const { return m_smsProof; }
    QString bannerText() const;
    // Puts the cursor in the activity note field (Enter on a lead in the list).
    void focusActivityNotes();
    // Puts the focus on the history, newest entry first (Open lead history).
    void focusHistory();
    QListView *historyView() const { return m_feed; }
    QLabel *errorLabel(const QString &field) const;

signals:
    void edited(const QString &leadId);

private:
    bool saveFields();
    bool settleFieldEdits();
    void changeStatus(int index);
    // The agent records what the lead said on a call: yes (after reading them the wording) or no.
    void recordSmsConsent(bool optedIn);
    void addActivity();
    void convert();
    void showProblem(const QString &message);
    void clearErrors();
    bool hasUnsavedEdits() const;

    const LocalDatabase &m_cache;
    EnrollmentReader m_enrollments;
    LocalEdits *m_edits;
    QString m_leadId;
    bool m_loading = false;
    QStringList m_loadedFields; // what the field editors showed when last filled
    // Half-typed history and follow-up notes of the leads left this session, by lead id.
    struct Draft
    {
        QString activityNote;
        QString followUpNote;
    };
    QHash<QString, Draft> m_drafts;
    QString m_pendingProblems; // why the last save was refused, for the leave question

    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_links;
    QComboBox *m_status;
    QPushButton *m_convert;
    QLabel *m_enrollment;
    FollowUpsWidget *m_followUps;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLineEdit *m_state;
    QComboBox *m_language; // the lead's preferred language: "" (not said), or a Lead::languages()
    QPlainTextEdit *m_message;
    QPushButton *m_save;
    QCheckBox *m_sms;
    QLabel *m_smsProof;
    QHash<QString, QLabel *> m_errors;
    QLabel *m_banner;
    ActivityListModel *m_activities;
    QListView *m_feed;
    QComboBox *m_activityType;
    QLineEdit *m_activityNotes;
    QWidget *m_content;
    QLabel *m_empty;
};

} // namespace Crm
