#include "bookingdialog.h"

#include "domain/displaytime.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "localedits.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Crm {

namespace {

constexpr qint64 Minute = 60 * 1000;

QString slotText(const TimeRange &slot)
{
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(slot.start);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(slot.end);
    return BookingDialog::tr("%1 – %2").arg(DisplayTime::time(start.time()),
                                            DisplayTime::time(end.time()));
}

} // namespace

BookingDialog::BookingDialog(LocalEdits *edits,
                             const CalendarModel *calendar,
                             LeadTableModel *leads,
                             QWidget *parent)
    : QDialog(parent)
    , m_edits(edits)
    , m_calendar(calendar)
    , m_leads(leads)
    , m_lead(new QComboBox)
    , m_type(new QComboBox)
    , m_start(new QDateTimeEdit)
    , m_duration(new QSpinBox)
    , m_notes(new QPlainTextEdit)
    , m_meetingLink(new QLineEdit)
    , m_slotsTitle(new QLabel)
    , m_slots(new QListWidget)
    , m_error(new QLabel)
{
    setWindowTitle(tr("Book appointment"));

    // The lead: type part of a name, pick from what matches.
    m_lead->setEditable(true);
    m_lead->setInsertPolicy(QComboBox::NoInsert);
    m_lead->setModel(m_leads);
    m_lead->setModelColumn(LeadTableModel::Name);
    m_lead->setCurrentIndex(-1);
    m_lead->lineEdit()->setPlaceholderText(tr("Type a name"));
    m_lead->completer()->setFilterMode(Qt::MatchContains);
    m_lead->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_lead->completer()->setCompletionMode(QCompleter::PopupCompletion);
    // The lead list is the main window's: a sync that lands while the form is open reloads
    // it, and a combo box empties itself on a model reset. Keep the lead picked (found again
    // by id) and what was typed.
    connect(m_leads, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const int row = m_lead->currentIndex();
        m_keptLeadId = row >= 0 ? m_leads->idAt(row) : QString();
        m_keptLeadText = m_lead->currentText();
    });
    connect(m_leads, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_keptLeadId.isEmpty() ? -1 : m_leads->rowOf(m_keptLeadId);
        m_lead->setCurrentIndex(row);
        m_lead->setEditText(m_keptLeadText);
    });

    for (AppointmentType type : AppointmentRules::types())
        m_type->addItem(AppointmentRules::displayName(type), AppointmentRules::toString(type));
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        const auto type = AppointmentRules::typeFromString(m_type->currentData().toString());
        if (type)
            m_duration->setValue(AppointmentRules::defaultDuration(*type));
    });

    m_start->setDisplayFormat(DisplayTime::editFormat());
    m_start->setCalendarPopup(true);
    m_duration->setRange(AppointmentRules::MinDuration, AppointmentRules::MaxDuration);
    m_duration->setSingleStep(5);
    m_duration->setSuffix(tr(" min"));
    m_duration->setValue(AppointmentRules::defaultDuration(AppointmentType::Consultation));
    m_notes->setPlaceholderText(tr("What the meeting is about"));
    m_notes->setMaximumHeight(90);
    m_notes->setTabChangesFocus(true);
    m_meetingLink->setPlaceholderText(tr("https://… (optional)"));
    m_meetingLink->setMaxLength(AppointmentRules::MaxMeetingLinkLength);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    // The day's free times beside the form; a click takes one.
    m_slots->setMinimumWidth(170);
    m_slots->setUniformItemSizes(true);
    connect(m_slots, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const qint64 start = item->data(Qt::UserRole).toLongLong();
        if (start > 0)
            m_start->setDateTime(QDateTime::fromMSecsSinceEpoch(start));
    });
    connect(m_start, &QDateTimeEdit::dateChanged, this, &BookingDialog::showFreeTimes);
    connect(m_duration, &QSpinBox::valueChanged, this, &BookingDialog::showFreeTimes);

    auto *form = new QFormLayout;
    form->addRow(tr("&Lead:"), m_lead);
    form->addRow(tr("&Kind:"), m_type);
    form->addRow(tr("&Starts:"), m_start);
    form->addRow(tr("Len&gth:"), m_duration);
    form->addRow(tr("&Notes:"), m_notes);
    form->addRow(tr("&Meeting link:"), m_meetingLink);
    auto *slotsPane = new QVBoxLayout;
    slotsPane->addWidget(m_slotsTitle);
    slotsPane->addWidget(m_slots, 1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(form, 1);
    columns->addSpacing(12);
    columns->addLayout(slotsPane);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *book = buttons->button(QDialogButtonBox::Ok);
    book->setText(tr("&Book"));
    book->setDefault(true); // Enter books
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &BookingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(620);

    // The next quarter hour unless prefilled.
    const qint64 quarter = 15 * Minute;
    setStart((m_calendar->now() / quarter + 1) * quarter);
}

void BookingDialog::setLead(const QString &leadId)
{
    const int row = m_leads->rowOf(leadId);
    m_lead->setCurrentIndex(row);
    // An editable box left without a current item keeps its empty text: say the name.
    m_lead->setEditText(row >= 0 ? m_leads->index(row, LeadTableModel::Name).data().toString()
                                 : QString());
}

void BookingDialog::setType(AppointmentType type)
{
    m_type->setCurrentIndex(m_type->findData(AppointmentRules::toString(type)));
}

void BookingDialog::setStart(qint64 start)
{
    m_start->setDateTime(QDateTime::fromMSecsSinceEpoch(start));
    showFreeTimes();
}

void BookingDialog::setDuration(int minutes)
{
    m_duration->setValue(minutes);
}

QString BookingDialog::providerId() const
{
    return m_calendar->providerId();
}

QString BookingDialog::chosenLeadId() const
{
    // What is typed must name a lead: the one picked, or the only one of that name.
    const QString typed = m_lead->currentText().trimmed();
    if (typed.isEmpty())
        return {};
    int row
        = m_lead->currentIndex() >= 0
                  && m_leads->index(m_lead->currentIndex(), LeadTableModel::Name).data().toString()
                         == typed
              ? m_lead->currentIndex()
              : m_lead->findText(typed, Qt::MatchFixedString);
    if (row < 0) {
        // Part of a name that only one lead has is enough.
        for (int candidate = 0; candidate < m_leads->rowCount(); ++candidate) {
            const QString name = m_leads->index(candidate, LeadTableModel::Name).data().toString();
            if (!name.contains(typed, Qt::CaseInsensitive))
                continue;
            if (row >= 0)
                return {}; // more than one: the agent picks
            row = candidate;
        }
    }
    return row >= 0 ? m_leads->idAt(row) : QString();
}

void BookingDialog::showFreeTimes()
{
    const QDate day = m_start->date();
    m_slotsTitle->setText(tr("Free on %1:").arg(DisplayTime::date(day)));
    m_slots->clear();
    const QList<TimeRange> free = m_calendar
                                      ->freeSlots(day.startOfDay().toMSecsSinceEpoch(),
                                                  day.addDays(1).startOfDay().toMSecsSinceEpoch(),
                                                  m_duration->value());
    for (const TimeRange &slot : free) {
        auto *item = new QListWidgetItem(slotText(slot), m_slots);
        item->setData(Qt::UserRole, slot.start);
    }
    if (free.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No free time this day"), m_slots);
        none->setFlags(Qt::NoItemFlags);
    }
}

void BookingDialog::accept()
{
    m_error->hide();
    const QString leadId = chosenLeadId();
    if (leadId.isEmpty()) {
        m_error->setText(tr("Choose a lead from the list (type part of the name)."));
        m_error->show();
        m_lead->setFocus();
        return;
    }
    LocalEdits::Booking booking;
    booking.providerId = m_calendar->providerId();
    booking.leadId = leadId;
    booking.type = AppointmentRules::typeFromString(m_type->currentData().toString())
                       .value_or(AppointmentType::Consultation);
    booking.start = m_start->dateTime().toMSecsSinceEpoch() / Minute * Minute;
    booking.duration = m_duration->value();
    booking.notes = m_notes->toPlainText().trimmed();
    booking.meetingLink = m_meetingLink->text().trimmed();
    const LocalEdits::AppointmentEdit booked = m_edits->bookAppointment(booking);
    if (const auto *errors = std::get_if<ValidationErrors>(&booked)) {
        m_error->setText(errors->summary());
        m_error->show();
        return;
    }
    if (const auto *error = std::get_if<Error>(&booked)) {
        // The times offered instead, one click away in the list.
        const QJsonArray suggestions = error->details.value(SyncProtocol::Key::Suggestions).toArray();
        QStringList offered;
        if (!suggestions.isEmpty()) {
            m_slots->clear();
            m_slotsTitle->setText(tr("Free instead:"));
            for (const QJsonValue &value : suggestions) {
                const auto start = WireTime::fromWire(value[QStringLiteral("start")].toString());
                const auto end = WireTime::fromWire(value[QStringLiteral("end")].toString());
                if (!start || !end)
                    continue;
                const QString when = tr("%1, %2")
                                         .arg(DisplayTime::date(
                                                  QDateTime::fromMSecsSinceEpoch(*start).date()),
                                              slotText({*start, *end}));
                auto *item = new QListWidgetItem(when, m_slots);
                item->setData(Qt::UserRole, *start);
                offered << when;
            }
        }
        m_error->setText(
            offered.isEmpty()
                ? error->message
                : tr("%1 Free instead: %2.").arg(error->message, offered.join(tr("; "))));
        m_error->show();
        return;
    }
    m_appointmentId = std::get<Appointment>(booked).id;
    QDialog::accept();
}

} // namespace Crm
