#include "appointmentdialog.h"

#include "domain/appointment.h"
#include "domain/displaytime.h"
#include "domain/reminderplan.h"
#include "item/reminderledgermodel.h"
#include "localedits.h"
#include "store/appointmentreader.h"
#include "store/localdatabase.h"
#include "store/reminderledgerreader.h"
#include "syncrunner.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Crm {

AppointmentDialog::AppointmentDialog(const LocalDatabase &cache,
                                     LocalEdits *edits,
                                     SyncRunner *sync,
                                     const QString &appointmentId,
                                     QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_edits(edits)
    , m_sync(sync)
    , m_appointmentId(appointmentId)
    , m_title(new QLabel(this))
    , m_when(new QLabel(this))
    , m_state(new QLabel(this))
    , m_link(new QLabel(this))
    , m_notes(new QPlainTextEdit(this))
    , m_saveNotes(new QPushButton(tr("&Save notes"), this))
    , m_reminders(new QTableWidget(this))
    , m_sendEmail(new QPushButton(tr("Send now by &e-mail"), this))
    , m_sendSms(new QPushButton(tr("Send now by S&MS"), this))
    , m_openLead(new QPushButton(tr("Open lead &history"), this))
    , m_exportIcs(new QPushButton(tr("E&xport .ics…"), this))
    , m_followUp(new QPushButton(tr("&Follow-up task…"), this))
    , m_copyFeed(new QPushButton(tr("Copy calendar fee&d URL"), this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Appointment"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_link->setOpenExternalLinks(true);
    m_link->setTextFormat(Qt::RichText);
    m_notes->setMaximumHeight(90);
    m_message->setWordWrap(true);
    m_message->hide();

    m_reminders->setColumnCount(4);
    m_reminders->setHorizontalHeaderLabels({tr("Due"), tr("Channel"), tr("State"), tr("Last error")});
    m_reminders->verticalHeader()->hide();
    m_reminders->horizontalHeader()->setStretchLastSection(true);
    m_reminders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reminders->setSelectionMode(QAbstractItemView::NoSelection);
    m_reminders->setMinimumHeight(110);

    auto *form = new QFormLayout;
    form->addRow(tr("When:"), m_when);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Meeting:"), m_link);
    // For calendar apps outside Agent CRM: this one appointment, or all of them by subscription.
    auto *calendarsRow = new QHBoxLayout;
    calendarsRow->addWidget(m_exportIcs);
    calendarsRow->addWidget(m_copyFeed);
    calendarsRow->addStretch(1);
    form->addRow(tr("Other calendars:"), calendarsRow);
    auto *notesRow = new QHBoxLayout;
    notesRow->addWidget(m_notes, 1);
    notesRow->addWidget(m_saveNotes, 0, Qt::AlignTop);
    form->addRow(tr("Notes:"), notesRow);

    auto *remindersTitle = new QLabel(tr("Reminders"), this);
    QFont bold = remindersTitle->font();
    bold.setBold(true);
    remindersTitle->setFont(bold);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_sendEmail);
    sendRow->addWidget(m_sendSms);
    sendRow->addStretch(1);
    m_exportIcs->setToolTip(
        tr("Save this appointment as an iCalendar file for another calendar app"));
    m_followUp->setToolTip(tr("Set a follow-up on the lead for the day after this appointment"));
    m_copyFeed->setToolTip(
        tr("Copy the link that lets a calendar app subscribe to all your appointments"));
    m_openLead->setToolTip(tr("Show the lead with its history"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_followUp, QDialogButtonBox::ActionRole);
    buttons->addButton(m_openLead, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 14);
    layout->setSpacing(8);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addWidget(remindersTitle);
    layout->addWidget(m_reminders, 1);
    layout->addLayout(sendRow);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveNotes, &QPushButton::clicked, this, &AppointmentDialog::saveNotes);
    connect(m_sendEmail, &QPushButton::clicked, this, [this] { sendNow(QStringLiteral("email")); });
    connect(m_sendSms, &QPushButton::clicked, this, [this] { sendNow(QStringLiteral("sms")); });
    connect(m_openLead, &QPushButton::clicked, this, [this] {
        emit openLeadRequested(m_leadId);
        accept();
    });
    connect(m_exportIcs, &QPushButton::clicked, this, &AppointmentDialog::askExport);
    connect(m_followUp, &QPushButton::clicked, this, &AppointmentDialog::requestFollowUp);
    connect(m_copyFeed, &QPushButton::clicked, this, &AppointmentDialog::feedUrlRequested);
    m_exportIcs->setEnabled(m_sync != nullptr);
    m_copyFeed->setEnabled(m_sync != nullptr);
    if (m_sync) {
        connect(m_sync, &SyncRunner::answered, this, &AppointmentDialog::answer);
        connect(m_sync, &SyncRunner::downloaded, this, &AppointmentDialog::downloaded);
        connect(m_sync, &SyncRunner::cacheChanged, this, &AppointmentDialog::reload);
    }
    resize(620, 520);
    reload();
}

void AppointmentDialog::reload()
{
    const auto found = AppointmentReader(m_cache.database()).find(m_appointmentId);
    if (!found.ok() || !found.value()) {
        m_title->setText(tr("This appointment is no longer in your calendar."));
        for (QWidget *widget : {static_cast<QWidget *>(m_notes),
                                static_cast<QWidget *>(m_saveNotes),
                                static_cast<QWidget *>(m_sendEmail),
                                static_cast<QWidget *>(m_sendSms),
                                static_cast<QWidget *>(m_openLead),
                                static_cast<QWidget *>(m_exportIcs),
                                static_cast<QWidget *>(m_followUp)})
            widget->setEnabled(false);
        return;
    }
    const AppointmentReader::Entry &entry = *found.value();
    const Appointment &appointment = entry.appointment;
    m_leadId = appointment.leadId;
    const QString type = AppointmentRules::displayName(appointment.type);
    m_title->setText(entry.leadName.isEmpty() ? type : tr("%1 with %2").arg(type, entry.leadName));
    m_when->setText(tr("%1 – %2 (%n min)", nullptr, appointment.duration)
                        .arg(DisplayTime::dateTime(appointment.scheduledDate),
                             DisplayTime::time(QDateTime::fromMSecsSinceEpoch(appointment.end()).time())));
    m_state->setText(entry.pending ? tr("%1, to be confirmed by the server").arg(AppointmentRules::displayName(appointment.status))
                                   : AppointmentRules::displayName(appointment.status));
    m_link->setText(appointment.meetingLink.isEmpty()
                        ? tr("none")
                        : QStringLiteral("<a href=\"%1\">%2</a>")
                              .arg(QString::fromLatin1(QUrl(appointment.meetingLink).toEncoded()).toHtmlEscaped(),
                                   appointment.meetingLink.toHtmlEscaped()));
    if (!m_notes->document()->isModified())
        m_notes->setPlainText(appointment.notes);
    m_openLead->setEnabled(!m_leadId.isEmpty());
    m_followUp->setEnabled(!m_leadId.isEmpty());
    m_start = appointment.scheduledDate;
    m_end = appointment.end();
    m_typeName = type;
    // The server writes the file: a booking it has not accepted yet is not there.
    m_exportIcs->setEnabled(m_sync && !(entry.pending && appointment.version == 0));

    const QList<ReminderLedgerReader::Row> rows = ReminderLedgerReader(m_cache.database()).ofAppointment(m_appointmentId);
    m_reminders->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const ReminderLedgerReader::Row &row = rows.at(i);
        const QStringList cells{DisplayTime::dateTime(row.scheduledFor), ReminderLedgerModel::channelText(row),
                                ReminderLedgerModel::stateText(row), row.lastError};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            m_reminders->setItem(i, column, item);
        }
    }
    m_reminders->resizeColumnsToContents();

    // What the lead allows, and only while the appointment still takes reminders.
    const std::optional<Lead> lead = m_leadId.isEmpty() ? std::nullopt
                                                        : LocalEdits::readLead(m_cache.database(), m_leadId);
    const QList<ReminderChannel> channels = lead ? ReminderPlan::channelsFor(*lead) : QList<ReminderChannel>();
    const bool open = AppointmentRules::takesReminders(appointment.status)
                      && ReminderPlan::stillTimely(appointment.scheduledDate, QDateTime::currentMSecsSinceEpoch())
                      && !entry.pending && m_sync;
    m_sendEmail->setEnabled(open && channels.contains(ReminderChannel::Email));
    m_sendSms->setEnabled(open && channels.contains(ReminderChannel::Sms));
    m_sendSms->setToolTip(channels.contains(ReminderChannel::Sms) ? QString()
                                                                   : tr("The lead has not agreed to SMS reminders."));
}

void AppointmentDialog::showMessage(const QString &text)
{
    // Hidden while empty, so it leaves no gap above the buttons.
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void AppointmentDialog::sendNow(const QString &channel)
{
    if (!m_sync)
        return;
    m_requests << m_sync->request("POST",
                                  QStringLiteral("/api/appointments/%1/remind").arg(m_appointmentId),
                                  QJsonObject{{QStringLiteral("channel"), channel}});
    showMessage(tr("Sending…"));
}

void AppointmentDialog::answer(int id, bool ok, const QJsonObject &json, const QString &error)
{
    Q_UNUSED(json)
    if (!m_requests.removeOne(id))
        return;
    showMessage(ok ? tr("On its way: it shows below with the next sync.") : error);
}

QString AppointmentDialog::defaultExportName() const
{
    return QStringLiteral("appointment-%1.ics")
        .arg(QDateTime::fromMSecsSinceEpoch(m_start).toString(QStringLiteral("yyyy-MM-dd-HHmm")));
}

void AppointmentDialog::askExport()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    QFileDialog dialog(this,
                       tr("Export appointment"),
                       QDir(folder).filePath(defaultExportName()),
                       tr("iCalendar files (*.ics)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("ics"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    exportTo(dialog.selectedFiles().constFirst());
}

void AppointmentDialog::exportTo(const QString &path)
{
    if (!m_sync)
        return;
    m_exportPath = path;
    m_download = m_sync->download(QStringLiteral("/api/appointments/%1/ics").arg(m_appointmentId));
    showMessage(tr("Exporting…"));
}

void AppointmentDialog::downloaded(
    int id, bool ok, const QByteArray &body, const QString &contentType, const QString &error)
{
    if (id != m_download)
        return;
    m_download = 0;
    if (!ok) {
        showMessage(tr("Not exported: the file is made by the server. %1").arg(error));
        emit exported(false, m_exportPath);
        return;
    }
    if (!contentType.startsWith(QLatin1String("text/calendar"))) {
        showMessage(tr("Not exported: the server did not send a calendar file."));
        emit exported(false, m_exportPath);
        return;
    }
    QSaveFile file(m_exportPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size() || !file.commit()) {
        showMessage(tr("Not exported: %1").arg(file.errorString()));
        emit exported(false, m_exportPath);
        return;
    }
    showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(m_exportPath)));
    emit exported(true, m_exportPath);
}

void AppointmentDialog::requestFollowUp()
{
    if (m_leadId.isEmpty())
        return;
    // The day after the meeting, at the time it ended: time to see how it went.
    const qint64 due = (m_end + 24 * 60 * 60 * 1000) / 60000 * 60000;
    emit followUpRequested(m_leadId,
                           due,
                           tr("After the appointment of %1 (%2)")
                               .arg(DisplayTime::date(
                                        QDateTime::fromMSecsSinceEpoch(m_start).date()),
                                    m_typeName));
    accept();
}

void AppointmentDialog::saveNotes()
{
    const auto edited = m_edits->editAppointmentNotes(m_appointmentId, m_notes->toPlainText());
    if (const auto *errors = std::get_if<ValidationErrors>(&edited)) {
        showMessage(errors->summary());
        return;
    }
    if (const auto *error = std::get_if<Error>(&edited)) {
        showMessage(error->message);
        return;
    }
    m_notes->document()->setModified(false);
    showMessage(tr("Notes saved; they are sent with the next sync."));
    reload();
    if (m_sync)
        m_sync->syncNow();
}

} // namespace Crm
