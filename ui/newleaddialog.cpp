#include "newleaddialog.h"

#include "languagechoice.h"

#include "domain/lead.h"
#include "domain/leadstatus.h"
#include "localedits.h"
#include "uilogging.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Crm {

NewLeadDialog::NewLeadDialog(LocalEdits *edits, QWidget *parent)
    : QDialog(parent)
    , m_edits(edits)
    , m_source(new QComboBox)
    , m_smsOptIn(new QCheckBox(tr("Agreed to text messages (SMS reminders)")))
    , m_language(new QComboBox)
    , m_message(new QPlainTextEdit)
    , m_problem(new QLabel)
{
    setWindowTitle(tr("New lead"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const QList<std::pair<const char *, QString>> fields{
        {"firstName", tr("First name:")},
        {"lastName", tr("Last name:")},
        {"email", tr("E-mail:")},
        {"phone", tr("Phone:")},
        {"state", tr("State:")},
    };
    for (const auto &[name, label] : fields) {
        auto *edit = new QLineEdit;
        auto *error = new QLabel;
        error->setStyleSheet(QStringLiteral("color: #b3261e;"));
        error->setWordWrap(true);
        error->hide();
        auto *box = new QWidget;
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(2);
        boxLayout->addWidget(edit);
        boxLayout->addWidget(error);
        form->addRow(label, box);
        m_fields.insert(QLatin1String(name), edit);
        m_errors.insert(QLatin1String(name), error);
    }
    m_fields.value(QStringLiteral("phone"))->setPlaceholderText(tr("e.g. (415) 555-0123"));
    m_fields.value(QStringLiteral("state"))->setPlaceholderText(tr("Two letters, e.g. CA"));
    m_fields.value(QStringLiteral("state"))->setMaxLength(2);
    for (LeadSource source : LeadSourceNames::all())
        m_source->addItem(LeadSourceNames::displayName(source), int(source));
    m_source->setCurrentIndex(m_source->findData(int(LeadSource::Phone)));
    form->addRow(tr("Source:"), m_source);
    fillLanguageChoices(m_language);
    form->addRow(tr("Reminders in:"), m_language);
    form->addRow(QString(), m_smsOptIn);
    m_message->setPlaceholderText(tr("What they asked about"));
    m_message->setMaximumHeight(80);
    form->addRow(tr("Notes:"), m_message);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add lead"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewLeadDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

QLineEdit *NewLeadDialog::field(const QString &name) const
{
    return m_fields.value(name);
}

void NewLeadDialog::accept()
{
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
    m_problem->hide();
    Lead lead;
    lead.firstName = m_fields.value(QStringLiteral("firstName"))->text();
    lead.lastName = m_fields.value(QStringLiteral("lastName"))->text();
    lead.email = m_fields.value(QStringLiteral("email"))->text();
    lead.phone = m_fields.value(QStringLiteral("phone"))->text();
    lead.state = m_fields.value(QStringLiteral("state"))->text();
    lead.source = LeadSource(m_source->currentData().toInt());
    lead.smsOptIn = m_smsOptIn->isChecked();
    lead.preferredLanguage = m_language->currentData().toString();
    lead.message = m_message->toPlainText().trimmed();
    QString reason;
    if (lead.validate().isEmpty() && !confirmNotADuplicate(lead, &reason))
        return;
    auto result = m_edits->createLead(lead);
    if (auto *errors = std::get_if<ValidationErrors>(&result)) {
        QLineEdit *first = nullptr;
        for (const QString &name : errors->fields()) {
            if (QLabel *label = m_errors.value(name)) {
                label->setText(errors->message(name));
                label->show();
                if (!first)
                    first = m_fields.value(name);
            } else {
                m_problem->setText(errors->message(name));
                m_problem->show();
            }
        }
        if (first)
            first->setFocus();
        return;
    }
    if (auto *error = std::get_if<Error>(&result)) {
        m_problem->setText(error->message);
        m_problem->show();
        return;
    }
    m_leadId = std::get<Lead>(result).id;
    if (!reason.isEmpty()) {
        // Why a second lead for the same person: on record in its history.
        const Result<QString> noted = m_edits->addActivity(m_leadId, QStringLiteral("note"), reason);
        if (!noted.ok())
            qCWarning(lcUi) << "Could not record why a duplicate lead was made:"
                            << noted.error().message;
    }
    QDialog::accept();
}

bool NewLeadDialog::confirmNotADuplicate(const Lead &lead, QString *reason)
{
    Lead entered = lead;
    entered.normalize();
    const std::optional<Lead> existing = m_edits->findSamePerson(entered);
    if (!existing)
        return true;
    const QString name = existing->firstName + QLatin1Char(' ') + existing->lastName;
    const bool sameEmail = existing->email.compare(entered.email, Qt::CaseInsensitive) == 0;
    QMessageBox box(QMessageBox::Warning,
                    tr("This person may already be a lead"),
                    (sameEmail ? tr("%1 (%2) already has this e-mail address.")
                               : tr("%1 (%2) already has this phone number."))
                        .arg(name,
                             LeadStatusMachine::displayName(existing->status)),
                    QMessageBox::NoButton,
                    this);
    QPushButton *open = box.addButton(tr("&Open %1").arg(name), QMessageBox::AcceptRole);
    QPushButton *create = box.addButton(tr("&Create anyway…"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(open);
    box.exec();
    if (box.clickedButton() == open) {
        m_leadId = existing->id;
        QDialog::accept();
        return false;
    }
    if (box.clickedButton() != create)
        return false;
    bool ok = false;
    const QString why = QInputDialog::getText(this,
                                              tr("Create anyway"),
                                              tr("Why a second lead for %1?").arg(name),
                                              QLineEdit::Normal,
                                              QString(),
                                              &ok)
                            .trimmed();
    if (!ok || why.isEmpty())
        return false;
    *reason = (sameEmail ? tr("Created although %1 has the same e-mail address: %2")
                         : tr("Created although %1 has the same phone number: %2"))
                  .arg(name, why);
    return true;
}

} // namespace Crm
