#include "desktopsession.h"

#include "settingsdialog.h"

#include "credentials.h"
#include "localedits.h"
#include "mainwindow.h"
#include "outbox.h"
#include "signindialog.h"
#include "store/cachekeyprovider.h"
#include "store/passphrasekey.h"
#include "syncrunner.h"
#include "uilogging.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QUrl>

namespace Crm {

DesktopSession::DesktopSession(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(SettingsDialog::fileIn(m_options.dataDir), QSettings::IniFormat)
{}

DesktopSession::~DesktopSession()
{
    if (m_dialog) {
        m_dialog->disconnect(); // its "rejected" would end the application
        delete m_dialog;
    }
    if (m_window)
        m_window->saveLayout();
    delete m_window;
    closeAccount();
}

MainWindow *DesktopSession::window() const
{
    return m_window;
}

bool DesktopSession::start()
{
    const QString server = m_options.server.isEmpty()
                               ? m_settings.value(QStringLiteral("server")).toString()
                               : m_options.server;
    const QString email = m_options.email.isEmpty()
                              ? m_settings.value(QStringLiteral("email")).toString()
                              : m_options.email;
    if (!server.isEmpty() && !email.isEmpty()) {
        const bool haveToken = Credentials::refreshToken(server, email).ok();
        if (m_options.password || haveToken) {
            QString error;
            if (connectAccount(server, email, m_options.password.value_or(QString()), true, &error))
                return true;
            showSignIn(error);
            return true;
        }
    }
    m_server = server;
    m_email = email;
    showSignIn();
    return true;
}

void DesktopSession::showSignIn(const QString &error)
{
    if (!m_dialog) {
        m_dialog = new SignInDialog;
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &QDialog::rejected, qApp, [this] {
            if (!m_window)
                QApplication::quit();
        });
        connect(m_dialog, &SignInDialog::signInRequested, this, [this] {
            m_dialog->setBusy(true);
            QString problem;
            if (!connectAccount(m_dialog->server(),
                                m_dialog->email(),
                                m_dialog->password(),
                                m_dialog->remember(),
                                &problem))
                m_dialog->showError(problem);
        });
    }
    m_dialog->setServer(m_server.isEmpty() ? QStringLiteral("http://127.0.0.1:8080") : m_server);
    m_dialog->setEmail(m_email);
    if (!error.isEmpty())
        m_dialog->showError(error);
    m_dialog->show();
    m_dialog->raise();
}

bool DesktopSession::connectAccount(const QString &server,
                                    const QString &email,
                                    const QString &password,
                                    bool remember,
                                    QString *error)
{
    closeAccount();
    m_server = server;
    m_email = email;
    const QString path = LocalDatabase::defaultPath(server, email, m_options.dataDir);
    const Result<QByteArray> key = cacheKey(server, email, path);
    if (!key.ok()) {
        *error = key.error().message;
        return false;
    }
    Result<LocalDatabase> cache = LocalDatabase::open(path, key.value());
    if (!cache.ok()) {
        *error = cache.error().message;
        return false;
    }
    m_cache = std::move(cache).value();
    m_sync = std::make_unique<SyncRunner>(
        SyncRunner::Account{QUrl(server), email, path, key.value()});
    connect(m_sync.get(), &SyncRunner::signedIn, this, &DesktopSession::onSignedIn);
    connect(m_sync.get(), &SyncRunner::signInFailed, this, &DesktopSession::onSignInFailed);
    // "Remember me" keeps the sign-in in the keychain; otherwise it lives only in memory.
    connect(m_sync.get(),
            &SyncRunner::refreshTokenChanged,
            this,
            [server, email, remember](const QString &token) {
                if (remember || token.isEmpty())
                    Credentials::storeRefreshToken(server, email, token);
            });
    QString refreshToken;
    if (password.isEmpty()) {
        const Result<QString> stored = Credentials::refreshToken(server, email);
        if (stored.ok())
            refreshToken = stored.value();
    }
    m_sync->signIn(password, refreshToken);
    return true;
}

Result<QByteArray> DesktopSession::cacheKey(const QString &server,
                                            const QString &email,
                                            const QString &path)
{
    // A cache made with a passphrase keeps its salt beside it: it opens only that way.
    const bool passphraseCache = QFile::exists(PassphraseKey::saltPath(path));
    if (!passphraseCache) {
        const Result<QByteArray> key = CacheKeyProvider().keyFor(server, email);
        if (key.ok() || key.error().code != QLatin1String("keychain_unavailable"))
            return key;
    }
    // No keychain: the data stays encrypted, with a key only the user's passphrase gives.
    const bool create = !QFile::exists(path);
    QString problem;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const std::optional<QString> passphrase = askPassphrase(create, &problem);
        if (!passphrase)
            return Error{QStringLiteral("cancelled"),
                         tr("The local data stays locked without its passphrase.")};
        if (passphrase->isEmpty() && !problem.isEmpty()) {
            // The two entries differed: ask again, saying so.
        } else if (passphrase->size() < MinPassphraseLength) {
            problem = tr("Use at least %1 characters.").arg(MinPassphraseLength);
        } else {
            QDir().mkpath(QFileInfo(path).absolutePath()); // the salt goes beside the cache
            const Result<QByteArray> key = PassphraseKey::keyForDatabase(path, *passphrase);
            if (!key.ok() || create)
                return key;
            // Check it before handing it on: a wrong key opens nothing.
            if (LocalDatabase::open(path, key.value()).ok())
                return key;
            problem = tr("That passphrase does not open the local data.");
        }
        if (m_options.cachePassphrase)
            break; // scripted: no second chance
    }
    return Error{QStringLiteral("wrong_passphrase"), problem};
}

std::optional<QString> DesktopSession::askPassphrase(bool create, QString *problem)
{
    if (m_options.cachePassphrase)
        return m_options.cachePassphrase;
    const QString previous = *problem; // why the last answer did not do
    problem->clear();
    const QString intro
        = create ? tr("No keychain is available on this computer to keep the key of your "
                      "local data. Choose a passphrase for it instead (at least %1 "
                      "characters); you will need it every time Agent CRM starts.")
                       .arg(MinPassphraseLength)
                 : tr("Your local data is locked with a passphrase. Enter it to open it.");
    bool ok = false;
    const QString first = QInputDialog::getText(nullptr,
                                                tr("Local data passphrase"),
                                                previous.isEmpty()
                                                    ? intro
                                                    : previous + QStringLiteral("\n\n") + intro,
                                                QLineEdit::Password,
                                                QString(),
                                                &ok);
    if (!ok)
        return std::nullopt;
    if (create) {
        const QString again = QInputDialog::getText(nullptr,
                                                    tr("Local data passphrase"),
                                                    tr("Enter the same passphrase again."),
                                                    QLineEdit::Password,
                                                    QString(),
                                                    &ok);
        if (!ok)
            return std::nullopt;
        if (again != first) {
            *problem = tr("The two passphrases differ.");
            return QString();
        }
    }
    return first;
}

void DesktopSession::onSignedIn(const QString &userId, const QString &name, const QString &role)
{
    m_settings.setValue(QStringLiteral("server"), m_server);
    m_settings.setValue(QStringLiteral("email"), m_email);
    if (m_dialog)
        m_dialog->accept();
    if (!m_window) {
        m_edits = std::make_unique<LocalEdits>(m_cache.database(), userId);
        m_window = new MainWindow(m_cache, m_sync.get(), m_edits.get());
        m_window->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_window, &MainWindow::settingsRequested, this, [this] {
            SettingsDialog dialog(&m_settings, m_window);
            if (dialog.exec() == QDialog::Accepted)
                applySettings();
        });
        connect(m_window, &MainWindow::signOutRequested, this, [this] {
            const int pending = Outbox(m_cache.database()).pendingCount();
            if (pending > 0
                && QMessageBox::question(m_window,
                                         tr("Sign out"),
                                         tr("%n change(s) have not reached the server yet. They "
                                            "stay in the encrypted cache and are sent when you "
                                            "sign in again. Sign out anyway?",
                                            nullptr,
                                            pending))
                       != QMessageBox::Yes)
                return;
            Credentials::forget(m_server, m_email);
            m_window->close();
            showSignIn();
        });
    }
    m_window->setUser(name, role, userId);
    applySettings();
    if (!m_window->isVisible())
        m_window->showWithSavedLayout(&m_settings);
    // scripts/demo waits for this line (ids only: logs never name people).
    qCInfo(lcUi) << "signed in as user" << userId << "- main window shown";
}

void DesktopSession::applySettings()
{
    m_window->setIdleLockMinutes(
        m_settings.value(SettingsDialog::idleLockKey(), SettingsDialog::DefaultIdleLockMinutes)
            .toInt());
    m_sync->setAppointmentLeadMinutes(m_settings
                                          .value(SettingsDialog::appointmentLeadKey(),
                                                 SettingsDialog::DefaultAppointmentLeadMinutes)
                                          .toInt());
}

void DesktopSession::onSignInFailed(const QString &code, const QString &message)
{
    Q_UNUSED(code);
    if (m_window) {
        // The cached data stays on screen; only syncing waits for a new sign-in.
        QMessageBox::warning(m_window, tr("Sign in again"), message);
        showSignIn();
        return;
    }
    closeAccount();
    showSignIn(message);
}

void DesktopSession::closeAccount()
{
    if (m_window)
        return; // the window still shows this account's data
    m_edits.reset();
    m_sync.reset();
    m_cache.close();
}

} // namespace Crm
