#include "convertdialog.h"

#include "localedits.h"
#include "store/enrollmentreader.h"

#include "domain/enrollment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Crm {

ConvertDialog::ConvertDialog(const EnrollmentReader &enrollments,
                             LocalEdits *edits,
                             const QString &leadId,
                             const QString &leadName,
                             QWidget *parent)
    : QDialog(parent)
    , m_edits(edits)
    , m_leadId(leadId)
    , m_plan(new QComboBox)
    , m_dateKnown(new QCheckBox(tr("Effective from")))
    , m_date(new QDateEdit)
    , m_notes(new QPlainTextEdit)
    , m_error(new QLabel)
{
    setWindowTitle(tr("Convert to enrollment"));
    auto *intro = new QLabel(tr("<b>%1</b> becomes an enrolled member. The enrollment is saved "
                                "on this computer now and sent to the server with your other "
                                "changes.")
                                 .arg(leadName.toHtmlEscaped()));
    intro->setWordWrap(true);
    m_plan->setEditable(true);
    m_plan->setInsertPolicy(QComboBox::NoInsert);
    m_plan->lineEdit()->setPlaceholderText(tr("Plan name, e.g. Silver PPO"));
    m_plan->lineEdit()->setMaxLength(Enrollment::MaxPlanLength);
    // Plans already used here, most used first: agents sell a handful of plans.
    m_plan->addItems(enrollments.mostUsedPlans(20));
    m_plan->setCurrentIndex(-1);
    m_plan->setCurrentText(QString());
    const QDate today = QDate::currentDate();
    m_date->setDate(QDate(today.year(), today.month(), 1).addMonths(1));
    m_date->setCalendarPopup(true);
    m_dateKnown->setChecked(true);
    connect(m_dateKnown, &QCheckBox::toggled, m_date, &QWidget::setEnabled);
    m_notes->setPlaceholderText(tr("Anything the enrollment team should know"));
    m_notes->setMaximumHeight(90);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(m_dateKnown);
    dateRow->addWidget(m_date, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Plan:"), m_plan);
    form->addRow(dateRow);
    form->addRow(tr("Notes:"), m_notes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Convert"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConvertDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

void ConvertDialog::accept()
{
    m_error->hide();
    auto result = m_edits->convertToEnrollment(m_leadId,
                                               m_plan->currentText(),
                                               m_dateKnown->isChecked() ? m_date->date() : QDate(),
                                               m_notes->toPlainText());
    if (auto *errors = std::get_if<ValidationErrors>(&result)) {
        m_error->setText(errors->summary());
        m_error->show();
        if (errors->contains(QStringLiteral("plan")))
            m_plan->setFocus();
        return;
    }
    if (auto *error = std::get_if<Error>(&result)) {
        m_error->setText(error->message);
        m_error->show();
        return;
    }
    m_enrollmentId = std::get<QString>(result);
    QDialog::accept();
}

} // namespace Crm
