#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPlainTextEdit;

namespace Crm {

class EnrollmentReader;
class LocalEdits;

// "Convert to enrollment": the plan (typed, or one already used in this cache), the effective
// date (the first of next month unless changed, or none yet) and notes. Accepting writes the
// enrollment and the lead's move to enrolled through LocalEdits; a refusal is shown in the
// dialog and nothing is written.
class ConvertDialog final : public QDialog
{
    Q_OBJECT

public:
    ConvertDialog(const EnrollmentReader &enrollments,
                  LocalEdits *edits,
                  const QString &leadId,
                  const QString &leadName,
                  QWidget *parent = nullptr);

    QString enrollmentId() const { return m_enrollmentId; }

    // For tests.
    QComboBox *planBox() const { return m_plan; }
    QDateEdit *dateEdit() const { return m_date; }
    QCheckBox *dateKnown() const { return m_dateKnown; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    LocalEdits *m_edits;
    QString m_leadId;
    QString m_enrollmentId;
    QComboBox *m_plan;
    QCheckBox *m_dateKnown;
    QDateEdit *m_date;
    QPlainTextEdit *m_notes;
    QLabel *m_error;
};

} // namespace Crm
