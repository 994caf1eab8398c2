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

// A lead the agent takes down themselves (a walk-in, a phone call, a referral): it is theirs,
// starts as new, and is saved in the cache and queued for the server at once. Mistakes are
// shown under their field and nothing is saved until every field is right.
class NewLeadDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NewLeadDialog(LocalEdits *edits, QWidget *parent = nullptr);

    QString leadId() const { return m_leadId; }
    void accept() override;

    // For tests.
    QLineEdit *field(const QString &name) const;
    QLabel *errorLabel(const QString &name) const { return m_errors.value(name); }

private:
    LocalEdits *m_edits;
    QString m_leadId;
    QHash<QString, QLineEdit *> m_fields;
    QHash<QString, QLabel *> m_errors;
    QComboBox *m_source;
    QCheckBox *m_smsOptIn;
    QPlainTextEdit *m_message;
    QLabel *m_problem;
};

} // namespace Crm
