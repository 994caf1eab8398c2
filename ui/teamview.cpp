#include "teamview.h"

#include "domain/usstates.h"
#include "syncrunner.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Crm {

namespace {

enum Column { Name, Email, Role, Active, Weight, Territories, TimeZone, ColumnCount };
constexpr int IdRole = Qt::UserRole + 1;

// "ca, NV  az" -> ["CA", "NV", "AZ"]; the invalid ones in *invalid.
QStringList parseStates(const QString &text, QStringList *invalid)
{
    QStringList states;
    const QStringList parts = text.toUpper().split(QRegularExpression(QStringLiteral("[\\s,;]+")),
                                                   Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (UsStates::isValid(part))
            states << part;
        else
            *invalid << part;
    }
    states.removeDuplicates();
    return states;
}

} // namespace

TeamView::TeamView(TeamReader team, SyncRunner *sync, QWidget *parent)
    : QWidget(parent)
    , m_team(std::move(team))
    , m_sync(sync)
    , m_table(new QTableWidget(0, ColumnCount))
    , m_weight(new QSpinBox)
    , m_territories(new QLineEdit)
    , m_timeZone(new QLineEdit)
    , m_save(new QPushButton(tr("&Save")))
    , m_toggleActive(new QPushButton)
    , m_message(new QLabel)
{
    m_table->setHorizontalHeaderLabels({tr("Name"),
                                        tr("E-mail"),
                                        tr("Role"),
                                        tr("Active"),
                                        tr("Weight"),
                                        tr("Territories"),
                                        tr("Time zone")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_table, &QTableWidget::currentCellChanged, this, &TeamView::selectionChanged);
    m_weight->setRange(0, 100);
    m_weight->setMaximumWidth(120);
    m_weight->setToolTip(tr("Share of new leads in round-robin (0: none)"));
    m_territories->setPlaceholderText(tr("US states, e.g. CA, NV"));
    m_timeZone->setPlaceholderText(QStringLiteral("America/Los_Angeles"));
    m_message->setWordWrap(true);
    m_message->hide();
    auto *add = new QPushButton(tr("&Add user…"));
    connect(add, &QPushButton::clicked, this, qOverload<>(&TeamView::addUser));
    connect(m_save, &QPushButton::clicked, this, &TeamView::saveSelected);
    connect(m_toggleActive, &QPushButton::clicked, this, [this] {
        setSelectedActive(m_toggleActive->property("activate").toBool());
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Weight:"), m_weight);
    form->addRow(tr("Territories:"), m_territories);
    form->addRow(tr("Time zone:"), m_timeZone);
    auto *formButtons = new QHBoxLayout;
    formButtons->addWidget(m_toggleActive);
    formButtons->addStretch();
    formButtons->addWidget(m_save);
    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("Team"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    top->addWidget(title);
    top->addStretch();
    top->addWidget(add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addLayout(formButtons);

    connect(m_sync, &SyncRunner::answered, this, &TeamView::answer);
}

QString TeamView::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void TeamView::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b3261e;")
                                     : QStringLiteral("color: #1e5b2c;"));
    m_message->setVisible(!text.isEmpty());
}

QString TeamView::selectedId() const
{
    const QTableWidgetItem *item = m_table->item(m_table->currentRow(), Name);
    return item ? item->data(IdRole).toString() : QString();
}

void TeamView::reload()
{
    const QString current = selectedId();
    m_table->setRowCount(0);
    const QList<TeamReader::Member> members = m_team.members();
    for (const TeamReader::Member &member : members) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = new QTableWidgetItem(member.name);
        name->setData(IdRole, member.id);
        m_table->setItem(row, Name, name);
        m_table->setItem(row, Email, new QTableWidgetItem(member.email));
        m_table->setItem(row,
                         Role,
                         new QTableWidgetItem(member.role == QLatin1String("admin") ? tr("Admin")
                                                                                    : tr("Agent")));
        auto *activeItem = new QTableWidgetItem(member.active ? tr("Yes") : tr("No"));
        if (!member.active)
            activeItem->setForeground(QColor(0xb3, 0x26, 0x1e));
        m_table->setItem(row, Active, activeItem);
        auto *weight = new QTableWidgetItem(QString::number(member.weight));
        weight->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, Weight, weight);
        m_table->setItem(row,
                         Territories,
                         new QTableWidgetItem(QString(member.territories)
                                                  .replace(QLatin1Char(','), QStringLiteral(", "))));
        m_table->setItem(row, TimeZone, new QTableWidgetItem(member.timeZone));
        if (member.id == current)
            m_table->setCurrentCell(row, Name);
    }
    m_table->resizeColumnsToContents();
    // Spare width to the e-mail; the short columns stay close together.
    m_table->horizontalHeader()->setSectionResizeMode(Email, QHeaderView::Stretch);
    selectionChanged();
}

void TeamView::selectionChanged()
{
    const int row = m_table->currentRow();
    const bool any = row >= 0 && m_table->item(row, Name);
    m_save->setEnabled(any);
    m_toggleActive->setEnabled(any);
    m_weight->setEnabled(any);
    m_territories->setEnabled(any);
    m_timeZone->setEnabled(any);
    if (!any) {
        m_toggleActive->setText(tr("Deactivate"));
        return;
    }
    const bool active = m_table->item(row, Active)->text() == tr("Yes");
    m_toggleActive->setText(active ? tr("&Deactivate") : tr("&Reactivate"));
    m_toggleActive->setProperty("activate", !active);
    // The same user again (a sync reloaded the table): what the admin is typing stays.
    const QString id = selectedId();
    if (id == m_editingId)
        return;
    if (!settleEdits()) {
        // Keep editing: the selection goes back to the member being edited.
        for (int other = 0; other < m_table->rowCount(); ++other) {
            if (m_table->item(other, Name)->data(IdRole).toString() == m_editingId) {
                const QSignalBlocker block(m_table);
                m_table->setCurrentCell(other, 0);
                m_table->selectRow(other);
            }
        }
        return;
    }
    m_editingId = id;
    m_weight->setValue(m_table->item(row, Weight)->text().toInt());
    m_territories->setText(m_table->item(row, Territories)->text());
    m_timeZone->setText(m_table->item(row, TimeZone)->text());
    m_loadedValues = formValues();
}

QStringList TeamView::formValues() const
{
    return {QString::number(m_weight->value()), m_territories->text(), m_timeZone->text()};
}

bool TeamView::hasUnsavedEdits() const
{
    return !m_editingId.isEmpty() && formValues() != m_loadedValues;
}

bool TeamView::settleEdits()
{
    if (!hasUnsavedEdits())
        return true;
    const QMessageBox::StandardButton answer
        = QMessageBox::question(this,
                                tr("Unsaved changes"),
                                tr("Save your changes to this team member?"),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save && !saveUser(m_editingId))
        return false; // cannot be saved as typed: the message says why, the typing stays
    m_loadedValues = formValues(); // saved (the answer says if it failed) or discarded
    return true;
}

void TeamView::showEvent(QShowEvent *event)
{
    window()->installEventFilter(this); // once: Qt keeps a filter only once per object
    QWidget::showEvent(event);
}

bool TeamView::eventFilter(QObject *watched, QEvent *event)
{
    // Closing the window (Esc, the title bar) with typing not saved asks first.
    if (watched == window() && event->type() == QEvent::Close && !settleEdits()) {
        event->ignore();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TeamView::saveSelected()
{
    if (saveUser(selectedId()))
        m_loadedValues = formValues();
}

bool TeamView::saveUser(const QString &id)
{
    if (id.isEmpty())
        return false;
    QStringList invalid;
    const QStringList states = parseStates(m_territories->text(), &invalid);
    if (!invalid.isEmpty()) {
        showMessage(tr("Not US states: %1").arg(invalid.join(QStringLiteral(", "))), true);
        return false;
    }
    QJsonObject body{{QStringLiteral("weight"), m_weight->value()},
                     {QStringLiteral("territories"), QJsonArray::fromStringList(states)}};
    if (!m_timeZone->text().trimmed().isEmpty())
        body.insert(QStringLiteral("timeZone"), m_timeZone->text().trimmed());
    m_requests << m_sync->request("PUT", QStringLiteral("/api/admin/users/") + id, body);
    return true;
}

void TeamView::setSelectedActive(bool active)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_requests << m_sync->request("PUT",
                                  QStringLiteral("/api/admin/users/") + id,
                                  QJsonObject{{QStringLiteral("active"), active}});
}

int TeamView::addUser(const QString &email,
                      const QString &name,
                      const QString &role,
                      const QString &password,
                      int weight,
                      const QStringList &territories)
{
    const int id = m_sync->request("POST",
                                   QStringLiteral("/api/admin/users"),
                                   QJsonObject{{QStringLiteral("email"), email},
                                               {QStringLiteral("name"), name},
                                               {QStringLiteral("role"), role},
                                               {QStringLiteral("password"), password},
                                               {QStringLiteral("weight"), weight},
                                               {QStringLiteral("territories"),
                                                QJsonArray::fromStringList(territories)}});
    m_requests << id;
    return id;
}

void TeamView::addUser()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add user"));
    auto *email = new QLineEdit;
    auto *name = new QLineEdit;
    auto *role = new QComboBox;
    role->addItem(tr("Agent"), QStringLiteral("agent"));
    role->addItem(tr("Admin"), QStringLiteral("admin"));
    auto *password = new QLineEdit;
    password->setEchoMode(QLineEdit::Password);
    password->setPlaceholderText(tr("At least 12 characters; hand it over in person"));
    auto *weight = new QSpinBox;
    weight->setRange(0, 100);
    weight->setValue(1);
    auto *territories = new QLineEdit;
    territories->setPlaceholderText(tr("US states, e.g. CA, NV"));
    auto *form = new QFormLayout;
    form->addRow(tr("E-mail:"), email);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Role:"), role);
    form->addRow(tr("Password:"), password);
    form->addRow(tr("Weight:"), weight);
    form->addRow(tr("Territories:"), territories);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QStringList invalid;
    const QStringList states = parseStates(territories->text(), &invalid);
    if (!invalid.isEmpty()) {
        showMessage(tr("Not US states: %1").arg(invalid.join(QStringLiteral(", "))), true);
        return;
    }
    addUser(email->text().trimmed(),
            name->text().trimmed(),
            role->currentData().toString(),
            password->text(),
            weight->value(),
            states);
}

void TeamView::answer(int id, bool ok, const QJsonObject &json, const QString &error)
{
    if (!m_requests.removeOne(id))
        return;
    if (!ok) {
        showMessage(error, true);
        return;
    }
    showMessage(tr("Saved: %1.").arg(json.value(QStringLiteral("name")).toString()));
    emit saved();
}

} // namespace Crm
