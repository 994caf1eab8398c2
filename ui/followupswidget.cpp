#include "followupswidget.h"

#include "localedits.h"

#include "domain/displaytime.h"

#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Crm {

namespace {

constexpr int IdRole = Qt::UserRole + 1;

// Tomorrow at 9:00 local time: the usual "call back tomorrow".
QDateTime tomorrowMorning(const QDateTime &now)
{
    return QDateTime(now.date().addDays(1), QTime(9, 0));
}

} // namespace

FollowUpsWidget::FollowUpsWidget(FollowUpReader followUps, LocalEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_followUps(std::move(followUps))
    , m_edits(edits)
    , m_list(new QListWidget)
    , m_empty(new QLabel(tr("No open follow-ups. Set one below so this lead is not forgotten.")))
    , m_due(new QDateTimeEdit)
    , m_note(new QLineEdit)
    , m_add(new QPushButton(tr("Set follo&w-up")))
    , m_done(new QPushButton(tr("&Done")))
    , m_snooze(new QToolButton)
{
    auto *title = new QLabel(tr("Follow-ups"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_list->setMaximumHeight(96);
    m_list->setAlternatingRowColors(true);
    m_due->setCalendarPopup(true);
    // Minutes are enough for a reminder; seconds would only clutter the field.
    m_due->setDisplayFormat(DisplayTime::editFormat());
    m_note->setPlaceholderText(tr("What to do, e.g. send the brochure"));
    m_done->setToolTip(tr("Mark the selected follow-up done"));
    m_snooze->setText(tr("Snooze"));
    m_snooze->setPopupMode(QToolButton::InstantPopup);
    m_snooze->setToolTip(tr("Move the selected follow-up to later"));
    auto *menu = new QMenu(m_snooze);
    menu->addAction(tr("1 hour"), this, [this] { snoozeSelected(now().addSecs(3600)); });
    menu->addAction(tr("Tomorrow 9:00"), this, [this] { snoozeSelected(tomorrowMorning(now())); });
    menu->addAction(tr("Next week"), this, [this] {
        snoozeSelected(QDateTime(now().date().addDays(7), QTime(9, 0)));
    });
    m_snooze->setMenu(menu);

    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(m_done);
    header->addWidget(m_snooze);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_due);
    addRow->addWidget(m_note, 1);
    addRow->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_list);
    layout->addWidget(m_empty);
    layout->addLayout(addRow);

    connect(m_add, &QPushButton::clicked, this, &FollowUpsWidget::add);
    connect(m_note, &QLineEdit::returnPressed, this, &FollowUpsWidget::add);
    connect(m_done, &QPushButton::clicked, this, &FollowUpsWidget::markDone);
    connect(m_list, &QListWidget::currentRowChanged, this, &FollowUpsWidget::updateButtons);
}

QDateTime FollowUpsWidget::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTime();
}

void FollowUpsWidget::setLeadId(const QString &leadId)
{
    if (leadId != m_leadId) {
        m_note->clear();
        m_due->setDateTime(tomorrowMorning(now()));
    }
    m_leadId = leadId;
    reload();
}

void FollowUpsWidget::prefill(const QDateTime &due, const QString &note)
{
    m_due->setDateTime(due);
    m_note->setText(note);
    m_note->setFocus(Qt::OtherFocusReason);
    m_note->selectAll();
}

void FollowUpsWidget::reload()
{
    const QString selected = selectedId();
    m_list->clear();
    const QDateTime current = now();
    const QList<FollowUpReader::OpenFollowUp> followUps = m_followUps.openOf(m_leadId);
    for (const FollowUpReader::OpenFollowUp &followUp : followUps) {
        const QDateTime due = QDateTime::fromMSecsSinceEpoch(followUp.dueAt).toLocalTime();
        const QString &note = followUp.note;
        QString when = DisplayTime::dateTime(due);
        auto *item = new QListWidgetItem;
        item->setData(IdRole, followUp.id);
        if (due < current) {
            when = tr("%1 (overdue)").arg(when);
            item->setForeground(QColor(0xb3, 0x26, 0x1e));
        } else if (due.date() == current.date()) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        item->setText(note.isEmpty() ? when : tr("%1 — %2").arg(when, note));
        item->setToolTip(note);
        m_list->addItem(item);
        if (item->data(IdRole).toString() == selected)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_list->setVisible(m_list->count() > 0);
    m_empty->setVisible(m_list->count() == 0);
    updateButtons();
}

QString FollowUpsWidget::selectedId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(IdRole).toString() : QString();
}

void FollowUpsWidget::updateButtons()
{
    const bool any = !selectedId().isEmpty();
    m_done->setEnabled(any);
    m_snooze->setEnabled(any);
    m_done->setVisible(m_list->count() > 0);
    m_snooze->setVisible(m_list->count() > 0);
}

void FollowUpsWidget::add()
{
    if (m_leadId.isEmpty())
        return;
    const Result<QString> added = m_edits->addFollowUp(m_leadId,
                                                       m_due->dateTime().toMSecsSinceEpoch(),
                                                       m_note->text().trimmed());
    if (!added.ok()) {
        emit failed(added.error().message);
        return;
    }
    m_note->clear();
    reload();
    emit edited();
}

void FollowUpsWidget::markDone()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    LocalEdits::FollowUpChange change;
    change.done = true;
    if (const Status status = m_edits->updateFollowUp(id, change); !status.ok()) {
        emit failed(status.error().message);
        return;
    }
    reload();
    emit edited();
}

void FollowUpsWidget::snoozeSelected(const QDateTime &until)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    LocalEdits::FollowUpChange change;
    // Reminders are set to the minute: "in 1 hour" from 14:03:44 is 15:03, not 15:03:44.
    change.dueAt = until.toMSecsSinceEpoch() / 60000 * 60000;
    if (const Status status = m_edits->updateFollowUp(id, change); !status.ok()) {
        emit failed(status.error().message);
        return;
    }
    reload();
    emit edited();
}

} // namespace Crm
