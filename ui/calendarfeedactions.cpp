#include "calendarfeedactions.h"

#include "calendarfeedlink.h"
#include "syncrunner.h"
#include "uilogging.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>

namespace Crm {

CalendarFeedActions::CalendarFeedActions(SyncRunner *sync, QWidget *parent)
    : QObject(parent)
    , m_sync(sync)
    , m_parent(parent)
{
    if (m_sync)
        connect(m_sync, &SyncRunner::answered, this, &CalendarFeedActions::answer);
}

void CalendarFeedActions::copyUrl()
{
    if (!m_sync)
        return;
    const SyncRunner::Account &account = m_sync->account();
    const Result<QString> kept = CalendarFeedLink::token(account.server.toString(), account.email);
    // Without a keychain the link made in this session is still the current one.
    const QString token = kept.ok() ? kept.value() : m_sessionToken;
    if (!token.isEmpty()) {
        copy(token);
        emit message(tr("Calendar feed link copied. Paste it into your calendar app's "
                        "\"subscribe\" or \"add calendar from URL\"."));
        return;
    }
    if (!kept.ok() && kept.error().code != QLatin1String("not_found"))
        qCWarning(lcUi) << "Reading the calendar feed token failed:" << kept.error().message;
    // The server keeps only a digest of the link, and making one ends the one before: a link
    // made on another computer (or lost with a keychain) would stop updating. Ask first.
    QMessageBox box(QMessageBox::Question,
                    tr("Calendar feed link"),
                    tr("This computer does not know your calendar feed link yet. Make one?\n\n"
                       "If a calendar app already subscribes to a link made elsewhere, that link "
                       "stops updating; subscribe it again with the new one."),
                    QMessageBox::Cancel,
                    m_parent);
    QPushButton *make = box.addButton(tr("&Make link"), QMessageBox::AcceptRole);
    box.setDefaultButton(make);
    box.exec();
    if (box.clickedButton() != make)
        return;
    requestToken(false);
}

void CalendarFeedActions::makeNewUrl()
{
    if (!m_sync)
        return;
    QMessageBox
        box(QMessageBox::Question,
            tr("New calendar feed link"),
            tr("Make a new calendar feed link?\n\nCalendar apps subscribed with the current "
               "link stop updating; subscribe them again with the new one."),
            QMessageBox::Cancel,
            m_parent);
    QPushButton *make = box.addButton(tr("&Make new link"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != make)
        return;
    requestToken(true);
}

void CalendarFeedActions::requestToken(bool replacing)
{
    if (m_request != 0)
        return; // one at a time
    m_replacing = replacing;
    m_request = m_sync->request("POST", QStringLiteral("/api/agent/calendar-token"));
    emit message(tr("Asking the server for a calendar feed link…"));
}

void CalendarFeedActions::answer(int id, bool ok, const QJsonObject &json, const QString &error)
{
    if (id != m_request)
        return;
    m_request = 0;
    const QString token = json.value(QStringLiteral("token")).toString();
    if (!ok || token.isEmpty()) {
        emit message(tr("No calendar feed link: the server makes it, and it answered: %1")
                         .arg(ok ? tr("no link") : error));
        return;
    }
    const SyncRunner::Account &account = m_sync->account();
    const Status kept = CalendarFeedLink::storeToken(account.server.toString(),
                                                     account.email,
                                                     token);
    m_sessionToken = token;
    copy(token);
    if (!kept.ok()) {
        qCWarning(lcUi) << "Keeping the calendar feed token failed:" << kept.error().message;
        emit message(tr("Calendar feed link copied. It could not be kept in the keychain (%1): "
                        "after a restart, copying it makes a new link and the old one ends.")
                         .arg(kept.error().message));
        return;
    }
    if (m_replacing)
        emit message(tr("New calendar feed link copied; the old one no longer works."));
    else
        emit message(tr("Calendar feed link made and copied. A link made earlier (on another "
                        "computer) no longer works."));
}

void CalendarFeedActions::copy(const QString &token)
{
    m_lastCopied = CalendarFeedLink::feedUrl(m_sync->account().server, token);
    QGuiApplication::clipboard()->setText(m_lastCopied.toString(QUrl::FullyEncoded));
}

} // namespace Crm
