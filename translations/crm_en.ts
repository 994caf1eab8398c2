<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
</context>
<context>
    <name>Crm::SyncStore</name>
    <message numerus="yes">
        <source>Starts in %n minute(s).</source>
        <translation>
            <numerusform>Starts in %n minute.</numerusform>
            <numerusform>Starts in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Someone else changed %n field(s) you edited; choose which values to keep.</source>
        <translation>
            <numerusform>Someone else changed %n field you edited; choose which values to keep.</numerusform>
            <numerusform>Someone else changed %n fields you edited; choose which values to keep.</numerusform>
        </translation>
    </message>
</context>
</TS>
