#include "cachefixture.h"

#include "domain/appointment.h"
#include "domain/availability.h"
#include "domain/wiretime.h"
#include "pullapplier.h"
#include "syncstate.h"

#include <QJsonArray>

namespace CrmTest {

CacheFixture::CacheFixture(const QString &userId)
    : m_userId(userId)
{}

CacheFixture::~CacheFixture()
{
    close();
}

bool CacheFixture::open()
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return false;
    auto opened = Crm::LocalDatabase::open(m_dir->filePath(QStringLiteral("cache.db")),
                                           QByteArray(32, 'f'));
    if (!opened.ok()) {
        qWarning().noquote() << "The fixture's cache did not open:" << opened.error().message;
        return false;
    }
    m_cache = std::move(opened).value();
    m_edits = std::make_unique<Crm::LocalEdits>(m_cache.database(), m_userId);
    return Crm::SyncState(m_cache.database()).setState(QStringLiteral("userId"), m_userId).ok();
}

void CacheFixture::close()
{
    m_edits.reset();
    m_cache.close();
    m_dir.reset();
}

QJsonObject CacheFixture::upsert(const QString &entity, const QJsonObject &data)
{
    // A provider's availability goes by the provider's id.
    const QJsonValue id = data.contains(QStringLiteral("id"))
                              ? data.value(QStringLiteral("id"))
                              : data.value(QStringLiteral("providerId"));
    return {{QStringLiteral("entity"), entity},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("version"), data.value(QStringLiteral("version")).toInteger(1)},
            {QStringLiteral("data"), data}};
}

bool CacheFixture::receive(const QString &entity, const QJsonObject &data)
{
    return apply(upsert(entity, data));
}

bool CacheFixture::receiveAll(const QString &entity, const QList<QJsonObject> &records)
{
    QJsonArray changes;
    for (const QJsonObject &data : records) {
        QJsonObject change = upsert(entity, data);
        change.insert(QStringLiteral("seq"), ++m_seq);
        changes.append(change);
    }
    const Crm::Status applied = Crm::PullApplier(m_cache.database()).applyPage(changes, m_seq);
    if (!applied.ok())
        qWarning().noquote() << "The fixture's pulled page was refused:" << applied.error().message;
    return applied.ok();
}

bool CacheFixture::receiveDeletion(const QString &entity, const QString &id)
{
    return apply({{QStringLiteral("entity"), entity},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("op"), QStringLiteral("delete")}});
}

bool CacheFixture::apply(const QJsonObject &change)
{
    QJsonObject numbered = change;
    numbered.insert(QStringLiteral("seq"), ++m_seq);
    const Crm::Status applied = Crm::PullApplier(m_cache.database())
                                    .applyPage(QJsonArray{numbered}, m_seq);
    if (!applied.ok())
        qWarning().noquote() << "The fixture's pulled change was refused:"
                             << applied.error().message;
    return applied.ok();
}

QJsonObject CacheFixture::lead(const QString &id, const QString &agentId)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("firstName"), QStringLiteral("Ana")},
            {QStringLiteral("lastName"), QStringLiteral("Ruiz")},
            {QStringLiteral("email"), QStringLiteral("ana.ruiz@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550101")},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("contacted")},
            {QStringLiteral("assignedAgentId"), agentId},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("createdAt"), time(1000)},
            {QStringLiteral("updatedAt"), time(1000)},
            {QStringLiteral("version"), 1}};
}

QJsonObject CacheFixture::user(const QString &id, const QString &name, const QString &role)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("email"), id + QStringLiteral("@example.com")},
            {QStringLiteral("name"), name},
            {QStringLiteral("role"), role},
            {QStringLiteral("active"), true},
            {QStringLiteral("weight"), 1},
            {QStringLiteral("timeZone"), QStringLiteral("America/Los_Angeles")},
            {QStringLiteral("territories"), QJsonArray()},
            {QStringLiteral("createdAt"), time(1)},
            {QStringLiteral("updatedAt"), time(1)},
            {QStringLiteral("version"), 1}};
}

QString CacheFixture::time(qint64 epochMs)
{
    return Crm::WireTime::toWire(epochMs);
}

QJsonObject CacheFixture::appointment(const QString &id,
                                      const QString &providerId,
                                      qint64 start,
                                      int duration,
                                      const QString &status,
                                      qint64 version,
                                      const QString &leadId)
{
    Crm::Appointment appointment;
    appointment.id = id;
    appointment.providerId = providerId;
    appointment.leadId = leadId;
    appointment.scheduledDate = start;
    appointment.duration = duration;
    appointment.status = Crm::AppointmentRules::statusFromString(status).value();
    appointment.createdAt = appointment.updatedAt = 1;
    appointment.version = version;
    return appointment.toJson();
}

QJsonObject CacheFixture::availability(const QString &providerId,
                                       const QString &timeZone,
                                       int bufferMinutes)
{
    Crm::Availability availability = Crm::Availability::defaults(timeZone);
    availability.bufferMinutes = bufferMinutes;
    QJsonObject json = availability.toJson();
    json.insert(QStringLiteral("providerId"), providerId);
    return json;
}

} // namespace CrmTest
