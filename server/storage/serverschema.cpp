#include "serverschema.h"

namespace Crm {

namespace {

const char *const Version1 = R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('assignmentMode', 'round_robin');

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('seq', 0);
INSERT INTO counters (name, value) VALUES ('audit', 0);
INSERT INTO counters (name, value) VALUES ('logHorizon', 0);

CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    email        TEXT NOT NULL UNIQUE CHECK (length(email) <= 255),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    role         TEXT NOT NULL CHECK (role IN ('agent', 'admin', 'provider', 'patient')),
    passwordHash TEXT NOT NULL,
    active       BIGINT NOT NULL DEFAULT 1,
    weight       BIGINT NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 100),
    timeZone     TEXT NOT NULL DEFAULT 'UTC',
    territories  TEXT NOT NULL DEFAULT '',
    rrCurrent    BIGINT NOT NULL DEFAULT 0,
    rrOrder      BIGINT NOT NULL,
    createdAt    BIGINT NOT NULL,
    updatedAt    BIGINT NOT NULL,
    version      BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE auth_tokens (
    tokenHash TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    userId    TEXT NOT NULL REFERENCES users (id),
    familyId  TEXT NOT NULL,
    clientId  TEXT,
    expiresAt BIGINT NOT NULL,
    usedAt    BIGINT,
    revokedAt BIGINT,
    createdAt BIGINT NOT NULL
);
CREATE INDEX idx_auth_tokens_family ON auth_tokens (familyId);

CREATE TABLE login_failures (
    id    TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    at    BIGINT NOT NULL
);
CREATE INDEX idx_login_failures_email ON login_failures (email, at);

CREATE TABLE leads (
    id              TEXT PRIMARY KEY,
    firstName       TEXT NOT NULL CHECK (length(firstName) BETWEEN 1 AND 255),
    lastName        TEXT NOT NULL CHECK (length(lastName) BETWEEN 1 AND 255),
    email           TEXT NOT NULL CHECK (length(email) <= 255),
    phone           TEXT NOT NULL CHECK (length(phone) <= 50),
    message         TEXT CHECK (message IS NULL OR length(message) <= 5000),
    source          TEXT NOT NULL DEFAULT 'contact_form'
                    CHECK (source IN ('contact_form', 'website', 'referral', 'phone', 'event',
                                      'other')),
    status          TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'contacted', 'qualified', 'enrolled', 'closed')),
    assignedAgentId TEXT REFERENCES users (id),
    state           TEXT CHECK (state IS NULL OR length(state) = 2),
    smsOptIn        BIGINT NOT NULL DEFAULT 0,
    firstContactAt  BIGINT,
    createdAt       BIGINT NOT NULL,
    updatedAt       BIGINT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    deletedAt       BIGINT
);
CREATE INDEX idx_leads_status ON leads (status);
CREATE INDEX idx_leads_assigned_agent ON leads (assignedAgentId, createdAt);
CREATE INDEX idx_leads_updated_at ON leads (updatedAt);
CREATE INDEX idx_leads_created_at ON leads (createdAt);
CREATE INDEX idx_leads_email ON leads (email);
CREATE INDEX idx_leads_phone ON leads (phone);

CREATE TABLE lead_activities (
    id           TEXT PRIMARY KEY,
    leadId       TEXT NOT NULL REFERENCES leads (id),
    agentId      TEXT,
    activityType TEXT NOT NULL
                 CHECK (activityType IN ('call', 'email', 'meeting', 'note', 'system')),
    notes        TEXT CHECK (notes IS NULL OR length(notes) <= 5000),
    createdAt    BIGINT NOT NULL
);
CREATE INDEX idx_lead_activities_lead ON lead_activities (leadId, createdAt);

CREATE TABLE follow_ups (
    id          TEXT PRIMARY KEY,
    leadId      TEXT NOT NULL REFERENCES leads (id),
    agentId     TEXT,
    dueAt       BIGINT NOT NULL,
    note        TEXT CHECK (note IS NULL OR length(note) <= 5000),
    done        BIGINT NOT NULL DEFAULT 0,
    completedAt BIGINT,
    createdAt   BIGINT NOT NULL,
    updatedAt   BIGINT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX idx_follow_ups_lead ON follow_ups (leadId);
CREATE INDEX idx_follow_ups_agent_due ON follow_ups (agentId, done, dueAt);

CREATE TABLE enrollments (
    id            TEXT PRIMARY KEY,
    leadId        TEXT NOT NULL REFERENCES leads (id),
    agentId       TEXT,
    plan          TEXT CHECK (plan IS NULL OR length(plan) <= 255),
    effectiveDate TEXT,
    notes         TEXT CHECK (notes IS NULL OR length(notes) <= 5000),
    createdAt     BIGINT NOT NULL
);
CREATE INDEX idx_enrollments_lead ON enrollments (leadId);

CREATE TABLE appointments (
    id              TEXT PRIMARY KEY,
    userId          TEXT,
    leadId          TEXT REFERENCES leads (id),
    providerId      TEXT NOT NULL REFERENCES users (id),
    appointmentType TEXT NOT NULL
                    CHECK (appointmentType IN ('consultation', 'enrollment', 'primary_care',
                                               'follow_up')),
    scheduledDate   BIGINT NOT NULL,
    duration        BIGINT NOT NULL DEFAULT 30 CHECK (duration BETWEEN 5 AND 480),
    status          TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'confirmed', 'completed', 'cancelled',
                                      'no_show')),
    notes           TEXT,
    meetingLink     TEXT,
    reminderSent    BIGINT NOT NULL DEFAULT 0,
    createdAt       BIGINT NOT NULL,
    updatedAt       BIGINT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    deletedAt       BIGINT
);
CREATE INDEX idx_appointments_provider_time ON appointments (providerId, scheduledDate);

CREATE TABLE provider_settings (
    providerId       TEXT PRIMARY KEY REFERENCES users (id),
    timeZone         TEXT NOT NULL DEFAULT 'UTC',
    bufferMinutes    BIGINT NOT NULL DEFAULT 0,
    minNoticeMinutes BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE provider_availability (
    id         TEXT PRIMARY KEY,
    providerId TEXT NOT NULL REFERENCES users (id),
    dayOfWeek  BIGINT NOT NULL CHECK (dayOfWeek BETWEEN 0 AND 6),
    startTime  TEXT NOT NULL,
    endTime    TEXT NOT NULL,
    isActive   BIGINT NOT NULL DEFAULT 1,
    createdAt  BIGINT NOT NULL,
    updatedAt  BIGINT NOT NULL
);
CREATE INDEX idx_provider_availability_provider ON provider_availability (providerId);

CREATE TABLE time_off (
    id         TEXT PRIMARY KEY,
    providerId TEXT NOT NULL REFERENCES users (id),
    startAt    BIGINT NOT NULL,
    endAt      BIGINT NOT NULL CHECK (endAt > startAt),
    reason     TEXT,
    createdAt  BIGINT NOT NULL
);
CREATE INDEX idx_time_off_provider ON time_off (providerId, startAt);

CREATE TABLE appointment_reminders (
    id            TEXT PRIMARY KEY,
    appointmentId TEXT NOT NULL REFERENCES appointments (id),
    reminderType  TEXT NOT NULL CHECK (reminderType IN ('email', 'sms')),
    scheduledFor  BIGINT NOT NULL,
    sentAt        BIGINT,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts      BIGINT NOT NULL DEFAULT 0,
    lastError     TEXT,
    leaseUntil    BIGINT
);
CREATE INDEX idx_appointment_reminders_due ON appointment_reminders (status, scheduledFor);

CREATE TABLE change_log (
    seq      BIGINT PRIMARY KEY,
    txId     BIGINT NOT NULL,
    entity   TEXT NOT NULL,
    entityId TEXT NOT NULL,
    op       TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'revoke')),
    version  BIGINT NOT NULL,
    audience TEXT NOT NULL,
    data     TEXT,
    at       BIGINT NOT NULL
);
CREATE INDEX idx_change_log_audience ON change_log (audience, seq);

CREATE TABLE mutations (
    mutationId TEXT PRIMARY KEY,
    userId     TEXT NOT NULL,
    result     TEXT NOT NULL,
    at         BIGINT NOT NULL
);

CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    at            BIGINT NOT NULL,
    userId        TEXT,
    action        TEXT NOT NULL,
    entity        TEXT,
    entityId      TEXT,
    remoteAddress TEXT,
    detail        TEXT,
    prevHash      TEXT NOT NULL,
    hash          TEXT NOT NULL
)
)SQL";

// Version 2: pull pages finish the last transaction of a page by txId; without this index
// that was a scan of the whole log per page (initial sync went quadratic).
const char *const Version2 = R"SQL(
CREATE INDEX idx_change_log_tx ON change_log (txId, seq)
)SQL";

// Version 3: login failures are counted per (e-mail, client address) and per address, so a
// stranger cannot lock a user out from elsewhere; `email` holds a digest of the address from
// now on, never what was typed.
const char *const Version3 = R"SQL(
ALTER TABLE login_failures ADD COLUMN remoteAddress TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_login_failures_remote ON login_failures (remoteAddress, at)
)SQL";

// Version 4: an activity keeps when it happened (occurredAt: a call logged offline hours ago)
// apart from when the server recorded it (createdAt); the history is ordered by occurredAt.
// Entries written before are taken to have happened when they were recorded.
const char *const Version4 = R"SQL(
ALTER TABLE lead_activities ADD COLUMN occurredAt BIGINT NOT NULL DEFAULT 0;
UPDATE lead_activities SET occurredAt = createdAt;
DROP INDEX idx_lead_activities_lead;
CREATE INDEX idx_lead_activities_lead ON lead_activities (leadId, occurredAt)
)SQL";

// Version 5: a system entry carries what it means (code, and params as JSON text) besides its
// English sentence, so each client words it in its own language. Older entries have none.
const char *const Version5 = R"SQL(
ALTER TABLE lead_activities ADD COLUMN code TEXT;
ALTER TABLE lead_activities ADD COLUMN params TEXT
)SQL";

// Version 6: scheduling. A provider's settings gain the horizon, a revision (raised by every
// change to their availability, time off or appointments: what the availability cache checks,
// and the row a booking locks) and the calendar feed's token digest; date overrides get a
// table (a row with no times is a day off); reminders gain the statuses of a delivery ledger
// (sending, cancelled), the provider's message id, and a version for sync. SQLite cannot
// change a CHECK, so the reminders table is rebuilt.
const char *const Version6 = R"SQL(
ALTER TABLE provider_settings ADD COLUMN maxDaysAhead BIGINT NOT NULL DEFAULT 60;
ALTER TABLE provider_settings ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE provider_settings ADD COLUMN feedTokenHash TEXT;
CREATE UNIQUE INDEX idx_provider_settings_feed ON provider_settings (feedTokenHash);
CREATE TABLE provider_overrides (
    providerId TEXT NOT NULL REFERENCES users (id),
    date       TEXT NOT NULL,
    position   BIGINT NOT NULL,
    startTime  TEXT,
    endTime    TEXT,
    PRIMARY KEY (providerId, date, position)
);
CREATE TABLE reminders_v6 (
    id            TEXT PRIMARY KEY,
    appointmentId TEXT NOT NULL REFERENCES appointments (id),
    reminderType  TEXT NOT NULL CHECK (reminderType IN ('email', 'sms')),
    scheduledFor  BIGINT NOT NULL,
    sentAt        BIGINT,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts      BIGINT NOT NULL DEFAULT 0,
    lastError     TEXT,
    leaseUntil    BIGINT,
    messageId     TEXT,
    updatedAt     BIGINT NOT NULL DEFAULT 0,
    version       BIGINT NOT NULL DEFAULT 1
);
INSERT INTO reminders_v6 (id, appointmentId, reminderType, scheduledFor, sentAt, status,
                          attempts, lastError, leaseUntil)
    SELECT id, appointmentId, reminderType, scheduledFor, sentAt, status, attempts, lastError,
           leaseUntil FROM appointment_reminders;
DROP TABLE appointment_reminders;
ALTER TABLE reminders_v6 RENAME TO appointment_reminders;
CREATE INDEX idx_appointment_reminders_due ON appointment_reminders (status, scheduledFor);
CREATE INDEX idx_appointment_reminders_appointment ON appointment_reminders (appointmentId)
)SQL";

// Version 7: SMS consent with its proof (who said yes or no, how, to which wording, when);
// when a carrier confirmed an SMS reminder delivered (reminders are found by the provider's
// message id when its status callback comes); and what a reminder row is for: a reminder, or
// the notice that tells a lead their appointment was cancelled.
const char *const Version7 = R"SQL(
CREATE TABLE sms_consents (
    id          TEXT PRIMARY KEY,
    leadId      TEXT NOT NULL REFERENCES leads (id),
    optedIn     BIGINT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('contact_form', 'agent', 'keyword')),
    textVersion TEXT NOT NULL,
    actorId     TEXT,
    detail      TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX idx_sms_consents_lead ON sms_consents (leadId, at);
ALTER TABLE appointment_reminders ADD COLUMN deliveredAt BIGINT;
ALTER TABLE appointment_reminders ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reminder'
    CHECK (purpose IN ('reminder', 'cancellation'));
CREATE INDEX idx_appointment_reminders_message ON appointment_reminders (messageId)
)SQL";

// Version 8: a lead's preferred language for what the server writes to them (reminders);
// NULL: not said, English. And where a reminder comes from: the type's schedule, an agent
// adding one at a time of their choosing (it keeps its distance to the start when the
// appointment moves), or "send now" (and a correction after a move raced a send).
const char *const Version8 = R"SQL(
ALTER TABLE leads ADD COLUMN preferredLanguage TEXT
    CHECK (preferredLanguage IS NULL OR preferredLanguage IN ('en', 'es'));
ALTER TABLE appointment_reminders ADD COLUMN origin TEXT NOT NULL DEFAULT 'schedule'
    CHECK (origin IN ('schedule', 'added', 'now'))
)SQL";

const char *const Versions[] = {Version1, Version2, Version3, Version4,
                                Version5, Version6, Version7, Version8};

} // namespace

int ServerSchema::latestVersion()
{
    return int(std::size(Versions));
}

QStringList ServerSchema::statements(int version)
{
    if (version < 1 || version > latestVersion())
        return {};
    QStringList result;
    const QStringList parts = QString::fromUtf8(Versions[version - 1]).split(QLatin1Char(';'));
    for (const QString &part : parts) {
        const QString statement = part.trimmed();
        if (!statement.isEmpty())
            result << statement;
    }
    return result;
}

} // namespace Crm
