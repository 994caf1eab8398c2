#pragma once

#include "domain/availability.h"
#include "domain/slotcalculator.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDateTimeEdit;
class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;
class QTreeWidget;
class QWidget;

namespace Crm {

class LocalDatabase;
class SyncRunner;

// Where a provider says when they can be booked: weekly hours (several windows a day; a day
// without any is off), their time zone, the buffer around appointments, the minimum notice,
// how far ahead, date overrides (other hours on a date, or a day off) and time off. Beside it,
// the slots of the next two weeks as SlotCalculator makes them from the hours being edited and
// the cache's appointments, so a change shows before it is saved.
//
// Loads from the cache (the sync keeps it as the server has it, and it works offline); only
// when the server has never sent this provider's hours does it ask the server. The rules are
// Availability's (validate, validateTimeOff); a problem is shown with the field it is about and
// nothing is sent. Saving needs the server: PUT availability, then the time off added and
// removed here, one call after the other through SyncRunner::request; a refusal or a lost
// connection is said and the edits stay; success syncs, so the calendar's shading follows.
class AvailabilityEditor final : public QDialog
{
    Q_OBJECT

public:
    AvailabilityEditor(const LocalDatabase &cache,
                       SyncRunner *sync,
                       const QString &providerId,
                       QWidget *parent = nullptr);

    // The clock behind "now" (the preview's two weeks, the notice); tests pin it.
    using Clock = std::function<qint64()>;
    void setClock(Clock clock);

    // The availability as edited, time off included (additions not saved yet too).
    const Availability &availability() const { return m_edited; }
    bool isModified() const { return m_modified; }
    // Reads the cache again, dropping the edits.
    void reload();
    // Checks the edits and sends them; the answer comes back asynchronously (saved(), or a
    // message in messageLabel()).
    void save();

    // The preview's slots (what the list beside the form shows).
    const QList<TimeRange> &previewSlots() const { return m_previewSlots; }
    void updatePreview();

    // The widgets, for tests and keyboard users. Days are 0 (Sunday) to 6 as in Availability;
    // `window` counts the day's windows from the top. Rebuilt when a window or a date is added
    // or removed: ask again afterwards.
    QCheckBox *dayCheck(int dayOfWeek) const;
    QComboBox *startBox(int dayOfWeek, int window) const;
    QComboBox *endBox(int dayOfWeek, int window) const;
    QPushButton *addWindowButton(int dayOfWeek) const;
    QPushButton *removeWindowButton(int dayOfWeek, int window) const;
    int windowCount(int dayOfWeek) const;
    QComboBox *timeZoneBox() const { return m_timeZone; }
    QSpinBox *bufferBox() const { return m_buffer; }
    QSpinBox *noticeBox() const { return m_notice; }
    QSpinBox *daysAheadBox() const { return m_daysAhead; }
    QPushButton *addOverrideButton() const { return m_addOverride; }
    QDateEdit *overrideDateEdit(int override) const;
    QTableWidget *timeOffTable() const { return m_timeOffTable; }
    QDateTimeEdit *timeOffStartEdit() const { return m_timeOffStart; }
    QDateTimeEdit *timeOffEndEdit() const { return m_timeOffEnd; }
    QLineEdit *timeOffReasonEdit() const { return m_timeOffReason; }
    QPushButton *addTimeOffButton() const { return m_addTimeOff; }
    QPushButton *removeTimeOffButton() const { return m_removeTimeOff; }
    QPushButton *saveButton() const { return m_save; }
    QTreeWidget *preview() const { return m_preview; }
    QLabel *messageLabel() const { return m_message; }

signals:
    // Everything was accepted by the server; a sync has been asked for.
    void saved();

private:
    // One window's row of widgets, in the weekly grid or an override's.
    struct WindowRow
    {
        QComboBox *start = nullptr;
        QComboBox *end = nullptr;
        QPushButton *remove = nullptr;
        int index = -1; // into weekly, or into the override's windows
    };
    struct DayRows
    {
        QCheckBox *check = nullptr;
        QPushButton *add = nullptr;
        QList<WindowRow> windows;
    };
    struct OverrideRows
    {
        QDateEdit *date = nullptr;
        QPushButton *add = nullptr;
        QList<WindowRow> windows;
    };
    struct Call
    {
        QByteArray method;
        QString path;
        QJsonObject body;
        int timeOffIndex = -1;  // a POST: the entry it adds
        QString removedTimeOff; // a DELETE: the id it removes
    };

    QWidget *createWeeklySection();
    QWidget *createOverridesSection();
    QWidget *createTimeOffSection();
    QWidget *createRulesPane();
    void load(const Availability &availability);
    void showAll();
    void rebuildWeekly();
    void rebuildOverrides();
    void showTimeOff();
    // A start and an end box, filled with the quarter hours, set to `window` and kept in step
    // with `apply`.
    WindowRow windowRow(const Availability::Window &window,
                        const std::function<void(const Availability::Window &)> &apply);
    void setDayOn(int dayOfWeek, bool on);
    void addWindow(int dayOfWeek);
    void removeWindow(int weeklyIndex);
    void addOverride();
    void addTimeOff();
    void removeTimeOff();
    void edited();
    void markInvalidWindows();
    void showErrors(const ValidationErrors &errors);
    void showMessage(const QString &text, bool isError);
    void sendNext();
    void answer(int id, bool ok, const QJsonObject &json, const QString &error);
    QString fieldLabel(const QString &field) const;
    QTimeZone zone() const;

    const LocalDatabase &m_cache;
    SyncRunner *m_sync;
    QString m_providerId;
    Clock m_clock;
    Availability m_edited;
    QStringList m_removedTimeOff; // ids to DELETE on save
    QList<TimeRange> m_busy;      // the cache's appointments over the preview's span
    QList<TimeRange> m_previewSlots;
    bool m_modified = false;
    bool m_loading = false;
    bool m_fromServer = false; // the hours came from the server's GET, not the cache
    int m_loadRequest = -1;
    QList<Call> m_calls; // what a save still has to send, in order
    int m_callRequest = -1;
    bool m_wentOffline = false;

    QList<DayRows> m_days; // by dayOfWeek
    QList<OverrideRows> m_overrideRows;
    QGridLayout *m_weeklyGrid = nullptr;
    QGridLayout *m_overridesGrid = nullptr;
    QLabel *m_noOverrides = nullptr;
    QComboBox *m_timeZone;
    QSpinBox *m_buffer;
    QSpinBox *m_notice;
    QSpinBox *m_daysAhead;
    QPushButton *m_addOverride;
    QTableWidget *m_timeOffTable;
    QDateTimeEdit *m_timeOffStart;
    QDateTimeEdit *m_timeOffEnd;
    QLineEdit *m_timeOffReason;
    QPushButton *m_addTimeOff;
    QPushButton *m_removeTimeOff;
    QLabel *m_previewHint;
    QTreeWidget *m_preview;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_save;
    QWidget *m_content = nullptr;
    QTimer *m_previewTimer;
    bool m_timeOffFilled = false; // the new time off's fields got their first values
};

} // namespace Crm
