<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Crm::AgendaPanel</name>
    <message numerus="yes">
        <source>No more appointments today · %n tomorrow</source>
        <translation>
            <numerusform>No more appointments today · %n tomorrow</numerusform>
            <numerusform>No more appointments today · %n tomorrow</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appointment</numerusform>
            <numerusform>%n appointments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n tomorrow</source>
        <translation>
            <numerusform>%1 · %n tomorrow</numerusform>
            <numerusform>%1 · %n tomorrow</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::AppointmentDialog</name>
    <message numerus="yes">
        <source>%1 – %2 (%n min)</source>
        <translation>
            <numerusform>%1 – %2 (%n min)</numerusform>
            <numerusform>%1 – %2 (%n min)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::AssignmentPanel</name>
    <message numerus="yes">
        <source>%n lead(s) assigned to %1.</source>
        <translation>
            <numerusform>%n lead assigned to %1.</numerusform>
            <numerusform>%n leads assigned to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) in the preview. Apply to assign them.</source>
        <translation>
            <numerusform>%n lead in the preview. Apply to assign them.</numerusform>
            <numerusform>%n leads in the preview. Apply to assign them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned as previewed.</source>
        <translation>
            <numerusform>%n lead assigned as previewed.</numerusform>
            <numerusform>%n leads assigned as previewed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned; something changed since the preview, so some went elsewhere (see each lead's history).</source>
        <translation>
            <numerusform>%n lead assigned; something changed since the preview, so some went elsewhere (see each lead's history).</numerusform>
            <numerusform>%n leads assigned; something changed since the preview, so some went elsewhere (see each lead's history).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::AvailabilityEditor</name>
    <message numerus="yes">
        <source>%n slot(s)</source>
        <translation>
            <numerusform>%n slot</numerusform>
            <numerusform>%n slots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::DesktopNotifier</name>
    <message numerus="yes">
        <source>%n more notification(s)</source>
        <translation>
            <numerusform>%n more notification</numerusform>
            <numerusform>%n more notifications</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::DesktopSession</name>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay in the encrypted cache and are sent when you sign in again. Sign out anyway?</source>
        <translation>
            <numerusform>%n change has not reached the server yet. It stays in the encrypted cache and is sent when you sign in again. Sign out anyway?</numerusform>
            <numerusform>%n changes have not reached the server yet. They stay in the encrypted cache and are sent when you sign in again. Sign out anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::DueNotices</name>
    <message numerus="yes">
        <source>Starts in %n minute(s).</source>
        <translation>
            <numerusform>Starts in %n minute.</numerusform>
            <numerusform>Starts in %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::LeadTableModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::MainWindow</name>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>%n change to send</numerusform>
            <numerusform>%n changes to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n unread notification</numerusform>
            <numerusform>%n unread notifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n lead(s)</source>
        <translation>
            <numerusform>%1 of %n lead</numerusform>
            <numerusform>%1 of %n leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::NotificationCenter</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::NotificationDelegate</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n days ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::Outbox</name>
    <message numerus="yes">
        <source>Someone else changed %n field(s) you edited; choose which values to keep.</source>
        <translation>
            <numerusform>Someone else changed %n field you edited; choose which values to keep.</numerusform>
            <numerusform>Someone else changed %n fields you edited; choose which values to keep.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::ReminderLedgerWindow</name>
    <message numerus="yes">
        <source>%n reminder(s) exported to %1.</source>
        <translation>
            <numerusform>%n reminder exported to %1.</numerusform>
            <numerusform>%n reminders exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::ReminderMessage</name>
    <message numerus="yes">
        <source>This is a reminder of your appointment on %1 (%n minutes).</source>
        <translation>
            <numerusform>This is a reminder of your appointment on %1 (%n minutes).</numerusform>
            <numerusform>This is a reminder of your appointment on %1 (%n minutes).</numerusform>
        </translation>
    </message>
</context>
</TS>
