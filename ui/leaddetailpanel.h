#pragma once

#include <QSqlDatabase>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;

namespace Crm {

class ActivityListModel;
class LocalEdits;

// The selected lead: its fields (validated on the field), its status (only the moves the
// status machine allows), clickable phone and e-mail, and its history with a quick way to log a
// call, e-mail, meeting or note. Edits go through LocalEdits (cache + outbox); the panel asks
// for a sync after each.
class LeadDetailPanel final : public QWidget
{
    Q_OBJECT

public:
    LeadDetailPanel(QSqlDatabase db, LocalEdits *edits, QWidget *parent = nullptr);

    void showLead(const QString &leadId);
    QString leadId() const { return m_leadId; }
    void reload();

    // For tests and keyboard users.
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *emailEdit() const { return m_email; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *errorLabel(const QString &field) const;

signals:
    void edited(const QString &leadId);

private:
    void saveFields();
    void changeStatus(int index);
    void addActivity();
    void clearErrors();
    bool hasUnsavedEdits() const;

    QSqlDatabase m_db;
    LocalEdits *m_edits;
    QString m_leadId;
    bool m_loading = false;
    QStringList m_loadedFields; // what the field editors showed when last filled

    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_links;
    QComboBox *m_status;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLineEdit *m_state;
    QPlainTextEdit *m_message;
    QPushButton *m_save;
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
