#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QWidget;

namespace Crm {

class SyncRunner;

// "Copy calendar feed URL" and "New calendar feed URL": the subscription link of the signed-in
// provider's appointments for any calendar app. The first copy asks the server for a feed token
// (POST /api/agent/calendar-token) and keeps it in the keychain (CalendarFeedLink); later copies
// give the same link without the server. A new link is made only when the user confirms that
// calendars subscribed with the old one stop updating. Both answer through message().
class CalendarFeedActions final : public QObject
{
    Q_OBJECT

public:
    CalendarFeedActions(SyncRunner *sync, QWidget *parent);

    void copyUrl();
    // Asks first: subscriptions made with the old link stop updating.
    void makeNewUrl();

    // The link last copied (tests).
    QUrl lastCopied() const { return m_lastCopied; }

signals:
    // What happened, for the status bar.
    void message(const QString &text);

private:
    void requestToken(bool replacing);
    void answer(int id, bool ok, const QJsonObject &json, const QString &error);
    void copy(const QString &token);

    SyncRunner *m_sync;
    QPointer<QWidget> m_parent;
    int m_request = 0;
    bool m_replacing = false;
    QUrl m_lastCopied;
    QString m_sessionToken; // the link made in this session, when the keychain cannot keep it
};

} // namespace Crm
