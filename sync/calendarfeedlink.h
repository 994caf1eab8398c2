#pragma once

#include "domain/result.h"

#include <QString>
#include <QUrl>

namespace Crm {

// The address calendar apps subscribe to for a provider's appointments
// (GET /api/agent/calendar.ics?token=…). The server keeps only a digest of the feed token and
// can only make a new one (POST /api/agent/calendar-token, which ends the old one), so the
// token it gave is kept here, in the OS keychain beside the sign-in, to copy the same link
// again later. A link made on another computer is not known here.
class CalendarFeedLink final
{
public:
    static QString entryName(const QString &serverUrl, const QString &account);
    // The kept token, or not_found when none was made on this computer.
    static Result<QString> token(const QString &serverUrl, const QString &account);
    static Status storeToken(const QString &serverUrl, const QString &account, const QString &token);
    static QUrl feedUrl(const QUrl &server, const QString &token);
};

} // namespace Crm
