#pragma once

#include "store/localdatabase.h"

#include <QObject>
#include <QPointer>
#include <QSettings>

#include <memory>
#include <optional>

namespace Crm {

class LocalEdits;
class MainWindow;
class SignInDialog;
class SyncRunner;

// The desktop app's start-up and sign-in flow: the last account opens straight into its cached
// data (even offline) when the keychain still holds its sign-in; otherwise the sign-in dialog
// asks. Owns the GUI thread's cache connection, the sync runner and the main window.
class DesktopSession final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString dataDir;
        QString server;
        QString email;
        std::optional<QString> password; // --password-stdin
        // The cache passphrase when no keychain answers (tests, scripts); otherwise asked.
        std::optional<QString> cachePassphrase;
    };

    static constexpr int MinPassphraseLength = 12;

    explicit DesktopSession(Options options, QObject *parent = nullptr);
    ~DesktopSession() override;

    // Shows the first window. False when there is nothing to show (the user cancelled).
    bool start();
    MainWindow *window() const;

private:
    void showSignIn(const QString &error = QString());
    bool connectAccount(const QString &server,
                        const QString &email,
                        const QString &password,
                        bool remember,
                        QString *error);
    void onSignedIn(const QString &userId, const QString &name, const QString &role);
    void onSignInFailed(const QString &code, const QString &message);
    void closeAccount();
    void applySettings();
    // The cache's key: from the keychain, or (no keychain, or a cache made that way) derived
    // from a passphrase the user gives.
    Result<QByteArray> cacheKey(const QString &server, const QString &email, const QString &path);
    std::optional<QString> askPassphrase(bool create, QString *problem);

    Options m_options;
    QSettings m_settings;
    LocalDatabase m_cache;
    std::unique_ptr<SyncRunner> m_sync;
    std::unique_ptr<LocalEdits> m_edits;
    QPointer<MainWindow> m_window;
    QPointer<SignInDialog> m_dialog;
    QString m_server;
    QString m_email;
};

} // namespace Crm
