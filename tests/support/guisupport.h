#pragma once

#include <QMessageBox>
#include <QString>

// Helpers for widget tests, shared by the GUI suites.
namespace CrmTest {

// Clicks a button of the next message box once it is shown (QMessageBox::exec blocks the
// test): the button whose text, without its '&', is `buttonText`, or the standard `button`.
// `said`, when given, receives the box's text.
void answerNextMessageBox(const QString &buttonText, QString *said = nullptr);
void answerNextMessageBox(QMessageBox::StandardButton button, QString *said = nullptr);

} // namespace CrmTest
