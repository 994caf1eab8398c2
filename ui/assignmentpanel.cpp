#include "assignmentpanel.h"

#include "domain/assignmentreason.h"
#include "domain/leadsource.h"
#include "domain/leadstatus.h"
#include "localedits.h"
#include "store/localdatabase.h"
#include "syncrunner.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Crm {

namespace {

constexpr int IdRole = Qt::UserRole + 1;
// The longest list shown: the queue, an agent's open leads.
constexpr int ListLimit = 2000;
const QString LeadIdsMime = QStringLiteral("application/x-agentcrm-lead-ids");

// Lead lists whose selection can be dragged (as lead ids).
class LeadList final : public QListWidget
{
public:
    LeadList()
    {
        setSelectionMode(QAbstractItemView::ExtendedSelection);
        setDragEnabled(true);
        setDragDropMode(QAbstractItemView::DragOnly);
        setAlternatingRowColors(true);
    }

protected:
    QStringList mimeTypes() const override { return {LeadIdsMime}; }
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override
    {
        QStringList ids;
        for (const QListWidgetItem *item : items)
            ids << item->data(IdRole).toString();
        auto *data = new QMimeData;
        data->setData(LeadIdsMime, ids.join(QLatin1Char(',')).toUtf8());
        return data;
    }
};

// The agents: a drop of leads on one assigns them to that agent.
class AgentTree final : public QTreeWidget
{
public:
    std::function<void(const QStringList &, const QString &)> dropped;

    AgentTree()
    {
        setAcceptDrops(true);
        setDropIndicatorShown(true);
        setDragDropMode(QAbstractItemView::DropOnly);
        setRootIsDecorated(false);
        setAlternatingRowColors(true);
    }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override
    {
        if (event->mimeData()->hasFormat(LeadIdsMime))
            event->acceptProposedAction();
    }
    void dragMoveEvent(QDragMoveEvent *event) override
    {
        if (event->mimeData()->hasFormat(LeadIdsMime) && itemAt(event->position().toPoint()))
            event->acceptProposedAction();
        else
            event->ignore();
    }
    void dropEvent(QDropEvent *event) override
    {
        QTreeWidgetItem *item = itemAt(event->position().toPoint());
        if (!item || !event->mimeData()->hasFormat(LeadIdsMime) || !dropped)
            return;
        const QStringList ids = QString::fromUtf8(event->mimeData()->data(LeadIdsMime))
                                    .split(QLatin1Char(','), Qt::SkipEmptyParts);
        event->acceptProposedAction();
        dropped(ids, item->data(0, IdRole).toString());
    }
};

QString modeLabel(const QString &mode)
{
    if (mode == QLatin1String("territory"))
        return AssignmentPanel::tr("Territory");
    if (mode == QLatin1String("manual"))
        return AssignmentPanel::tr("Manual");
    return AssignmentPanel::tr("Round-robin");
}

// The server's reason ("round_robin", "territory CA", "round_robin (no agent covers OH)",
// "manual") as a person reads it: AssignmentReason names it, as in the lead's history.
QString reasonText(const QString &reason)
{
    const std::optional<AssignmentReason> known = AssignmentReason::fromWire(reason);
    return known ? known->displayText() : reason;
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

AssignmentPanel::AssignmentPanel(const LocalDatabase &cache,
                                 LocalEdits *edits,
                                 SyncRunner *sync,
                                 QWidget *parent)
    : QWidget(parent)
    , m_leadReader(cache.database())
    , m_team(cache.database())
    , m_edits(edits)
    , m_sync(sync)
    , m_mode(new QComboBox)
    , m_queueTitle(heading(QString()))
    , m_queue(new LeadList)
    , m_agents(new AgentTree)
    , m_agentTitle(heading(QString()))
    , m_agentLeads(new LeadList)
    , m_assign(new QToolButton)
    , m_reassign(new QToolButton)
    , m_auto(new QPushButton(tr("&Auto-assign…")))
    , m_previewBox(new QWidget)
    , m_preview(new QTableWidget(0, 3))
    , m_apply(new QPushButton(tr("&Apply these assignments")))
    , m_message(new QLabel)
{
    for (const QString &mode :
         {QStringLiteral("round_robin"), QStringLiteral("territory"), QStringLiteral("manual")})
        m_mode->addItem(modeLabel(mode), mode);
    m_mode->setEnabled(false);
    m_mode->setToolTip(tr("How the server hands out new leads"));
    connect(m_mode, &QComboBox::activated, this, [this] {
        if (m_loadingMode || m_mode->currentData().toString() == m_confirmedMode)
            return;
        // The mode decides who gets every new lead of the whole team: ask first.
        const QMessageBox::StandardButton sure = QMessageBox::question(
            this,
            tr("Change the assignment mode"),
            tr("From now on, new leads for the whole team are assigned by: %1. Change it?")
                .arg(m_mode->currentText()),
            QMessageBox::Yes | QMessageBox::Cancel,
            QMessageBox::Cancel);
        if (sure != QMessageBox::Yes) {
            m_loadingMode = true;
            m_mode->setCurrentIndex(m_mode->findData(m_confirmedMode));
            m_loadingMode = false;
            return;
        }
        // A preview was made under the old mode: it no longer says what Apply would do.
        if (m_previewBox->isVisible()) {
            m_previewBox->hide();
            m_previewed = QJsonArray();
            m_preview->setRowCount(0);
            m_apply->setEnabled(false);
            showMessage(tr("The preview was for the previous mode; preview again to see who "
                           "gets what now."));
        }
        m_setModeRequest = m_sync->request("PUT",
                                           QStringLiteral("/api/admin/assignment"),
                                           QJsonObject{{QStringLiteral("mode"),
                                                        m_mode->currentData().toString()}});
    });

    m_assign->setText(tr("Assign to"));
    m_assign->setPopupMode(QToolButton::InstantPopup);
    m_reassign->setText(tr("Reassign to"));
    m_reassign->setPopupMode(QToolButton::InstantPopup);
    fillAssignMenu(m_assign, m_queue);
    fillAssignMenu(m_reassign, m_agentLeads);
    m_auto->setToolTip(tr("Let the server pick agents for the selected leads (or the whole "
                          "queue), under the current mode; you see the result before it "
                          "applies."));
    static_cast<AgentTree *>(m_agents)->dropped =
        [this](const QStringList &ids, const QString &agent) { assign(ids, agent); };
    m_agents->setHeaderLabels({tr("Agent"), tr("Open leads"), tr("Weight"), tr("Territories")});
    m_agents->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_agents->header()->setStretchLastSection(false);
    connect(m_agents, &QTreeWidget::currentItemChanged, this, &AssignmentPanel::showAgentLeads);

    m_preview->setHorizontalHeaderLabels({tr("Lead"), tr("Goes to"), tr("Why")});
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *cancel = new QPushButton(tr("Cancel"));
    connect(cancel, &QPushButton::clicked, m_previewBox, &QWidget::hide);
    connect(m_apply, &QPushButton::clicked, this, &AssignmentPanel::applyAutoAssign);
    connect(m_auto, &QPushButton::clicked, this, &AssignmentPanel::previewAutoAssign);
    auto *previewButtons = new QHBoxLayout;
    previewButtons->addStretch();
    previewButtons->addWidget(cancel);
    previewButtons->addWidget(m_apply);
    auto *previewLayout = new QVBoxLayout(m_previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(heading(tr("Auto-assign preview: nothing has changed yet")));
    previewLayout->addWidget(m_preview, 1);
    previewLayout->addLayout(previewButtons);
    m_previewBox->hide();
    m_message->setWordWrap(true);
    m_message->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Assignment mode:")));
    top->addWidget(m_mode);
    top->addStretch();
    auto *queueButtons = new QHBoxLayout;
    queueButtons->addWidget(m_assign);
    queueButtons->addWidget(m_auto);
    queueButtons->addStretch();
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_queueTitle);
    leftLayout->addWidget(m_queue, 1);
    leftLayout->addLayout(queueButtons);
    leftLayout->addWidget(m_previewBox, 1);
    auto *agentButtons = new QHBoxLayout;
    agentButtons->addWidget(m_reassign);
    agentButtons->addStretch();
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(heading(tr("Agents (drop leads on an agent to assign them)")));
    rightLayout->addWidget(m_agents, 1);
    rightLayout->addWidget(m_agentTitle);
    rightLayout->addWidget(m_agentLeads, 1);
    rightLayout->addLayout(agentButtons);
    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setSizes({520, 620});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_sync, &SyncRunner::answered, this, &AssignmentPanel::answer);
    m_modeRequest = m_sync->request("GET", QStringLiteral("/api/admin/assignment"));
}

QString AssignmentPanel::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void AssignmentPanel::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b3261e;")
                                     : QStringLiteral("color: #1e5b2c;"));
    m_message->setVisible(!text.isEmpty());
}

void AssignmentPanel::fillAssignMenu(QToolButton *button, QListWidget *from)
{
    auto *menu = new QMenu(button);
    // Built when opened, so it lists the agents as they are now.
    connect(menu, &QMenu::aboutToShow, this, [this, menu, from] {
        menu->clear();
        for (int i = 0; i < m_agents->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *agent = m_agents->topLevelItem(i);
            const QString id = agent->data(0, IdRole).toString();
            QAction *action = menu->addAction(agent->text(0), this, [this, id, from] {
                QStringList ids;
                const QList<QListWidgetItem *> selected = from->selectedItems();
                for (const QListWidgetItem *item : selected)
                    ids << item->data(IdRole).toString();
                assign(ids, id);
            });
            action->setEnabled(!agent->isDisabled());
        }
    });
    button->setMenu(menu);
}

QString AssignmentPanel::agentName(const QString &agentId) const
{
    return m_team.userName(agentId).value_or(agentId);
}

QString AssignmentPanel::leadName(const QString &leadId) const
{
    return m_leadReader.fullName(leadId).value_or(leadId);
}

void AssignmentPanel::reload()
{
    const QString currentAgent = m_agents->currentItem()
                                     ? m_agents->currentItem()->data(0, IdRole).toString()
                                     : QString();
    // Selections survive a reload (a sync lands while the admin is picking leads).
    auto selectedIds = [](QListWidget *list) {
        QSet<QString> ids;
        const QList<QListWidgetItem *> items = list->selectedItems();
        for (const QListWidgetItem *item : items)
            ids.insert(item->data(IdRole).toString());
        return ids;
    };
    const QSet<QString> queueSelection = selectedIds(m_queue);
    m_agentSelection = selectedIds(m_agentLeads);
    m_queue->clear();
    const QList<LeadReader::QueuedLead> queued = m_leadReader.unassigned(ListLimit);
    for (const LeadReader::QueuedLead &lead : queued) {
        const auto source = LeadSourceNames::fromString(lead.source);
        QStringList details;
        if (!lead.state.isEmpty())
            details << lead.state;
        if (source)
            details << LeadSourceNames::displayName(*source);
        auto *item = new QListWidgetItem(
            details.isEmpty() ? lead.name
                              : tr("%1  ·  %2").arg(lead.name, details.join(QStringLiteral(", "))));
        item->setData(IdRole, lead.id);
        m_queue->addItem(item);
        item->setSelected(queueSelection.contains(lead.id));
    }
    m_queueTitle->setText(tr("Unassigned leads (%1)").arg(m_queue->count()));
    m_assign->setEnabled(m_queue->count() > 0);
    m_auto->setEnabled(m_queue->count() > 0);

    m_agents->clear();
    const QList<TeamReader::Agent> agents = m_team.agentsWithOpenLoad();
    for (const TeamReader::Agent &agent : agents) {
        auto *item = new QTreeWidgetItem(
            {agent.active ? agent.name : tr("%1 (inactive)").arg(agent.name),
             QString::number(agent.openLeads),
             QString::number(agent.weight),
             QString(agent.territories).replace(QLatin1Char(','), QStringLiteral(", "))});
        item->setData(0, IdRole, agent.id);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (!agent.active)
            item->setDisabled(true);
        m_agents->addTopLevelItem(item);
        if (item->data(0, IdRole).toString() == currentAgent)
            m_agents->setCurrentItem(item);
    }
    for (int column = 1; column < 4; ++column)
        m_agents->resizeColumnToContents(column);
    showAgentLeads();
}

void AssignmentPanel::showAgentLeads()
{
    m_agentLeads->clear();
    const QTreeWidgetItem *agent = m_agents->currentItem();
    if (!agent) {
        m_agentTitle->setText(tr("Select an agent to see their open leads"));
        m_reassign->setEnabled(false);
        return;
    }
    const QList<LeadReader::OpenLead> leads
        = m_leadReader.openLeadsOf(agent->data(0, IdRole).toString(), ListLimit);
    for (const LeadReader::OpenLead &lead : leads) {
        const auto status = LeadStatusMachine::fromString(lead.status);
        auto *item = new QListWidgetItem(
            tr("%1  ·  %2")
                .arg(lead.name, status ? LeadStatusMachine::displayName(*status) : QString()));
        item->setData(IdRole, lead.id);
        m_agentLeads->addItem(item);
        item->setSelected(m_agentSelection.contains(lead.id));
    }
    m_agentTitle->setText(
        tr("Open leads of %1 (%2)").arg(agent->text(0)).arg(m_agentLeads->count()));
    m_reassign->setEnabled(m_agentLeads->count() > 0);
}

bool AssignmentPanel::assign(const QStringList &leadIds, const QString &agentId)
{
    if (leadIds.isEmpty()) {
        showMessage(tr("Select the leads to assign first."), true);
        return false;
    }
    // One transaction for the lot: all of them or, when one cannot be, none.
    const Result<int> result = m_edits->assignLeads(leadIds, agentId);
    if (!result.ok()) {
        const QString leadId = result.error().details.value(QStringLiteral("leadId")).toString();
        showMessage(leadId.isEmpty() ? result.error().message
                                     : tr("%1 cannot be assigned: %2")
                                           .arg(leadName(leadId), result.error().message),
                    true);
        return false;
    }
    // Those already with the agent changed nothing and are not counted.
    const int done = result.value();
    showMessage(done == 0 ? tr("Already with %1; nothing changed.").arg(agentName(agentId))
                          : tr("%n lead(s) assigned to %1.", nullptr, done).arg(agentName(agentId)));
    reload();
    emit assigned();
    m_sync->syncNow();
    return true;
}

void AssignmentPanel::previewAutoAssign()
{
    QStringList ids;
    const QList<QListWidgetItem *> selected = m_queue->selectedItems();
    for (const QListWidgetItem *item : selected)
        ids << item->data(IdRole).toString();
    if (ids.isEmpty()) {
        for (int row = 0; row < m_queue->count(); ++row)
            ids << m_queue->item(row)->data(IdRole).toString();
    }
    m_previewIds = ids;
    m_auto->setEnabled(false);
    showMessage(tr("Asking the server…"));
    m_previewRequest = m_sync->request("POST",
                                       QStringLiteral("/api/admin/leads/auto-assign?preview=true"),
                                       QJsonObject{{QStringLiteral("leadIds"),
                                                    QJsonArray::fromStringList(ids)}});
}

void AssignmentPanel::applyAutoAssign()
{
    m_apply->setEnabled(false);
    m_applyRequest = m_sync->request("POST",
                                     QStringLiteral("/api/admin/leads/auto-assign"),
                                     QJsonObject{{QStringLiteral("leadIds"),
                                                  QJsonArray::fromStringList(m_previewIds)}});
}

void AssignmentPanel::answer(int id, bool ok, const QJsonObject &json, const QString &error)
{
    if (id == m_modeRequest || id == m_setModeRequest) {
        if (!ok) {
            showMessage(tr("The assignment mode needs the server: %1").arg(error), true);
            // Show what the server last confirmed; a change can be tried again.
            m_loadingMode = true;
            m_mode->setCurrentIndex(m_mode->findData(m_confirmedMode));
            m_loadingMode = false;
            m_mode->setEnabled(!m_confirmedMode.isEmpty());
            return;
        }
        m_confirmedMode = json.value(QStringLiteral("mode")).toString();
        m_loadingMode = true;
        m_mode->setCurrentIndex(m_mode->findData(m_confirmedMode));
        m_loadingMode = false;
        m_mode->setEnabled(true);
        if (id == m_setModeRequest)
            showMessage(tr("New leads are now assigned by: %1.").arg(m_mode->currentText()));
        return;
    }
    if (id == m_previewRequest) {
        m_auto->setEnabled(m_queue->count() > 0);
        if (!ok) {
            showMessage(tr("Auto-assign needs the server: %1").arg(error), true);
            return;
        }
        m_previewed = json.value(QStringLiteral("assignments")).toArray();
        m_preview->setRowCount(0);
        for (const QJsonValue &value : std::as_const(m_previewed)) {
            const QJsonObject assignment = value.toObject();
            const int row = m_preview->rowCount();
            m_preview->insertRow(row);
            m_preview->setItem(row,
                               0,
                               new QTableWidgetItem(leadName(
                                   assignment.value(QStringLiteral("leadId")).toString())));
            const QString agent = assignment.value(QStringLiteral("agentId")).toString();
            m_preview->setItem(row,
                               1,
                               new QTableWidgetItem(agent.isEmpty() ? tr("Nobody (no active agent)")
                                                                    : agentName(agent)));
            m_preview->setItem(row,
                               2,
                               new QTableWidgetItem(reasonText(
                                   assignment.value(QStringLiteral("reason")).toString())));
        }
        m_preview->resizeColumnsToContents();
        m_apply->setEnabled(!m_previewed.isEmpty());
        m_previewBox->show();
        showMessage(tr("%n lead(s) in the preview. Apply to assign them.",
                       nullptr,
                       int(m_previewed.size())));
        emit previewReady(m_previewed);
        return;
    }
    if (id == m_applyRequest) {
        m_apply->setEnabled(true);
        if (!ok) {
            showMessage(tr("Auto-assign failed: %1").arg(error), true);
            return;
        }
        m_applied = json.value(QStringLiteral("assignments")).toArray();
        m_previewBox->hide();
        showMessage(m_applied == m_previewed
                        ? tr("%n lead(s) assigned as previewed.", nullptr, int(m_applied.size()))
                        : tr("%n lead(s) assigned; something changed since the preview, so "
                             "some went elsewhere (see each lead's history).",
                             nullptr,
                             int(m_applied.size())));
        emit autoAssigned(m_applied);
        return;
    }
}

} // namespace Crm
