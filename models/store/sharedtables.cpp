#include "sharedtables.h"

#include "domain/activity.h"
#include "domain/enrollment.h"
#include "domain/followup.h"
#include "domain/lead.h"
#include "domain/leadsource.h"
#include "domain/leadstatus.h"
#include "domain/syncprotocol.h"
#include "domain/userlimits.h"

namespace Crm {

namespace {

// A state is one of UsStates' two-letter codes, or none.
constexpr int StateCodeLength = 2;

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

// CHECK conditions, worded as the first schemas wrote them (the test compares them).
QString oneOf(const QString &column, const QStringList &values)
{
    QStringList literals;
    for (const QString &value : values)
        literals << quoted(value);
    return column + QStringLiteral(" IN (") + literals.join(QStringLiteral(", "))
           + QLatin1Char(')');
}

QString lengthAtMost(const QString &column, int maximum)
{
    return QStringLiteral("length(%1) <= %2").arg(column).arg(maximum);
}

QString lengthBetween(const QString &column, int minimum, int maximum)
{
    return QStringLiteral("length(%1) BETWEEN %2 AND %3").arg(column).arg(minimum).arg(maximum);
}

QString orNull(const QString &column, const QString &condition)
{
    return column + QStringLiteral(" IS NULL OR ") + condition;
}

// Columns by kind.
ColumnDefinition id()
{
    return {QStringLiteral("id"), ColumnType::Text, true, true, {}, {}, true};
}

ColumnDefinition text(const QString &name, const QString &check = {}, const QString &def = {})
{
    return {name, ColumnType::Text, false, false, def, check, true};
}

ColumnDefinition optionalText(const QString &name, const QString &check = {})
{
    return {name, ColumnType::Text, true, false, {}, check, true};
}

ColumnDefinition integer(const QString &name, const QString &def, const QString &check = {})
{
    return {name, ColumnType::Integer, false, false, def, check, true};
}

ColumnDefinition flag(const QString &name, bool def)
{
    return {name,
            ColumnType::Boolean,
            false,
            false,
            def ? QStringLiteral("1") : QStringLiteral("0"),
            {},
            true};
}

ColumnDefinition time(const QString &name, const QString &def = {})
{
    return {name, ColumnType::Time, false, false, def, {}, true};
}

ColumnDefinition optionalTime(const QString &name)
{
    return {name, ColumnType::Time, true, false, {}, {}, true};
}

// Every record that can change carries its version: 1 when first stored on the server. (The
// cache writes 0 itself for a record made offline and not yet accepted.)
ColumnDefinition version()
{
    return integer(QStringLiteral("version"), QStringLiteral("1"));
}

QString name(const char *column)
{
    return QString::fromLatin1(column);
}

} // namespace

const TableDefinition &SharedTables::users()
{
    static const TableDefinition
        table{QStringLiteral("users"),
              SyncProtocol::Entity::User,
              {id(),
               text(name("email"), lengthAtMost(name("email"), UserLimits::MaxEmailLength)),
               text(name("name"), lengthBetween(name("name"), 1, UserLimits::MaxNameLength)),
               text(name("role"), oneOf(name("role"), UserLimits::roles())),
               flag(name("active"), true),
               integer(name("weight"),
                       QStringLiteral("1"),
                       QStringLiteral("weight BETWEEN %1 AND %2")
                           .arg(UserLimits::MinWeight)
                           .arg(UserLimits::MaxWeight)),
               text(name("timeZone"), {}, quoted(QStringLiteral("UTC"))),
               // A list on the wire, stored joined by commas ('' for none).
               text(name("territories"), {}, quoted(QString())),
               time(name("createdAt")),
               time(name("updatedAt")),
               version()}};
    return table;
}

const TableDefinition &SharedTables::leads()
{
    static const TableDefinition table = [] {
        QStringList sources;
        for (LeadSource source : LeadSourceNames::all())
            sources << LeadSourceNames::toString(source);
        QStringList statuses;
        for (LeadStatus status : LeadStatusMachine::all())
            statuses << LeadStatusMachine::toString(status);
        ColumnDefinition deletedAt = optionalTime(name("deletedAt"));
        deletedAt.onWire = false; // a deleted lead travels as a "delete" change, not a field
        return TableDefinition{
            QStringLiteral("leads"),
            SyncProtocol::Entity::Lead,
            {id(),
             text(name("firstName"), lengthBetween(name("firstName"), 1, Lead::MaxNameLength)),
             text(name("lastName"), lengthBetween(name("lastName"), 1, Lead::MaxNameLength)),
             text(name("email"), lengthAtMost(name("email"), Lead::MaxEmailLength)),
             text(name("phone"), lengthAtMost(name("phone"), Lead::MaxPhoneLength)),
             optionalText(name("message"),
                          orNull(name("message"),
                                 lengthAtMost(name("message"), Lead::MaxMessageLength))),
             text(name("source"),
                  oneOf(name("source"), sources),
                  quoted(LeadSourceNames::toString(LeadSource::ContactForm))),
             text(name("status"),
                  oneOf(name("status"), statuses),
                  quoted(LeadStatusMachine::toString(LeadStatus::New))),
             optionalText(name("assignedAgentId")),
             optionalText(name("state"),
                          orNull(name("state"),
                                 QStringLiteral("length(state) = %1").arg(StateCodeLength))),
             flag(name("smsOptIn"), false),
             optionalTime(name("firstContactAt")),
             time(name("createdAt")),
             time(name("updatedAt")),
             version(),
             deletedAt,
             // Added later (server schema 8, cache schema 10), so at the end of the table.
             optionalText(name("preferredLanguage"),
                          orNull(name("preferredLanguage"),
                                 oneOf(name("preferredLanguage"), Lead::languages())))}};
    }();
    return table;
}

const TableDefinition &SharedTables::activities()
{
    static const TableDefinition
        table{QStringLiteral("lead_activities"),
              SyncProtocol::Entity::Activity,
              {id(),
               text(name("leadId")),
               optionalText(name("agentId")),
               text(name("activityType"), oneOf(name("activityType"), Activity::types())),
               optionalText(name("notes"),
                            orNull(name("notes"),
                                   lengthAtMost(name("notes"), Activity::MaxNotesLength))),
               time(name("createdAt")),
               // Added to existing tables, so it needed a default; every writer sets it.
               time(name("occurredAt"), QStringLiteral("0")),
               optionalText(name("code")),
               optionalText(name("params"))}};
    return table;
}

const TableDefinition &SharedTables::followUps()
{
    static const TableDefinition table{QStringLiteral("follow_ups"),
                                       SyncProtocol::Entity::FollowUp,
                                       {id(),
                                        text(name("leadId")),
                                        optionalText(name("agentId")),
                                        time(name("dueAt")),
                                        optionalText(name("note"),
                                                     orNull(name("note"),
                                                            lengthAtMost(name("note"),
                                                                         FollowUp::MaxNoteLength))),
                                        flag(name("done"), false),
                                        optionalTime(name("completedAt")),
                                        time(name("createdAt")),
                                        time(name("updatedAt")),
                                        version()}};
    return table;
}

const TableDefinition &SharedTables::enrollments()
{
    static const TableDefinition
        table{QStringLiteral("enrollments"),
              SyncProtocol::Entity::Enrollment,
              {id(),
               text(name("leadId")),
               optionalText(name("agentId")),
               optionalText(name("plan"),
                            orNull(name("plan"),
                                   lengthAtMost(name("plan"), Enrollment::MaxPlanLength))),
               optionalText(name("effectiveDate")), // a date (yyyy-MM-dd), not a time
               optionalText(name("notes"),
                            orNull(name("notes"),
                                   lengthAtMost(name("notes"), Enrollment::MaxNotesLength))),
               time(name("createdAt"))}};
    return table;
}

const QList<const TableDefinition *> &SharedTables::all()
{
    static const QList<const TableDefinition *> tables{&users(),
                                                       &leads(),
                                                       &activities(),
                                                       &followUps(),
                                                       &enrollments()};
    return tables;
}

const TableDefinition *SharedTables::forEntity(const QString &entity)
{
    for (const TableDefinition *table : all()) {
        if (table->entity() == entity)
            return table;
    }
    return nullptr;
}

} // namespace Crm
