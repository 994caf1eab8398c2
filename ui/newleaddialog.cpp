#include "newleaddialog.h"

#include "domain/lead.h"
#include "localedits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Crm {

NewLeadDialog::NewLeadDialog(LocalEdits *edits, QWidget *parent)
    : QDialog(parent)
    , m_edits(edits)
    , m_source(new QComboBox)
    , m_smsOptIn(new QCheckBox(tr("Agreed to text messages (SMS reminders)")))
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
    lead.message = m_message->toPlainText().trimmed();
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
    QDialog::accept();
}

} // namespace Crm
