#include "enrollmentservice.h"

#include "domain/enrollment.h"
#include "domain/ids.h"

#include "http/apiserver.h"
#include "leads/leadhistory.h"
#include "leads/leadrecords.h"
#include "leads/leadrepository.h"
#include "storage/writetransaction.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

ApiError storeFailure(const Status &status)
{
    return ApiError::fromStoreError(status.error());
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

ApiError EnrollmentService::invalidTransition(LeadStatus from, LeadStatus to)
{
    const QString message = from == to
                                ? tr("The lead is already %1.").arg(LeadStatusMachine::toString(to))
                                : tr("A lead cannot move from %1 to %2.")
                                      .arg(LeadStatusMachine::toString(from),
                                           LeadStatusMachine::toString(to));
    ApiError error = ApiError::unprocessable(QStringLiteral("invalid_transition"), message);
    QJsonArray allowed;
    const QList<LeadStatus> statuses = LeadStatusMachine::allowedTransitions(from);
    for (LeadStatus status : statuses)
        allowed.append(LeadStatusMachine::toString(status));
    error.extra.insert(QStringLiteral("allowed"), allowed);
    return error;
}

ApiResponse EnrollmentService::convert(ApiContext &context)
{
    Details details;
    details.plan = context.body.text("plan");
    details.effectiveDate = context.body.text("effectiveDate");
    details.notes = context.body.text("notes");

    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return storeFailure(begun);
    const std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                                 context.caller(),
                                                                 context.pathArgs.value(0));
    if (!lead)
        return ApiError::notFound(tr("No such lead."));
    auto converted = convertIn(tx, context.caller(), *lead, details, context.remote());
    if (auto *error = std::get_if<ApiError>(&converted))
        return *error;
    if (const Status committed = tx.commit(); !committed.ok())
        return storeFailure(committed);
    return ApiResponse(std::get<QJsonObject>(converted), 201);
}

std::variant<QJsonObject, ApiError> EnrollmentService::convertIn(WriteTransaction &tx,
                                                                 const AuthUser &user,
                                                                 const Lead &lead,
                                                                 Details details,
                                                                 const QString &remote)
{
    const Enrollment entered = Enrollment{details.plan, details.effectiveDate, details.notes}
                                   .normalized();
    ValidationErrors errors;
    if (!details.id.isEmpty() && !Ids::isValid(details.id))
        errors.add(QStringLiteral("id"), tr("The id must be a lower-case UUID."));
    const ValidationErrors fieldErrors = entered.validate();
    for (const QString &field : fieldErrors.fields())
        errors.add(field, fieldErrors.message(field));
    if (!errors.isEmpty())
        return ApiError::validation(errors);
    const QString &plan = entered.plan;
    const QString &effectiveDate = entered.effectiveDate;

    // canTransition() treats staying put as an allowed no-op; converting twice is not.
    if (lead.status == LeadStatus::Enrolled
        || !LeadStatusMachine::canTransition(lead.status, LeadStatus::Enrolled))
        return invalidTransition(lead.status, LeadStatus::Enrolled);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString id = details.id.isEmpty() ? Ids::create() : details.id;
    if (!details.id.isEmpty()) {
        // A client-minted id another enrollment already has is the client's mistake, not a
        // constraint failure for the log.
        QSqlQuery taken(tx.db());
        taken.prepare(QStringLiteral("SELECT 1 FROM enrollments WHERE id = ?"));
        taken.addBindValue(id);
        if (!taken.exec())
            return ApiError::internal(taken.lastError().text());
        if (taken.next())
            return ApiError::validationField(QStringLiteral("id"), tr("This id is already used."));
    }
    QSqlQuery insert(tx.db());
    insert.prepare(QStringLiteral("INSERT INTO enrollments (") + LeadRecords::enrollmentColumns()
                   + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(id);
    insert.addBindValue(lead.id);
    insert.addBindValue(lead.assignedAgentId.isEmpty() ? user.id : lead.assignedAgentId);
    insert.addBindValue(nullableText(plan));
    insert.addBindValue(nullableText(effectiveDate));
    insert.addBindValue(nullableText(entered.notes));
    insert.addBindValue(now);
    if (!insert.exec())
        return ApiError::internal(insert.lastError().text());

    Lead enrolled = lead;
    enrolled.status = LeadStatus::Enrolled;
    const Result<Lead> saved = LeadRepository::save(tx, enrolled, now);
    if (!saved.ok())
        return ApiError::fromStoreError(saved.error());
    enrolled = saved.value();
    const QString audience = LeadRepository::audience(enrolled);

    // Read back, so the answer and the change log carry exactly what is stored.
    QSqlQuery stored(tx.db());
    stored.prepare(QStringLiteral("SELECT ") + LeadRecords::enrollmentColumns()
                   + QStringLiteral(" FROM enrollments WHERE id = ?"));
    stored.addBindValue(id);
    if (!stored.exec() || !stored.next())
        return ApiError::internal(stored.lastError().text());
    const QJsonObject enrollment = LeadRecords::enrollmentJson(stored);
    if (const Status logged = tx.logChange(QStringLiteral("enrollment"),
                                           id,
                                           QStringLiteral("upsert"),
                                           1,
                                           audience,
                                           enrollment);
        !logged.ok())
        return storeFailure(logged);

    const auto recorded = LeadHistory::addSystem(tx,
                                                 enrolled,
                                                 user.id,
                                                 HistoryEntry::enrolled(plan, effectiveDate));
    if (!recorded.ok())
        return ApiError::fromStoreError(recorded.error());
    tx.audit({now,
              user.id,
              QStringLiteral("lead.convert"),
              QStringLiteral("lead"),
              enrolled.id,
              remote,
              QStringLiteral("enrollment ") + id});
    return enrollment;
}

} // namespace Crm
