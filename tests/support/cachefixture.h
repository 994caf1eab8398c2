#pragma once

#include "localedits.h"
#include "store/localdatabase.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace CrmTest {

// A desktop cache for model and widget tests, filled the way the real one is: records arrive
// as a sync pull delivers them (PullApplier::applyPage, the code that fills every agent's
// cache), and what the user does offline goes through LocalEdits (with its outbox). No raw
// INSERTs, so a fixture can never hold a row the product could not.
class CacheFixture final
{
public:
    // The signed-in user whose cache it is (LocalEdits writes as them).
    explicit CacheFixture(const QString &userId = QStringLiteral("u-ana"));
    ~CacheFixture();

    // A fresh encrypted cache in a folder of its own; false (with a warning) when it fails.
    bool open();
    void close();
    QSqlDatabase db() const { return m_cache.database(); }
    const Crm::LocalDatabase &cache() const { return m_cache; }
    Crm::LocalEdits &edits() { return *m_edits; }

    // Records as the server sends them (API.md field names, times as ISO strings): each is one
    // pulled change, applied as a pull applies it. False (with a warning) when refused.
    bool receive(const QString &entity, const QJsonObject &data);
    // Many records in one pulled page (one transaction), as a busy calendar arrives.
    bool receiveAll(const QString &entity, const QList<QJsonObject> &records);
    // The server deleted the record (or took it out of this user's scope).
    bool receiveDeletion(const QString &entity, const QString &id);

    // Wire records with what a test rarely cares about filled in.
    static QJsonObject user(const QString &id,
                            const QString &name,
                            const QString &role = QStringLiteral("agent"));
    static QString time(qint64 epochMs); // the wire form of a time
    // Ana Ruiz, a contacted lead in California with an e-mail and a phone, no SMS consent,
    // assigned to `agentId`, created at 1 s, version 1.
    static QJsonObject lead(const QString &id, const QString &agentId = QStringLiteral("u-ana"));
    // An appointment as the sync sends it (Appointment::toJson), created at 1 ms.
    static QJsonObject appointment(const QString &id,
                                   const QString &providerId,
                                   qint64 start,
                                   int duration = 30,
                                   const QString &status = QStringLiteral("scheduled"),
                                   qint64 version = 1,
                                   const QString &leadId = QString());
    // A provider's availability as the sync sends it: a new provider's hours (Monday to
    // Friday 09:00-17:00 in the zone, an hour's notice) with this buffer.
    static QJsonObject availability(const QString &providerId,
                                    const QString &timeZone = QStringLiteral("UTC"),
                                    int bufferMinutes = 0);

private:
    bool apply(const QJsonObject &change);
    static QJsonObject upsert(const QString &entity, const QJsonObject &data);

    QString m_userId;
    std::unique_ptr<QTemporaryDir> m_dir;
    Crm::LocalDatabase m_cache;
    std::unique_ptr<Crm::LocalEdits> m_edits;
    qint64 m_seq = 0;
};

} // namespace CrmTest
