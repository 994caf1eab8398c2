#pragma once

#include <QString>

namespace CrmTest {

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
