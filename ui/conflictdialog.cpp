#include "conflictdialog.h"

#include "domain/leadstatus.h"
#include "domain/wiretime.h"
#include "localedits.h"

#include "item/displaytime.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSqlQuery>
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
QString shown(const QString &field, const QString &stored, const QSqlDatabase &db)
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
        QSqlQuery user(db);
        user.prepare(QStringLiteral("SELECT name FROM users WHERE id = ?"));
        user.addBindValue(text);
        if (user.exec() && user.next())
            return user.value(0).toString();
    }
    return text;
}

} // namespace

ConflictDialog::ConflictDialog(QSqlDatabase db, LocalEdits *edits, QWidget *parent)
    : QDialog(parent)
    , m_db(std::move(db))
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
    QSqlQuery query(m_db);
    query.exec(QStringLiteral(
        "SELECT c.id, c.kind, c.entity, c.field, coalesce(c.mine, ''), coalesce(c.theirs, ''),"
        " coalesce(c.reason, ''), coalesce(l.firstName || ' ' || l.lastName,"
        " fl.firstName || ' ' || fl.lastName, '') FROM conflicts c"
        " LEFT JOIN leads l ON c.entity = 'lead' AND l.id = c.entityId"
        " LEFT JOIN follow_ups f ON c.entity = 'follow_up' AND f.id = c.entityId"
        " LEFT JOIN leads fl ON fl.id = f.leadId"
        " WHERE c.resolvedAt IS NULL ORDER BY c.createdAt, c.id"));
    while (query.next()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_ids << query.value(0).toString();
        const bool refused = query.value(1).toString() == QLatin1String("rejected");
        const QString entity = query.value(2).toString();
        const QString field = query.value(3).toString();
        QString record = query.value(7).toString().trimmed();
        if (entity == QLatin1String("follow_up"))
            record = tr("Follow-up: %1").arg(record);
        else if (entity == QLatin1String("enrollment"))
            record = tr("Enrollment");
        else if (record.isEmpty())
            record = tr("A record no longer in your list");
        m_table->setItem(row, Record, new QTableWidgetItem(record));
        auto *actions = new QWidget;
        auto *buttons = new QHBoxLayout(actions);
        buttons->setContentsMargins(4, 2, 4, 2);
        if (refused) {
            m_table->setItem(row, Field, new QTableWidgetItem(tr("Not accepted")));
            auto *reason = new QTableWidgetItem(query.value(6).toString());
            reason->setToolTip(reason->text());
            m_table->setItem(row, Mine, reason);
            m_table->setSpan(row, Mine, 1, 2);
            auto *ok = new QPushButton(tr("Dismiss"));
            connect(ok, &QPushButton::clicked, this, [this, id = m_ids.last()] {
                resolve(int(m_ids.indexOf(id)), false);
            });
            buttons->addWidget(ok);
        } else {
            m_table->setItem(row, Field, new QTableWidgetItem(fieldName(field)));
            m_table->setItem(row,
                             Mine,
                             new QTableWidgetItem(shown(field, query.value(4).toString(), m_db)));
            m_table->setItem(row,
                             Theirs,
                             new QTableWidgetItem(shown(field, query.value(5).toString(), m_db)));
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
    m_table->setVisible(!m_ids.isEmpty());
    m_empty->setVisible(m_ids.isEmpty());
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
