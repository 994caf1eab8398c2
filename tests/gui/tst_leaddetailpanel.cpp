// The lead detail panel driven like a user drives it (keys and clicks) over a real encrypted
// cache and LocalEdits: what it shows, what it refuses, and what it writes to the cache and the
// outbox.
#include "domain/leadstatus.h"
#include "item/activitylistmodel.h"
#include "cachefixture.h"
#include "guisupport.h"
#include "leaddetailpanel.h"
#include "localedits.h"
#include "store/localdatabase.h"
#include "domain/smsconsent.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QTimer>

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Crm;

namespace {

struct Row
{
    const char *id;
    const char *firstName;
    const char *lastName;
    const char *status;
};

const Row Leads[] = {
    {"p-new", "Maria", "Garcia", "new"},
    {"p-contacted", "Mark", "Thompson", "contacted"},
    {"p-qualified", "Marissa", "Lee", "qualified"},
    {"p-enrolled", "Bruce", "Wayne", "enrolled"},
    {"p-closed", "Alan", "Turing", "closed"},
};

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning() << "Query failed:" << sql << query.lastError().text();
        return {};
    }
    return query.value(0);
}

// Picks an entry of a combo box the way a user does: open the list, move to the entry, press
// Return. QComboBox::activated fires, as it does for a real choice.
void choose(QComboBox *combo, int index)
{
    combo->showPopup();
    QAbstractItemView *view = combo->view();
    QTRY_VERIFY(view->isVisible());
    view->setCurrentIndex(combo->model()->index(index, combo->modelColumn()));
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY(!view->isVisible());
}

QLabel *visibleLabelWith(const QWidget &root, const QString &text)
{
    const QList<QLabel *> labels = root.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->isVisible() && label->text() == text)
            return label;
    }
    return nullptr;
}

} // namespace

class tst_LeadDetailPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showLeadFillsTheFields();
    void noLeadShowsTheEmptyState();
    void statusOffersOnlyAllowedMoves_data();
    void statusOffersOnlyAllowedMoves();
    void invalidEmailShowsMessageAndSavesNothing();
    void validEditWritesRowAndOneMutation();
    void unchangedSaveQueuesNothing();
    void preferredLanguageIsSavedAsOneField();
    void statusChangeThroughTheCombo();
    void logNoteWithCtrlReturn();
    void emptyNoteIsRefused();
    void smsConsentIsRecordedWithItsWording();

private:
    QSqlDatabase db() const { return m_cache.db(); }
    int outboxCount() const;
    QComboBox *activityTypeBox() const;
    QLineEdit *activityNotesEdit() const;
    bool showActive();

    CrmTest::CacheFixture m_cache;
    std::unique_ptr<LeadDetailPanel> m_panel;
};

void tst_LeadDetailPanel::init()
{
    // Any warning fails the test, except the offscreen platform saying what it cannot do
    // (raise a window, grab the keyboard for a popup).
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("^(?!This plugin does not support ).*")));
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CrmTest::CacheFixture::user(QStringLiteral("u-ana"),
                                                        QStringLiteral("Agent Ana"))));
    for (const Row &row : Leads) {
        const QString first = QString::fromUtf8(row.firstName);
        const QString last = QString::fromUtf8(row.lastName);
        const QString created = CrmTest::CacheFixture::time(1700000000000);
        QVERIFY(m_cache.receive(
            QStringLiteral("lead"),
            {{QStringLiteral("id"), QString::fromUtf8(row.id)},
             {QStringLiteral("firstName"), first},
             {QStringLiteral("lastName"), last},
             {QStringLiteral("email"), QStringLiteral("%1.%2@example.com").arg(first, last).toLower()},
             {QStringLiteral("phone"), QStringLiteral("+14155550101")},
             {QStringLiteral("message"), QStringLiteral("Interested in a silver plan.")},
             {QStringLiteral("source"), QStringLiteral("contact_form")},
             {QStringLiteral("status"), QString::fromUtf8(row.status)},
             {QStringLiteral("assignedAgentId"), QStringLiteral("u-ana")},
             {QStringLiteral("state"), QStringLiteral("CA")},
             {QStringLiteral("smsOptIn"), false},
             {QStringLiteral("firstContactAt"), QJsonValue()},
             {QStringLiteral("createdAt"), created},
             {QStringLiteral("updatedAt"), created},
             {QStringLiteral("version"), 3}}));
    }
    m_panel = std::make_unique<LeadDetailPanel>(m_cache.cache(), &m_cache.edits());
    m_panel->resize(520, 760);
}

void tst_LeadDetailPanel::cleanup()
{
    m_panel.reset();
    m_cache.close();
}

void tst_LeadDetailPanel::smsConsentIsRecordedWithItsWording()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-contacted"));
    QCheckBox *sms = m_panel->smsConsentBox();
    QVERIFY(!sms->isChecked());
    QCOMPARE(m_panel->smsProofLabel()->text(), u"No consent recorded: no SMS reminders."_qs);

    // A yes needs the wording read out: cancelling the question records nothing.
    QString asked;
    CrmTest::answerNextMessageBox(u"Cancel"_qs, &asked);
    QTest::mouseClick(sms, Qt::LeftButton);
    QVERIFY2(asked.contains(SmsConsent::text()), qPrintable(asked));
    QVERIFY(!sms->isChecked());
    QCOMPARE(outboxCount(), 0);

    CrmTest::answerNextMessageBox(u"They agree"_qs);
    QTest::mouseClick(sms, Qt::LeftButton);
    QVERIFY(sms->isChecked());
    QCOMPARE(scalar(db(), QStringLiteral("SELECT smsOptIn FROM leads WHERE id = 'p-contacted'")).toInt(), 1);
    QCOMPARE(outboxCount(), 1);
    const QJsonObject payload = QJsonDocument::fromJson(
        scalar(db(), QStringLiteral("SELECT payload FROM outbox")).toString().toUtf8()).object();
    QCOMPARE(payload[u"fields"_qs][u"smsOptIn"_qs][u"new"_qs].toBool(), true);

    // The server's proof comes back as a history entry; the panel shows it.
    QVERIFY(m_cache.receive(QStringLiteral("activity"),
                            {{QStringLiteral("id"), QStringLiteral("a-consent")},
                             {QStringLiteral("leadId"), QStringLiteral("p-contacted")},
                             {QStringLiteral("agentId"), QStringLiteral("u-ana")},
                             {QStringLiteral("activityType"), QStringLiteral("system")},
                             {QStringLiteral("notes"), QStringLiteral("Agreed to SMS reminders.")},
                             {QStringLiteral("code"), QStringLiteral("sms_consent")},
                             {QStringLiteral("params"),
                              QString::fromUtf8(QJsonDocument(QJsonObject{{u"optedIn"_qs, true},
                                                                          {u"method"_qs, u"agent"_qs},
                                                                          {u"version"_qs, SmsConsent::textVersion()}})
                                                    .toJson(QJsonDocument::Compact))},
                             {QStringLiteral("occurredAt"), CrmTest::CacheFixture::time(1700000100000)},
                             {QStringLiteral("createdAt"), CrmTest::CacheFixture::time(1700000100000)}}));
    m_panel->reload();
    const QString proof = m_panel->smsProofLabel()->text();
    QVERIFY2(proof.startsWith(u"Agreed"_qs) && proof.contains(SmsConsent::textVersion())
                 && proof.contains(u"told an agent"_qs),
             qPrintable(proof));

    // A no needs no question.
    QTest::mouseClick(sms, Qt::LeftButton);
    QVERIFY(!sms->isChecked());
    QCOMPARE(scalar(db(), QStringLiteral("SELECT smsOptIn FROM leads WHERE id = 'p-contacted'")).toInt(), 0);
}

int tst_LeadDetailPanel::outboxCount() const
{
    return scalar(db(), QStringLiteral("SELECT count(*) FROM outbox")).toInt();
}

QComboBox *tst_LeadDetailPanel::activityTypeBox() const
{
    const QList<QComboBox *> boxes = m_panel->findChildren<QComboBox *>();
    for (QComboBox *box : boxes) {
        if (box->findData(QStringLiteral("call")) >= 0)
            return box;
    }
    return nullptr;
}

QLineEdit *tst_LeadDetailPanel::activityNotesEdit() const
{
    const QList<QLineEdit *> edits = m_panel->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->placeholderText().contains(QLatin1String("to log")))
            return edit;
    }
    return nullptr;
}

bool tst_LeadDetailPanel::showActive()
{
    m_panel->show();
    m_panel->activateWindow();
    return QTest::qWaitForWindowActive(m_panel.get());
}

void tst_LeadDetailPanel::showLeadFillsTheFields()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QCOMPARE(m_panel->leadId(), QStringLiteral("p-new"));
    QCOMPARE(m_panel->emailEdit()->text(), QStringLiteral("maria.garcia@example.com"));
    QStringList texts;
    const QList<QLineEdit *> edits = m_panel->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->isVisible())
            texts << edit->text();
    }
    for (const QString &expected : {QStringLiteral("Maria"),
                                    QStringLiteral("Garcia"),
                                    QStringLiteral("maria.garcia@example.com"),
                                    QStringLiteral("(415) 555-0101"), // national, as shown everywhere
                                    QStringLiteral("CA")})
        QVERIFY2(texts.contains(expected), qPrintable(expected));
    QPlainTextEdit *message = m_panel->findChild<QPlainTextEdit *>();
    QVERIFY(message);
    QCOMPARE(message->toPlainText(), QStringLiteral("Interested in a silver plan."));
    QVERIFY(visibleLabelWith(*m_panel, QStringLiteral("Maria Garcia")));
    // Phone and e-mail are links the desktop opens (tel:, mailto:).
    bool links = false;
    for (QLabel *label : m_panel->findChildren<QLabel *>()) {
        if (label->isVisible() && label->text().contains(QLatin1String("href=\"tel:+14155550101\""))
            && label->text().contains(QLatin1String("href=\"mailto:maria.garcia@example.com\"")))
            links = label->openExternalLinks();
    }
    QVERIFY(links);
    // No error is shown for a lead that was just opened.
    for (const char *field : {"firstName", "lastName", "email", "phone", "state", "message"}) {
        QVERIFY(m_panel->errorLabel(QLatin1String(field)));
        QVERIFY(!m_panel->errorLabel(QLatin1String(field))->isVisible());
    }
    // Switching leads replaces everything.
    m_panel->showLead(QStringLiteral("p-closed"));
    QCOMPARE(m_panel->emailEdit()->text(), QStringLiteral("alan.turing@example.com"));
    QVERIFY(visibleLabelWith(*m_panel, QStringLiteral("Alan Turing")));
}

void tst_LeadDetailPanel::noLeadShowsTheEmptyState()
{
    QVERIFY(showActive());
    m_panel->showLead(QString());
    QVERIFY(visibleLabelWith(*m_panel, QStringLiteral("Select a lead to see its details.")));
    QVERIFY(!m_panel->emailEdit()->isVisible());
    QVERIFY(!m_panel->saveButton()->isVisible());
    m_panel->showLead(QStringLiteral("p-new"));
    QVERIFY(!visibleLabelWith(*m_panel, QStringLiteral("Select a lead to see its details.")));
    QVERIFY(m_panel->emailEdit()->isVisible());
}

void tst_LeadDetailPanel::statusOffersOnlyAllowedMoves_data()
{
    QTest::addColumn<QString>("leadId");
    QTest::addColumn<int>("status");
    for (const Row &row : Leads) {
        QTest::newRow(row.status) << QString::fromUtf8(
            row.id) << int(*LeadStatusMachine::fromString(QString::fromUtf8(row.status)));
    }
}

void tst_LeadDetailPanel::statusOffersOnlyAllowedMoves()
{
    QFETCH(QString, leadId);
    QFETCH(int, status);
    const auto current = LeadStatus(status);
    m_panel->showLead(leadId);
    QComboBox *box = m_panel->statusBox();
    // The current status first, then exactly the moves the status machine allows.
    QStringList offered;
    for (int i = 0; i < box->count(); ++i)
        offered << box->itemData(i).toString();
    QStringList expected{LeadStatusMachine::toString(current)};
    for (LeadStatus next : LeadStatusMachine::allowedTransitions(current))
        expected << LeadStatusMachine::toString(next);
    QCOMPARE(offered, expected);
    QCOMPARE(box->currentIndex(), 0);
    QCOMPARE(box->itemText(0), LeadStatusMachine::displayName(current));
    for (int i = 1; i < box->count(); ++i) {
        const auto next = LeadStatusMachine::fromString(box->itemData(i).toString());
        QVERIFY(next);
        QVERIFY(LeadStatusMachine::canTransition(current, *next));
        QVERIFY2(box->itemText(i).contains(LeadStatusMachine::displayName(*next)),
                 qPrintable(box->itemText(i)));
    }
}

void tst_LeadDetailPanel::invalidEmailShowsMessageAndSavesNothing()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QSignalSpy edited(m_panel.get(), &LeadDetailPanel::edited);
    QLineEdit *email = m_panel->emailEdit();
    email->setFocus();
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("maria.garcia@@example"));
    QCOMPARE(email->text(), QStringLiteral("maria.garcia@@example"));
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);

    QLabel *error = m_panel->errorLabel(QStringLiteral("email"));
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QCOMPARE(error->text(), QStringLiteral("Enter a valid e-mail address."));
    for (const char *field : {"firstName", "lastName", "phone", "state", "message"})
        QVERIFY2(!m_panel->errorLabel(QLatin1String(field))->isVisible(), field);
    // The typed value stays for the user to fix.
    QCOMPARE(email->text(), QStringLiteral("maria.garcia@@example"));
    // Nothing written.
    QCOMPARE(scalar(db(),
                    QStringLiteral("SELECT email || '|' || version || '|' || updatedAt"
                                   " FROM leads WHERE id = 'p-new'"))
                 .toString(),
             QStringLiteral("maria.garcia@example.com|3|1700000000000"));
    QCOMPARE(outboxCount(), 0);
    QCOMPARE(edited.count(), 0);

    // An empty e-mail has its own message.
    email->selectAll();
    QTest::keyClick(email, Qt::Key_Delete);
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Enter an e-mail address."));
    QCOMPARE(outboxCount(), 0);
}

void tst_LeadDetailPanel::validEditWritesRowAndOneMutation()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QSignalSpy edited(m_panel.get(), &LeadDetailPanel::edited);
    QLineEdit *email = m_panel->emailEdit();
    // First a mistake, then the fix: the message goes away once the value is good.
    email->setFocus();
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("maria.g@"));
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    QVERIFY(m_panel->errorLabel(QStringLiteral("email"))->isVisible());
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("  Maria.G@Example.ORG "));
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);

    QVERIFY(!m_panel->errorLabel(QStringLiteral("email"))->isVisible());
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.at(0).at(0).toString(), QStringLiteral("p-new"));
    // Stored (and shown) as normalised.
    QCOMPARE(scalar(db(), QStringLiteral("SELECT email FROM leads WHERE id = 'p-new'")).toString(),
             QStringLiteral("maria.g@example.org"));
    QCOMPARE(email->text(), QStringLiteral("maria.g@example.org"));
    // The other fields are untouched.
    QCOMPARE(scalar(db(),
                    QStringLiteral("SELECT firstName || ' ' || lastName || '|' || phone || '|'"
                                   " || state || '|' || message || '|' || status FROM leads"
                                   " WHERE id = 'p-new'"))
                 .toString(),
             QStringLiteral("Maria Garcia|+14155550101|CA|Interested in a silver plan.|new"));

    // Exactly one mutation, carrying only the e-mail with its old and new value.
    QCOMPARE(outboxCount(), 1);
    QSqlQuery outbox(db());
    QVERIFY(outbox.exec(
        QStringLiteral("SELECT entity, entityId, op, baseVersion, payload FROM outbox")));
    QVERIFY(outbox.next());
    QCOMPARE(outbox.value(0).toString(), QStringLiteral("lead"));
    QCOMPARE(outbox.value(1).toString(), QStringLiteral("p-new"));
    QCOMPARE(outbox.value(2).toString(), QStringLiteral("update"));
    QCOMPARE(outbox.value(3).toLongLong(), 3);
    const QJsonObject payload = QJsonDocument::fromJson(outbox.value(4).toString().toUtf8()).object();
    const QJsonObject expectedFields{
        {QStringLiteral("email"),
         QJsonObject{{QStringLiteral("old"), QStringLiteral("maria.garcia@example.com")},
                     {QStringLiteral("new"), QStringLiteral("maria.g@example.org")}}}};
    QCOMPARE(payload.value(QStringLiteral("fields")).toObject(), expectedFields);
    QCOMPARE(payload.value(QStringLiteral("baseVersion")).toInteger(), 3);
}

void tst_LeadDetailPanel::unchangedSaveQueuesNothing()
{
    QVERIFY(showActive());
    for (const Row &row : Leads) {
        m_panel->showLead(QString::fromUtf8(row.id));
        QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
        QVERIFY(!m_panel->errorLabel(QStringLiteral("email"))->isVisible());
    }
    QCOMPARE(outboxCount(), 0);
}

void tst_LeadDetailPanel::preferredLanguageIsSavedAsOneField()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QComboBox *language = m_panel->languageBox();
    QCOMPARE(language->currentText(), QStringLiteral("Not said"));
    choose(language, language->findData(QStringLiteral("es")));
    QCOMPARE(language->currentText(), QStringLiteral("Spanish"));
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);

    QCOMPARE(scalar(db(), QStringLiteral("SELECT preferredLanguage FROM leads WHERE id = 'p-new'"))
                 .toString(),
             QStringLiteral("es"));
    QCOMPARE(outboxCount(), 1);
    const QJsonObject payload
        = QJsonDocument::fromJson(scalar(db(), QStringLiteral("SELECT payload FROM outbox")).toString().toUtf8())
              .object();
    const QJsonObject expectedFields{
        {QStringLiteral("preferredLanguage"),
         QJsonObject{{QStringLiteral("old"), QJsonValue::Null}, {QStringLiteral("new"), QStringLiteral("es")}}}};
    QCOMPARE(payload.value(QStringLiteral("fields")).toObject(), expectedFields);
    // Shown again as stored; another lead shows its own.
    m_panel->showLead(QStringLiteral("p-contacted"));
    QCOMPARE(language->currentText(), QStringLiteral("Not said"));
    m_panel->showLead(QStringLiteral("p-new"));
    QCOMPARE(language->currentText(), QStringLiteral("Spanish"));
}

void tst_LeadDetailPanel::statusChangeThroughTheCombo()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QSignalSpy edited(m_panel.get(), &LeadDetailPanel::edited);
    QComboBox *box = m_panel->statusBox();
    const int contacted = box->findData(QStringLiteral("contacted"));
    QVERIFY(contacted > 0);
    choose(box, contacted);

    QCOMPARE(edited.count(), 1);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT status FROM leads WHERE id = 'p-new'")).toString(),
             QStringLiteral("contacted"));
    QCOMPARE(outboxCount(), 1);
    const QJsonObject payload
        = QJsonDocument::fromJson(
              scalar(db(), QStringLiteral("SELECT payload FROM outbox")).toString().toUtf8())
              .object();
    const QJsonObject expectedFields{
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("old"), QStringLiteral("new")},
                     {QStringLiteral("new"), QStringLiteral("contacted")}}}};
    QCOMPARE(payload.value(QStringLiteral("fields")).toObject(), expectedFields);
    // The combo now starts from the new status and offers its moves.
    QCOMPARE(box->currentIndex(), 0);
    QCOMPARE(box->itemData(0).toString(), QStringLiteral("contacted"));
    QStringList offered;
    for (int i = 1; i < box->count(); ++i)
        offered << box->itemData(i).toString();
    QCOMPARE(offered,
             QStringList({QStringLiteral("qualified"),
                          QStringLiteral("enrolled"),
                          QStringLiteral("closed")}));

    // Choosing the current status again changes nothing.
    choose(box, 0);
    QCOMPARE(outboxCount(), 1);
}

void tst_LeadDetailPanel::logNoteWithCtrlReturn()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QSignalSpy edited(m_panel.get(), &LeadDetailPanel::edited);
    QComboBox *type = activityTypeBox();
    QVERIFY(type);
    QLineEdit *notes = activityNotesEdit();
    QVERIFY(notes);
    auto *feed = m_panel->findChild<QListView *>();
    QVERIFY(feed);
    QCOMPARE(feed->model()->rowCount(), 0);

    choose(type, type->findData(QStringLiteral("note")));
    QCOMPARE(type->currentData().toString(), QStringLiteral("note"));
    notes->setFocus();
    QTest::keyClicks(notes, QStringLiteral("Prefers a call after 5 pm"));
    QTest::keyClick(notes, Qt::Key_Return, Qt::ControlModifier);

    // Shown at the top of the feed, marked as not sent yet; the field is ready for the next.
    QTRY_COMPARE(feed->model()->rowCount(), 1);
    const QModelIndex top = feed->model()->index(0, 0);
    QCOMPARE(top.data(ActivityListModel::TypeRole).toString(), QStringLiteral("note"));
    QCOMPARE(top.data(ActivityListModel::NotesRole).toString(),
             QStringLiteral("Prefers a call after 5 pm"));
    QCOMPARE(top.data(ActivityListModel::AuthorRole).toString(), QStringLiteral("Agent Ana"));
    QVERIFY(top.data(ActivityListModel::PendingRole).toBool());
    QVERIFY(top.data().toString().contains(QLatin1String("not sent yet")));
    QCOMPARE(notes->text(), QString());
    QCOMPARE(edited.count(), 1);
    QVERIFY(!visibleLabelWith(*m_panel, QStringLiteral("A note needs some text.")));

    // In the cache and, once, in the outbox.
    QCOMPARE(scalar(db(),
                    QStringLiteral("SELECT count(*) FROM lead_activities WHERE leadId = 'p-new'"
                                   " AND activityType = 'note'"
                                   " AND notes = 'Prefers a call after 5 pm'"))
                 .toInt(),
             1);
    QCOMPARE(outboxCount(), 1);
    const QJsonObject payload
        = QJsonDocument::fromJson(
              scalar(db(), QStringLiteral("SELECT payload FROM outbox")).toString().toUtf8())
              .object();
    QCOMPARE(payload.value(QStringLiteral("entity")).toString(), QStringLiteral("activity"));
    QCOMPARE(payload.value(QStringLiteral("op")).toString(), QStringLiteral("create"));
    const QJsonObject data = payload.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("leadId")).toString(), QStringLiteral("p-new"));
    QCOMPARE(data.value(QStringLiteral("activityType")).toString(), QStringLiteral("note"));
    QCOMPARE(data.value(QStringLiteral("notes")).toString(),
             QStringLiteral("Prefers a call after 5 pm"));
}

void tst_LeadDetailPanel::emptyNoteIsRefused()
{
    QVERIFY(showActive());
    m_panel->showLead(QStringLiteral("p-new"));
    QComboBox *type = activityTypeBox();
    QLineEdit *notes = activityNotesEdit();
    QVERIFY(type && notes);
    choose(type, type->findData(QStringLiteral("note")));
    notes->setFocus();
    QTest::keyClicks(notes, QStringLiteral("   "));
    QTest::keyClick(notes, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(visibleLabelWith(*m_panel, QStringLiteral("A note needs some text.")));
    QCOMPARE(outboxCount(), 0);
    QCOMPARE(m_panel->findChild<QListView *>()->model()->rowCount(), 0);
}

QTEST_MAIN(tst_LeadDetailPanel)
#include "tst_leaddetailpanel.moc"
