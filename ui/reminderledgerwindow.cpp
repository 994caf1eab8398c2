#include "reminderledgerwindow.h"

#include "domain/displaytime.h"
#include "item/reminderledgermodel.h"
#include "localedits.h"
#include "store/localdatabase.h"
#include "syncrunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Crm {

ReminderLedgerWindow::ReminderLedgerWindow(const LocalDatabase &cache, LocalEdits *edits, SyncRunner *sync, QWidget *parent)
    : QWidget(parent)
    , m_edits(edits)
    , m_sync(sync)
    , m_model(new ReminderLedgerModel(cache.database(), this))
    , m_state(new QComboBox(this))
    , m_channel(new QComboBox(this))
    , m_anyDate(new QCheckBox(tr("Any &date"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_totals(new QLabel(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_retry(new QPushButton(tr("Send &again"), this))
    , m_export(new QPushButton(tr("E&xport CSV…"), this))
{
    m_state->addItem(tr("Every state"), QString());
    for (const char *status : {"pending", "sending", "sent", "failed", "cancelled"})
        m_state->addItem(ReminderLedgerModel::stateName(QLatin1String(status)), QLatin1String(status));
    m_channel->addItem(tr("E-mail and SMS"), QString());
    m_channel->addItem(ReminderLedgerModel::channelName(QStringLiteral("email")), QStringLiteral("email"));
    m_channel->addItem(ReminderLedgerModel::channelName(QStringLiteral("sms")), QStringLiteral("sms"));
    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(DisplayTime::dateEditFormat()); // never an ambiguous numeric date
    }
    m_from->setDate(today.addDays(-30));
    m_to->setDate(today.addDays(30));
    m_anyDate->setChecked(true);

    auto *stateLabel = new QLabel(tr("&State:"), this);
    stateLabel->setBuddy(m_state);
    auto *channelLabel = new QLabel(tr("&Channel:"), this);
    channelLabel->setBuddy(m_channel);
    auto *fromLabel = new QLabel(tr("Due &from:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to:"), this);
    toLabel->setBuddy(m_to);
    auto *filters = new QHBoxLayout;
    filters->addWidget(stateLabel);
    filters->addWidget(m_state);
    filters->addSpacing(12);
    filters->addWidget(channelLabel);
    filters->addWidget(m_channel);
    filters->addSpacing(12);
    filters->addWidget(m_anyDate);
    filters->addWidget(fromLabel);
    filters->addWidget(m_from);
    filters->addWidget(toLabel);
    filters->addWidget(m_to);
    filters->addStretch(1);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_message->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_totals, 1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    for (QComboBox *combo : {m_state, m_channel})
        connect(combo, &QComboBox::currentIndexChanged, this, &ReminderLedgerWindow::applyFilter);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &ReminderLedgerWindow::applyFilter);
    connect(m_anyDate, &QCheckBox::toggled, this, [this](bool any) {
        m_from->setEnabled(!any);
        m_to->setEnabled(!any);
        applyFilter();
    });
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ReminderLedgerWindow::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReminderLedgerWindow::updateButtons);
    connect(m_retry, &QPushButton::clicked, this, &ReminderLedgerWindow::retrySelected);
    connect(m_export, &QPushButton::clicked, this, &ReminderLedgerWindow::exportCsv);
    if (m_sync)
        connect(m_sync, &SyncRunner::cacheChanged, this, &ReminderLedgerWindow::reload);
    applyFilter();
}

void ReminderLedgerWindow::reload()
{
    m_model->reload();
    const QMap<QString, int> totals = m_model->totals();
    QStringList parts;
    for (const char *status : {"pending", "sending", "sent", "failed", "cancelled"}) {
        const QString key = QLatin1String(status);
        parts << tr("%1: %2").arg(ReminderLedgerModel::stateName(key)).arg(totals.value(key));
    }
    m_totals->setText(parts.join(QStringLiteral("  ·  ")));
    if (m_model->rowCount() == 0)
        m_message->setText(tr("No reminders match. Reminders appear here as appointments are booked."));
    else if (m_model->rowCount() >= ReminderLedgerReader::RowLimit)
        m_message->setText(tr("Showing the newest %1; narrow the filter to see others.").arg(ReminderLedgerReader::RowLimit));
    else
        m_message->clear();
    m_table->resizeColumnsToContents();
}

void ReminderLedgerWindow::applyFilter()
{
    ReminderLedgerReader::Filter filter;
    filter.status = m_state->currentData().toString();
    filter.channel = m_channel->currentData().toString();
    if (!m_anyDate->isChecked()) {
        filter.from = m_from->date().startOfDay().toMSecsSinceEpoch();
        filter.to = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch();
    }
    m_model->setFilter(filter);
    reload();
}

void ReminderLedgerWindow::updateButtons()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    m_retry->setEnabled(!selected.isEmpty()
                        && selected.first().data(ReminderLedgerModel::StatusRole).toString() == QLatin1String("failed"));
    m_export->setEnabled(m_model->rowCount() > 0);
}

void ReminderLedgerWindow::retrySelected()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty() || !m_edits)
        return;
    const Status retried = m_edits->retryReminder(selected.first().data(ReminderLedgerModel::IdRole).toString());
    if (!retried.ok()) {
        m_message->setText(retried.error().message);
        return;
    }
    m_message->setText(tr("It goes out again with the next sync."));
    reload();
    if (m_sync)
        m_sync->syncNow();
}

bool ReminderLedgerWindow::exportTo(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(ReminderLedgerReader::csv(m_model->rows())) < 0) {
        m_message->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_message->setText(tr("%n reminder(s) exported to %1.", nullptr, int(m_model->rows().size())).arg(path));
    return true;
}

void ReminderLedgerWindow::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export reminders"),
                                                      tr("reminders.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace Crm
