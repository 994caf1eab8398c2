#include "leaddetailpanel.h"

#include "convertdialog.h"
#include "languagechoice.h"
#include "domain/leadsource.h"
#include "domain/leadstatus.h"
#include "domain/phonenormalizer.h"
#include "followupswidget.h"
#include "item/activitylistmodel.h"
#include "localedits.h"
#include "domain/smsconsent.h"
#include "store/smsconsentreader.h"
#include "store/followupreader.h"
#include "store/localdatabase.h"

#include "domain/displaytime.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Crm {

namespace {

QLabel *newErrorLabel()
{
    auto *label = new QLabel;
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

} // namespace

LeadDetailPanel::LeadDetailPanel(const LocalDatabase &cache, LocalEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_enrollments(cache.database())
    , m_edits(edits)
    , m_title(new QLabel)
    , m_subtitle(new QLabel)
    , m_links(new QLabel)
    , m_status(new QComboBox)
    , m_convert(new QPushButton(tr("Convert to &enrollment…")))
    , m_enrollment(new QLabel)
    , m_followUps(new FollowUpsWidget(FollowUpReader(cache.database()), edits))
    , m_firstName(new QLineEdit)
    , m_lastName(new QLineEdit)
    , m_email(new QLineEdit)
    , m_phone(new QLineEdit)
    , m_state(new QLineEdit)
    , m_language(new QComboBox)
    , m_message(new QPlainTextEdit)
    , m_save(new QPushButton(tr("&Save changes")))
    , m_sms(new QCheckBox(tr("Agreed to text messages (SMS &reminders)")))
    , m_smsProof(new QLabel)
    , m_banner(new QLabel)
    , m_activities(new ActivityListModel(cache.database(), this))
    , m_feed(new QListView)
    , m_activityType(new QComboBox)
    , m_activityNotes(new QLineEdit)
    , m_content(new QWidget)
    , m_empty(new QLabel(tr("Select a lead to see its details.")))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_links->setOpenExternalLinks(true);
    m_links->setTextFormat(Qt::RichText);
    m_state->setMaxLength(2);
    m_state->setMaximumWidth(60);
    fillLanguageChoices(m_language);
    m_language->setToolTip(tr("The language of the reminders this lead receives"));
    m_message->setMaximumHeight(70);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background: #fdecea; color: #8c1d18; padding: 6px;"
                                           " border-radius: 4px;"));
    m_banner->hide();
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid);"));

    for (const char *field : {"firstName", "lastName", "email", "phone", "state", "message"})
        m_errors.insert(QLatin1String(field), newErrorLabel());
    auto withError = [this](QWidget *edit, const char *field) {
        auto *box = new QWidget;
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        layout->addWidget(edit);
        layout->addWidget(m_errors.value(QLatin1String(field)));
        return box;
    };

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(new QLabel(tr("Status:")));
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_convert);
    m_convert->setToolTip(tr("Record the plan this lead enrolled in; the lead becomes enrolled"));
    m_enrollment->setWordWrap(true);
    m_enrollment->setStyleSheet(QStringLiteral("background: #e7f4ea; color: #1e5b2c; padding: 6px;"
                                               " border-radius: 4px;"));
    m_enrollment->hide();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("First name:"), withError(m_firstName, "firstName"));
    form->addRow(tr("Last name:"), withError(m_lastName, "lastName"));
    form->addRow(tr("E-mail:"), withError(m_email, "email"));
    form->addRow(tr("Phone:"), withError(m_phone, "phone"));
    form->addRow(tr("State:"), withError(m_state, "state"));
    // Its own row: beside the state it made the panel too wide for a small screen.
    auto *languageRow = new QHBoxLayout;
    languageRow->setContentsMargins(0, 0, 0, 0);
    languageRow->addWidget(m_language);
    languageRow->addStretch(1);
    form->addRow(tr("Reminders in:"), languageRow);
    form->addRow(tr("Message:"), withError(m_message, "message"));
    // Under the form: the consent on a line of its own (a check box's text cannot wrap), then
    // its proof (wrapped, never cut off mid-word on a narrow panel) with Save at the right.
    m_smsProof->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_smsProof->setWordWrap(true);
    m_smsProof->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_smsProof->setMinimumWidth(0);
    connect(m_sms, &QCheckBox::clicked, this, &LeadDetailPanel::recordSmsConsent);
    auto *proofRow = new QHBoxLayout;
    proofRow->addWidget(m_smsProof, 1);
    proofRow->addWidget(m_save, 0, Qt::AlignTop);
    auto *saveRow = new QVBoxLayout;
    saveRow->setSpacing(2);
    saveRow->addWidget(m_sms);
    saveRow->addLayout(proofRow);

    m_activityType->addItem(tr("Call"), QStringLiteral("call"));
    m_activityType->addItem(tr("E-mail"), QStringLiteral("email"));
    m_activityType->addItem(tr("Meeting"), QStringLiteral("meeting"));
    m_activityType->addItem(tr("Note"), QStringLiteral("note"));
    m_activityNotes->setPlaceholderText(tr("What happened? (Ctrl+Enter to log)"));
    auto *add = new QPushButton(tr("L&og"));
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_activityType);
    addRow->addWidget(m_activityNotes, 1);
    addRow->addWidget(add);
    m_feed->setModel(m_activities);
    m_feed->setWordWrap(true);
    m_feed->setAlternatingRowColors(true);
    m_feed->setSpacing(2);
    m_feed->setUniformItemSizes(false);
    auto *historyTitle = new QLabel(tr("History"));
    QFont bold = historyTitle->font();
    bold.setBold(true);
    historyTitle->setFont(bold);

    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(16, 14, 16, 14);
    content->setSpacing(8);
    content->addWidget(m_title);
    content->addWidget(m_subtitle);
    content->addWidget(m_links);
    content->addWidget(m_banner);
    content->addLayout(statusRow);
    content->addLayout(form);
    content->addLayout(saveRow);
    content->addWidget(m_enrollment);
    content->addSpacing(6);
    content->addWidget(m_followUps);
    content->addSpacing(6);
    content->addWidget(historyTitle);
    content->addLayout(addRow);
    content->addWidget(m_feed, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_content);
    layout->addWidget(m_empty, 1);
    m_content->hide();

    connect(m_save, &QPushButton::clicked, this, &LeadDetailPanel::saveFields);
    connect(m_status, &QComboBox::activated, this, &LeadDetailPanel::changeStatus);
    connect(add, &QPushButton::clicked, this, &LeadDetailPanel::addActivity);
    connect(m_convert, &QPushButton::clicked, this, &LeadDetailPanel::convert);
    connect(m_followUps, &FollowUpsWidget::edited, this, [this] {
        m_banner->hide();
        emit edited(m_leadId);
    });
    connect(m_followUps, &FollowUpsWidget::failed, this, &LeadDetailPanel::showProblem);
    connect(m_activityNotes, &QLineEdit::returnPressed, this, &LeadDetailPanel::addActivity);
    auto *log = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(log, &QShortcut::activated, this, &LeadDetailPanel::addActivity);
}

QLabel *LeadDetailPanel::errorLabel(const QString &field) const
{
    return m_errors.value(field);
}

bool LeadDetailPanel::hasUnsavedEdits() const
{
    if (m_loadedFields.size() != 7)
        return false;
    const QStringList shown{m_firstName->text(),
                            m_lastName->text(),
                            m_email->text(),
                            m_phone->text(),
                            m_state->text(),
                            m_message->toPlainText(),
                            m_language->currentData().toString()};
    return shown != m_loadedFields;
}

bool LeadDetailPanel::showLead(const QString &leadId)
{
    if (leadId == m_leadId)
        return true;
    if (!settleFieldEdits())
        return false;
    if (!m_leadId.isEmpty()) {
        const Draft draft{m_activityNotes->text(), m_followUps->noteEdit()->text()};
        if (draft.activityNote.isEmpty() && draft.followUpNote.isEmpty())
            m_drafts.remove(m_leadId);
        else
            m_drafts.insert(m_leadId, draft);
    }
    m_leadId = leadId;
    m_loadedFields.clear(); // another lead: fill everything
    m_banner->hide();
    clearErrors();
    reload();
    const Draft draft = m_drafts.value(leadId);
    m_activityNotes->setText(draft.activityNote);
    m_followUps->noteEdit()->setText(draft.followUpNote);
    return true;
}

bool LeadDetailPanel::settleFieldEdits()
{
    if (m_leadId.isEmpty() || m_content->isHidden() || !hasUnsavedEdits())
        return true;
    // Leaving a lead saves what was typed, as moving on does in a paper file: asking every
    // time would interrupt an agent who moves between leads all day. Only edits that cannot be
    // saved are asked about, with the problems on screen.
    if (saveFields())
        return true;
    QMessageBox box(QMessageBox::Warning,
                    tr("Unsaved changes"),
                    tr("Your changes to %1 cannot be saved yet:\n\n%2")
                        .arg(m_title->text(), m_pendingProblems),
                    QMessageBox::NoButton,
                    this);
    QPushButton *keep = box.addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    box.addButton(tr("&Discard changes"), QMessageBox::DestructiveRole);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() == keep || !box.clickedButton())
        return false;
    m_loadedFields.clear(); // discarded: the next reload shows what is stored
    clearErrors();
    return true;
}

void LeadDetailPanel::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
}

void LeadDetailPanel::reload()
{
    const std::optional<Lead> lead = LocalEdits::readLead(m_cache.database(), m_leadId);
    m_content->setVisible(lead.has_value());
    m_empty->setVisible(!lead.has_value());
    if (!lead) {
        m_activities->setLeadId(QString());
        m_followUps->setLeadId(QString());
        return;
    }
    m_loading = true;
    m_title->setText(lead->firstName + QLatin1Char(' ') + lead->lastName);
    m_subtitle->setText(tr("%1 · %2").arg(LeadSourceNames::displayName(lead->source),
                                          lead->state.isEmpty() ? tr("no state") : lead->state));
    m_links->setText(
        QStringLiteral("<a href=\"tel:%1\">%3</a> &nbsp;·&nbsp; <a href=\"mailto:%2\">%2</a>")
            .arg(lead->phone.toHtmlEscaped(),
                 lead->email.toHtmlEscaped(),
                 PhoneNormalizer::toDisplay(lead->phone).toHtmlEscaped()));
    m_status->clear();
    m_status->addItem(LeadStatusMachine::displayName(lead->status),
                      LeadStatusMachine::toString(lead->status));
    for (LeadStatus next : LeadStatusMachine::allowedTransitions(lead->status))
        m_status->addItem(tr("→ %1").arg(LeadStatusMachine::displayName(next)),
                          LeadStatusMachine::toString(next));
    // A background sync must not wipe what the agent is typing: editors with unsaved changes
    // keep them (Save then merges or reports, as any edit does).
    if (!hasUnsavedEdits()) {
        m_firstName->setText(lead->firstName);
        m_lastName->setText(lead->lastName);
        m_email->setText(lead->email);
        // National format on screen (E.164 only on the wire); saving parses it back.
        m_phone->setText(PhoneNormalizer::toDisplay(lead->phone));
        m_state->setText(lead->state);
        m_message->setPlainText(lead->message);
        m_language->setCurrentIndex(std::max(0, m_language->findData(lead->preferredLanguage)));
        m_loadedFields = {lead->firstName,
                          lead->lastName,
                          lead->email,
                          PhoneNormalizer::toDisplay(lead->phone),
                          lead->state,
                          lead->message,
                          m_language->currentData().toString()};
    }
    m_sms->setChecked(lead->smsOptIn);
    if (const auto proof = SmsConsentReader(m_cache.database()).latestOf(m_leadId)) {
        QString how = proof->method;
        for (const SmsConsent::Method method : {SmsConsent::Method::ContactForm, SmsConsent::Method::Agent,
                                                SmsConsent::Method::Keyword}) {
            if (proof->method == SmsConsent::toString(method))
                how = SmsConsent::displayName(method);
        }
        m_smsProof->setText(proof->optedIn
                                ? tr("Agreed %1 (%2; wording %3).")
                                      .arg(DisplayTime::dateTime(proof->at), how, proof->version)
                                : tr("Stopped %1 (%2).").arg(DisplayTime::dateTime(proof->at), how));
    } else {
        m_smsProof->setText(lead->smsOptIn ? tr("Agreed; the proof arrives with the next sync.")
                                           : tr("No consent recorded: no SMS reminders."));
    }
    m_smsProof->setToolTip(m_smsProof->text());
    m_convert->setVisible(lead->status != LeadStatus::Enrolled);
    m_convert->setEnabled(LeadStatusMachine::canTransition(lead->status, LeadStatus::Enrolled));
    if (const auto enrollment = m_enrollments.latestOf(m_leadId)) {
        const QString &plan = enrollment->plan;
        const QDate &date = enrollment->effectiveDate;
        QString text = plan.isEmpty() ? tr("Enrolled") : tr("Enrolled in %1").arg(plan);
        if (date.isValid())
            text = tr("%1, effective %2").arg(text, DisplayTime::date(date));
        m_enrollment->setText(text);
        m_enrollment->show();
    } else {
        m_enrollment->hide();
    }
    m_activities->setLeadId(m_leadId);
    m_followUps->setLeadId(m_leadId);
    m_loading = false;
}

void LeadDetailPanel::focusActivityNotes()
{
    if (m_content->isVisible())
        m_activityNotes->setFocus(Qt::ShortcutFocusReason);
}

void LeadDetailPanel::focusHistory()
{
    if (m_leadId.isEmpty() || m_activities->rowCount() == 0)
        return;
    m_feed->setCurrentIndex(m_activities->index(0, 0));
    m_feed->scrollToTop();
    m_feed->setFocus(Qt::OtherFocusReason);
}

QString LeadDetailPanel::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void LeadDetailPanel::showProblem(const QString &message)
{
    m_banner->setText(message);
    m_banner->show();
}

void LeadDetailPanel::convert()
{
    const std::optional<Lead> lead = LocalEdits::readLead(m_cache.database(), m_leadId);
    if (!lead)
        return;
    ConvertDialog dialog(m_enrollments,
                         m_edits,
                         m_leadId,
                         lead->firstName + QLatin1Char(' ') + lead->lastName,
                         this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_banner->hide();
    reload();
    emit edited(m_leadId);
}

bool LeadDetailPanel::saveFields()
{
    m_pendingProblems.clear();
    clearErrors();
    m_banner->hide();
    const QJsonObject changes{{QStringLiteral("firstName"), m_firstName->text()},
                              {QStringLiteral("lastName"), m_lastName->text()},
                              {QStringLiteral("email"), m_email->text()},
                              {QStringLiteral("phone"), m_phone->text()},
                              {QStringLiteral("state"), m_state->text()},
                              {QStringLiteral("message"), m_message->toPlainText()},
                              {QStringLiteral("preferredLanguage"),
                               m_language->currentData().toString()}};
    auto result = m_edits->updateLead(m_leadId, changes);
    if (auto *errors = std::get_if<ValidationErrors>(&result)) {
        // Nothing is saved; each message sits under its field.
        for (const QString &field : errors->fields()) {
            if (QLabel *label = m_errors.value(field)) {
                label->setText(errors->message(field));
                label->show();
            }
        }
        m_pendingProblems = errors->summary();
        return false;
    }
    if (auto *error = std::get_if<Error>(&result)) {
        m_banner->setText(error->message);
        m_banner->show();
        m_pendingProblems = error->message;
        return false;
    }
    m_loadedFields.clear(); // saved: show the stored (normalised) values
    reload();
    emit edited(m_leadId);
    return true;
}

void LeadDetailPanel::recordSmsConsent(bool optedIn)
{
    if (m_loading || m_leadId.isEmpty())
        return;
    if (optedIn) {
        // Consent is to a wording: the agent reads it out before recording a yes.
        QMessageBox ask(QMessageBox::Question,
                        tr("SMS reminders"),
                        tr("Read this to %1, and record their yes only if they agree:\n\n\"%2\"")
                            .arg(m_title->text(), SmsConsent::text()),
                        QMessageBox::NoButton,
                        this);
        QPushButton *agreed = ask.addButton(tr("They &agree"), QMessageBox::AcceptRole);
        ask.addButton(tr("&Cancel"), QMessageBox::RejectRole);
        ask.setDefaultButton(agreed);
        ask.exec();
        if (ask.clickedButton() != agreed) {
            m_sms->setChecked(false);
            return;
        }
    }
    auto result = m_edits->updateLead(m_leadId, QJsonObject{{QStringLiteral("smsOptIn"), optedIn}});
    if (auto *error = std::get_if<Error>(&result)) {
        showProblem(error->message);
        reload();
        return;
    }
    if (auto *errors = std::get_if<ValidationErrors>(&result)) {
        showProblem(errors->summary());
        reload();
        return;
    }
    reload();
    m_smsProof->setText(optedIn ? tr("Agreed just now (told an agent); sent with the next sync.")
                                : tr("Stopped just now; sent with the next sync."));
    m_smsProof->setToolTip(m_smsProof->text());
    emit edited(m_leadId);
}

void LeadDetailPanel::changeStatus(int index)
{
    if (m_loading || index <= 0)
        return;
    const std::optional<LeadStatus> target = LeadStatusMachine::fromString(
        m_status->itemData(index).toString());
    if (target && LeadStatusMachine::needsConversion(*target)) {
        // Enrolled means an enrollment with its plan: the same dialog as the button.
        convert();
        reload(); // cancelled or not, the box shows the lead's status again
        return;
    }
    auto result = m_edits->updateLead(m_leadId,
                                      QJsonObject{{QStringLiteral("status"),
                                                   m_status->itemData(index).toString()}});
    if (auto *error = std::get_if<Error>(&result)) {
        m_banner->setText(error->message);
        m_banner->show();
    }
    reload();
    emit edited(m_leadId);
}

void LeadDetailPanel::addActivity()
{
    if (m_leadId.isEmpty())
        return;
    const Result<QString> added = m_edits->addActivity(m_leadId,
                                                       m_activityType->currentData().toString(),
                                                       m_activityNotes->text().trimmed());
    if (!added.ok()) {
        m_banner->setText(added.error().message);
        m_banner->show();
        return;
    }
    m_banner->hide();
    m_activityNotes->clear();
    m_activityType->setCurrentIndex(0); // back to Call, the usual case, never a stale choice
    m_activities->reload();
    emit edited(m_leadId);
}

} // namespace Crm
