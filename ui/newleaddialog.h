#pragma once

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Crm {

class LocalEdits;
struct Lead;

// A lead the agent takes down themselves (a walk-in, a phone call, a referral): it is theirs,
// starts as new, and is saved in the cache and queued for the server at once. Mistakes are
// shown under their field and nothing is saved until every field is right.
class NewLeadDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NewLeadDialog(LocalEdits *edits, QWidget *parent = nullptr);

    // The lead to open afterwards: the new one, or the existing one when the agent chose to
    // open the same person instead of making a second lead.
    QString leadId() const { return m_leadId; }
    void accept() override;

    // For tests.
    QLineEdit *field(const QString &name) const;
    QLabel *errorLabel(const QString &name) const { return m_errors.value(name); }

private:
    // Asks what to do when `lead` is a person the cache already has: true to go on (create
    // anyway, with the reason in `reason`), false to stop (the dialog stays, or it closes to
    // open the existing lead).
    bool confirmNotADuplicate(const Lead &lead, QString *reason);

    LocalEdits *m_edits;
    QString m_leadId;
    QHash<QString, QLineEdit *> m_fields;
    QHash<QString, QLabel *> m_errors;
    QComboBox *m_source;
    QCheckBox *m_smsOptIn;
    QComboBox *m_language;
    QPlainTextEdit *m_message;
    QLabel *m_problem;
};

} // namespace Crm
