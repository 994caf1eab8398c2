// LeadReader and TeamReader over a real encrypted cache: the assignment desk's queue, an
// agent's open leads and the agents' open load all mean LeadStatusMachine's "open".
#include "domain/leadstatus.h"
#include "store/leadreader.h"
#include "store/localdatabase.h"
#include "store/teamreader.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;

class tst_LeadReader : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void openLeadsFollowTheStatusMachine_data();
    void openLeadsFollowTheStatusMachine();
    void queueHoldsLiveUnassignedLeadsOldestFirst();
    void namesAndTheLeadOfARecord();

private:
    bool exec(const QString &sql);
    bool addLead(const QString &id,
                 const QString &agentId,
                 const QString &status,
                 qint64 createdAt,
                 bool deleted = false);

    std::unique_ptr<QTemporaryDir> m_dir;
    LocalDatabase m_cache;
};

bool tst_LeadReader::exec(const QString &sql)
{
    QSqlQuery query(m_cache.database());
    if (!query.exec(sql)) {
        qWarning() << query.lastError().text();
        return false;
    }
    return true;
}

bool tst_LeadReader::addLead(const QString &id,
                             const QString &agentId,
                             const QString &status,
                             qint64 createdAt,
                             bool deleted)
{
    QSqlQuery query(m_cache.database());
    query.prepare(QStringLiteral(
        "INSERT INTO leads (id, firstName, lastName, email, phone, status, assignedAgentId,"
        " state, source, createdAt, updatedAt, deletedAt)"
        " VALUES (?, 'First', ?, ?, '+14155550123', ?, ?, 'CA', 'website', ?, ?, ?)"));
    query.addBindValue(id);
    query.addBindValue(id.toUpper());
    query.addBindValue(id + QStringLiteral("@example.com"));
    query.addBindValue(status);
    query.addBindValue(agentId.isEmpty() ? QVariant() : QVariant(agentId));
    query.addBindValue(createdAt);
    query.addBindValue(createdAt);
    query.addBindValue(deleted ? QVariant(createdAt) : QVariant());
    if (!query.exec()) {
        qWarning() << query.lastError().text();
        return false;
    }
    return true;
}

void tst_LeadReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = LocalDatabase::open(m_dir->filePath(QStringLiteral("cache.db")),
                                      QByteArray(32, 'k'));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_cache = std::move(opened).value();
    QVERIFY(exec(QStringLiteral("INSERT INTO users (id, email, name, role, active, weight,"
                                " territories, createdAt, updatedAt) VALUES"
                                " ('ana', 'ana@example.com', 'Ana', 'agent', 1, 2, 'CA,NV', 1, 1),"
                                " ('ben', 'ben@example.com', 'Ben', 'agent', 0, 1, '', 1, 1),"
                                " ('eve', 'eve@example.com', 'Eve', 'admin', 1, 1, '', 1, 1)")));
}

void tst_LeadReader::cleanup()
{
    m_cache.close();
    m_dir.reset();
}

void tst_LeadReader::openLeadsFollowTheStatusMachine_data()
{
    QTest::addColumn<LeadStatus>("status");
    for (LeadStatus status : LeadStatusMachine::all())
        QTest::newRow(qPrintable(LeadStatusMachine::toString(status))) << status;
}

void tst_LeadReader::openLeadsFollowTheStatusMachine()
{
    QFETCH(LeadStatus, status);
    QVERIFY(addLead(QStringLiteral("lead"),
                    QStringLiteral("ana"),
                    LeadStatusMachine::toString(status),
                    10));
    // A deleted open lead never counts.
    QVERIFY(addLead(QStringLiteral("gone"), QStringLiteral("ana"), QStringLiteral("new"), 11, true));
    const bool open = LeadStatusMachine::isOpen(status);

    const QList<LeadReader::OpenLead> leads = LeadReader(m_cache.database())
                                                  .openLeadsOf(QStringLiteral("ana"), 2000);
    QCOMPARE(leads.size(), open ? 1 : 0);
    if (open) {
        QCOMPARE(leads.constFirst().id, QStringLiteral("lead"));
        QCOMPARE(leads.constFirst().name, QStringLiteral("First LEAD"));
        QCOMPARE(leads.constFirst().status, LeadStatusMachine::toString(status));
    }

    const QList<TeamReader::Agent> agents = TeamReader(m_cache.database()).agentsWithOpenLoad();
    QCOMPARE(agents.size(), 2); // agents only, inactive ones too, by name
    QCOMPARE(agents.at(0).id, QStringLiteral("ana"));
    QCOMPARE(agents.at(0).openLeads, open ? 1 : 0);
    QCOMPARE(agents.at(0).weight, 2);
    QCOMPARE(agents.at(0).territories, QStringLiteral("CA,NV"));
    QVERIFY(agents.at(0).active);
    QCOMPARE(agents.at(1).id, QStringLiteral("ben"));
    QVERIFY(!agents.at(1).active);
    QCOMPARE(agents.at(1).openLeads, 0);
}

void tst_LeadReader::queueHoldsLiveUnassignedLeadsOldestFirst()
{
    QVERIFY(addLead(QStringLiteral("late"), QString(), QStringLiteral("new"), 30));
    QVERIFY(addLead(QStringLiteral("early"), QString(), QStringLiteral("new"), 10));
    QVERIFY(addLead(QStringLiteral("deleted"), QString(), QStringLiteral("new"), 5, true));
    QVERIFY(addLead(QStringLiteral("taken"), QStringLiteral("ana"), QStringLiteral("new"), 1));
    const LeadReader reader(m_cache.database());

    const QList<LeadReader::QueuedLead> queue = reader.unassigned(2000);
    QCOMPARE(queue.size(), 2);
    QCOMPARE(queue.at(0).id, QStringLiteral("early"));
    QCOMPARE(queue.at(0).state, QStringLiteral("CA"));
    QCOMPARE(queue.at(0).source, QStringLiteral("website"));
    QCOMPARE(queue.at(1).id, QStringLiteral("late"));
    QCOMPARE(reader.unassigned(1).size(), 1);
}

void tst_LeadReader::namesAndTheLeadOfARecord()
{
    QVERIFY(addLead(QStringLiteral("lead"), QStringLiteral("ana"), QStringLiteral("new"), 10));
    QVERIFY(exec(QStringLiteral("INSERT INTO follow_ups (id, leadId, dueAt, createdAt, updatedAt)"
                                " VALUES ('f1', 'lead', 100, 1, 1)")));
    const LeadReader leads(m_cache.database());
    const TeamReader team(m_cache.database());

    QCOMPARE(leads.fullName(QStringLiteral("lead")), std::optional(QStringLiteral("First LEAD")));
    QVERIFY(!leads.fullName(QStringLiteral("nobody")));
    QCOMPARE(team.userName(QStringLiteral("ben")), std::optional(QStringLiteral("Ben")));
    QVERIFY(!team.userName(QStringLiteral("nobody")));

    QCOMPARE(leads.leadIdOf(QStringLiteral("lead"), QStringLiteral("any")), QStringLiteral("any"));
    QCOMPARE(leads.leadIdOf(QStringLiteral("follow_up"), QStringLiteral("f1")),
             QStringLiteral("lead"));
    QVERIFY(leads.leadIdOf(QStringLiteral("follow_up"), QStringLiteral("f2")).isEmpty());
    QVERIFY(leads.leadIdOf(QStringLiteral("user"), QStringLiteral("ana")).isEmpty());

    const QList<TeamReader::Member> members = team.members();
    QCOMPARE(members.size(), 3);
    QCOMPARE(members.at(0).id, QStringLiteral("eve")); // admins first, then by name
    QCOMPARE(members.at(0).timeZone, QStringLiteral("UTC"));
}

QTEST_GUILESS_MAIN(tst_LeadReader)
#include "tst_leadreader.moc"
