#include "conflictdialog.h"

#include "domain/leadstatus.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "localedits.h"
#include "store/localdatabase.h"

#include "domain/displaytime.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Crm {

namespace {

enum Column { Record, Field, Mine, Theirs, Actions, ColumnCount };

QString fieldName(const QString &field)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("firstName"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "First name")},
        {QStringLiteral("lastName"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Last name")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "E-mail")},
        {QStringLiteral("phone"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Phone")},
        {QStringLiteral("message"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Message")},
        {QStringLiteral("source"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Source")},
        {QStringLiteral("status"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Status")},
        {QStringLiteral("state"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "State")},
        {QStringLiteral("smsOptIn"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "SMS opt-in")},
        {QStringLiteral("assignedAgentId"),
         QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Assigned agent")},
        {QStringLiteral("dueAt"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Due")},
        {QStringLiteral("note"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Note")},
        {QStringLiteral("done"), QT_TRANSLATE_NOOP("Crm::ConflictDialog", "Done")},
    };
    const char *name = names.value(field);
    return name ? ConflictDialog::tr(name) : field;
}

// A stored value ("[value]" JSON) as a person reads it.
QString shown(const QString &field, const QString &stored, const TeamReader &team)
{
    const QJsonValue value = QJsonDocument::fromJson(stored.toUtf8()).array().at(0);
    if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty()))
        return ConflictDialog::tr("(empty)");
    if (value.isBool())
        return value.toBool() ? ConflictDialog::tr("Yes") : ConflictDialog::tr("No");
    const QString text = value.toString();
    if (field == QLatin1String("status")) {
        if (const auto status = LeadStatusMachine::fromString(text))
            return LeadStatusMachine::displayName(*status);
    }
    if (field == QLatin1String("dueAt")) {
        if (const auto time = WireTime::fromWire(text))
            return DisplayTime::dateTime(*time);
    }
    if (field == QLatin1String("assignedAgentId")) {
        if (const std::optional<QString> name = team.userName(text))
            return *name;
    }
    return text;
}

// Why a booking or move was refused, as the user reads it (the details ConflictInbox keeps).
QString refusalText(const ConflictReader::OpenConflict &conflict)
{
    const QJsonObject &details = conflict.details;
    const QJsonObject wanted = details.value(QStringLiteral("wanted")).toObject();
    const std::optional<qint64> start = WireTime::fromWire(
        wanted.value(QStringLiteral("start")).toString());
    if (!start)
        return conflict.reason;
    const QString when = DisplayTime::dateTime(*start);
    const QString reason = details.value(SyncProtocol::Key::Reason).toString();
    if (reason == SyncProtocol::ErrorCode::SlotTaken) {
        const QJsonObject taken = details.value(SyncProtocol::Key::Conflicting).toObject();
        const auto takenStart = WireTime::fromWire(taken.value(QStringLiteral("start")).toString());
        const auto takenEnd = WireTime::fromWire(taken.value(QStringLiteral("end")).toString());
        QString text
            = takenStart && takenEnd
                  ? ConflictDialog::tr(
                        "%1: the slot was taken meanwhile by another appointment (%2–%3).")
                        .arg(when,
                             DisplayTime::time(QDateTime::fromMSecsSinceEpoch(*takenStart).time()),
                             DisplayTime::time(QDateTime::fromMSecsSinceEpoch(*takenEnd).time()))
                  : ConflictDialog::tr("%1: the slot was taken meanwhile by another appointment.")
                        .arg(when);
        if (!details.value(SyncProtocol::Key::Suggestions).toArray().isEmpty())
            text += QLatin1Char(' ') + ConflictDialog::tr("Book one of the free times instead:");
        return text;
    }
    if (reason == SyncProtocol::ErrorCode::OutsideAvailability)
        return ConflictDialog::tr("%1 is outside the provider's available hours.").arg(when);
    return ConflictDialog::tr("%1: %2").arg(when, conflict.reason);
}

} // namespace

ConflictDialog::ConflictDialog(const LocalDatabase &cache, LocalEdits *edits, QWidget *parent)
    : QDialog(parent)
    , m_conflicts(cache.database())
    , m_team(cache.database())
    , m_edits(edits)
    , m_table(new QTableWidget(0, ColumnCount))
    , m_empty(new QLabel(tr("No conflicts. Every change you made is on the server.")))
    , m_error(new QLabel)
{
    setWindowTitle(tr("Conflicts"));
    auto *intro = new QLabel(tr("Someone else changed these while you were editing, or the "
                                "server refused a change. Choose what stays."));
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels(
        {tr("Record"), tr("Field"), tr("Mine"), tr("Theirs"), QString()});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(Record, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Field, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Mine, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Theirs, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Actions, QHeaderView::ResizeToContents);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid); padding: 24px;"));
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(860, 420);
    reload();
}

void ConflictDialog::reload()
{
    m_ids.clear();
    m_table->setRowCount(0);
    const QList<ConflictReader::OpenConflict> conflicts = m_conflicts.open();
    for (const ConflictReader::OpenConflict &conflict : conflicts) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_ids << conflict.id;
        const bool refused = conflict.kind == QLatin1String("rejected");
        const QString &entity = conflict.entity;
        const QString &field = conflict.field;
        QString record = conflict.recordName.trimmed();
        if (entity == QLatin1String("follow_up"))
            record = tr("Follow-up: %1").arg(record);
        else if (entity == QLatin1String("enrollment"))
            record = tr("Enrollment");
        else if (entity == SyncProtocol::Entity::Appointment)
            record = record.isEmpty() ? tr("Appointment") : tr("Appointment: %1").arg(record);
        else if (record.isEmpty())
            record = tr("A record no longer in your list");
        m_table->setItem(row, Record, new QTableWidgetItem(record));
        auto *actions = new QWidget;
        auto *buttons = new QHBoxLayout(actions);
        buttons->setContentsMargins(4, 2, 4, 2);
        if (refused) {
            const bool appointment = entity == SyncProtocol::Entity::Appointment;
            const bool booking = conflict.details.contains(QStringLiteral("appointmentType"));
            m_table->setItem(row,
                             Field,
                             new QTableWidgetItem(!appointment ? tr("Not accepted")
                                                  : booking    ? tr("Booking not accepted")
                                                               : tr("Move not accepted")));
            auto *reason = new QTableWidgetItem(appointment ? refusalText(conflict)
                                                            : conflict.reason);
            reason->setToolTip(reason->text());
            m_table->setItem(row, Mine, reason);
            m_table->setSpan(row, Mine, 1, 2);
            // The free times the server offered instead, each one click from booking it.
            const QJsonArray suggestions
                = appointment ? conflict.details.value(SyncProtocol::Key::Suggestions).toArray()
                              : QJsonArray();
            const std::optional<qint64> wanted = WireTime::fromWire(
                conflict.details.value(QStringLiteral("wanted"))[QStringLiteral("start")].toString());
            const QDate wantedDay = wanted ? QDateTime::fromMSecsSinceEpoch(*wanted).date() : QDate();
            for (const QJsonValue &suggestion : suggestions) {
                const std::optional<qint64> start = WireTime::fromWire(
                    suggestion.toObject().value(QStringLiteral("start")).toString());
                if (!start)
                    continue;
                // The time alone on the day that was wanted; the date too on another day.
                const QDateTime at = QDateTime::fromMSecsSinceEpoch(*start);
                auto *book = new QPushButton(at.date() == wantedDay ? DisplayTime::time(at.time())
                                                                    : DisplayTime::dateTime(at));
                book->setObjectName(QStringLiteral("suggestion"));
                book->setToolTip(tr("Book it at %1 instead").arg(DisplayTime::dateTime(*start)));
                connect(book, &QPushButton::clicked, this, [this, id = m_ids.last(), at = *start] {
                    rebook(int(m_ids.indexOf(id)), at);
                });
                buttons->addWidget(book);
            }
            auto *ok = new QPushButton(tr("Dismiss"));
            connect(ok, &QPushButton::clicked, this, [this, id = m_ids.last()] {
                resolve(int(m_ids.indexOf(id)), false);
            });
            buttons->addWidget(ok);
        } else {
            m_table->setItem(row, Field, new QTableWidgetItem(fieldName(field)));
            m_table->setItem(row, Mine, new QTableWidgetItem(shown(field, conflict.mine, m_team)));
            m_table->setItem(row,
                             Theirs,
                             new QTableWidgetItem(shown(field, conflict.theirs, m_team)));
            auto *mine = new QPushButton(tr("Keep mine"));
            auto *theirs = new QPushButton(tr("Keep theirs"));
            connect(mine, &QPushButton::clicked, this, [this, id = m_ids.last()] {
                resolve(int(m_ids.indexOf(id)), true);
            });
            connect(theirs, &QPushButton::clicked, this, [this, id = m_ids.last()] {
                resolve(int(m_ids.indexOf(id)), false);
            });
            buttons->addWidget(mine);
            buttons->addWidget(theirs);
        }
        m_table->setCellWidget(row, Actions, actions);
    }
    m_table->resizeRowsToContents();
    for (int row = 0; row < m_table->rowCount(); ++row)
        m_table->setRowHeight(row, m_table->rowHeight(row) + 8); // air around wrapped reasons
    m_table->setVisible(!m_ids.isEmpty());
    m_empty->setVisible(m_ids.isEmpty());
}

bool ConflictDialog::rebook(int row, qint64 start)
{
    if (row < 0 || row >= m_ids.size())
        return false;
    const LocalEdits::AppointmentEdit made = m_edits->rebookRefused(m_ids.at(row), start);
    QString why;
    if (const auto *errors = std::get_if<ValidationErrors>(&made))
        why = errors->summary();
    else if (const auto *error = std::get_if<Error>(&made))
        why = error->message;
    if (!why.isEmpty()) {
        m_error->setText(tr("Not booked: %1").arg(why));
        m_error->show();
        return false;
    }
    m_error->hide();
    QMetaObject::invokeMethod(this, &ConflictDialog::reload, Qt::QueuedConnection);
    m_ids[row].clear();
    emit resolved();
    return true;
}

bool ConflictDialog::resolve(int row, bool keepMine)
{
    if (row < 0 || row >= m_ids.size())
        return false;
    const Status status = m_edits->resolveConflict(m_ids.at(row), keepMine);
    if (!status.ok()) {
        m_error->setText(status.error().message);
        m_error->show();
        reload();
        return false;
    }
    m_error->hide();
    // Buttons live in the table: rebuild it once the click is over.
    QMetaObject::invokeMethod(this, &ConflictDialog::reload, Qt::QueuedConnection);
    m_ids[row].clear();
    emit resolved();
    return true;
}

} // namespace Crm
