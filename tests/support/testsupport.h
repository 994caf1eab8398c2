#pragma once

#include <QString>
#include <QTest>

namespace CrmTest {

// Whether a suite's real parts are there: ready, or why not, and whether that means a skip (a
// part this run does not promise) or a failure (one scripts/test provides).
struct Readiness
{
    enum Verdict { Ready, Skip, Fail };
    Verdict verdict = Ready;
    QString why;
};

// The OS keychain (gnome-keyring under scripts/test) answers: the desktop and crm-sync keep
// their cache keys there. Without it a suite skips, unless CRM_REQUIRE_KEYCHAIN says it must.
Readiness keychainReadiness();

// In a test function: skips or fails it unless the readiness says Ready.
#define CRM_REQUIRE_READY(readiness)                                                               \
    do {                                                                                           \
        const CrmTest::Readiness ready_ = (readiness);                                             \
        if (ready_.verdict == CrmTest::Readiness::Skip)                                            \
            QSKIP(qPrintable(ready_.why));                                                         \
        if (ready_.verdict == CrmTest::Readiness::Fail)                                            \
            QFAIL(qPrintable(ready_.why));                                                         \
    } while (false)

// Directory of the build tree (programs and helpers live under it). Set by CTest.
QString buildDir();

// Path of a program built by this project, e.g. "crm-server".
QString programPath(const QString &name);

// True when the test runs under scripts/test, which provides an unlocked gnome-keyring on a
// private D-Bus session; tests that need the keychain fail there instead of skipping.
bool keychainRequired();

} // namespace CrmTest

namespace CrmTest {

// Path of a helper program built under tests/support, e.g. "crm-store-child".
QString helperPath(const QString &name);

} // namespace CrmTest
