#pragma once

#include <QLatin1String>

// The words of the sync protocol (API.md "Sync"), spoken by the server (server/syncpull,
// syncpush, the change log) and by the client (sync/syncengine, pullapplier, outbox,
// localedits). Both ends read them from here, so a name is spelt once. Header-only, with no
// dependency beyond QtCore: it sits in crm_models, the one library below both the client
// library (crm_sync) and the server's (crm_server), next to the other wire vocabulary
// (WireTime, the lead status and source names); SharedTables names each table's entity with it.
namespace Crm::SyncProtocol {

// What the X-CRM-Schema header carries: the protocol version both ends speak. A server
// refuses clients older than its minimum with 426 upgrade_required.
inline constexpr int Version = 1;
inline constexpr char VersionHeader[] = "X-CRM-Schema";

inline constexpr QLatin1String PullPath{"/api/sync/pull"};
inline constexpr QLatin1String PushPath{"/api/sync/push"};
inline constexpr QLatin1String LivePath{"/api/sync/live"};

// The `entity` of a change and of a mutation.
namespace Entity {
inline constexpr QLatin1String Lead{"lead"};
inline constexpr QLatin1String Activity{"activity"};
inline constexpr QLatin1String FollowUp{"follow_up"};
inline constexpr QLatin1String Enrollment{"enrollment"};
inline constexpr QLatin1String User{"user"};
inline constexpr QLatin1String Appointment{"appointment"};
inline constexpr QLatin1String Availability{"availability"}; // id: the provider's user id
inline constexpr QLatin1String TimeOff{"time_off"};
inline constexpr QLatin1String Reminder{"reminder"};
} // namespace Entity

// The `op` of a pulled change: revoke means "left your scope" (keep nothing of it), not
// "deleted".
namespace ChangeOp {
inline constexpr QLatin1String Upsert{"upsert"};
inline constexpr QLatin1String Delete{"delete"};
inline constexpr QLatin1String Revoke{"revoke"};
} // namespace ChangeOp

// The `op` of a pushed mutation.
namespace MutationOp {
inline constexpr QLatin1String Create{"create"};
inline constexpr QLatin1String Update{"update"};
inline constexpr QLatin1String Delete{"delete"};
} // namespace MutationOp

// The `status` of a push result.
namespace ResultStatus {
inline constexpr QLatin1String Applied{"applied"};
inline constexpr QLatin1String Conflict{"conflict"};
inline constexpr QLatin1String Rejected{"rejected"};
} // namespace ResultStatus

// JSON keys of the pull page, the push request and its results.
namespace Key {
// pull: {changes: [{seq, entity, id, op, version, data}], cursor, hasMore, head}
inline constexpr QLatin1String Changes{"changes"};
inline constexpr QLatin1String Seq{"seq"};
inline constexpr QLatin1String Entity{"entity"};
inline constexpr QLatin1String Id{"id"};
inline constexpr QLatin1String Op{"op"};
inline constexpr QLatin1String Version{"version"};
inline constexpr QLatin1String Data{"data"};
inline constexpr QLatin1String Cursor{"cursor"};
inline constexpr QLatin1String HasMore{"hasMore"};
inline constexpr QLatin1String Head{"head"};
inline constexpr QLatin1String Limit{"limit"};
// push: {clientId, mutations: [{mutationId, entity, id, op, baseVersion,
//        fields: {name: {old, new}} | data}]}
inline constexpr QLatin1String ClientId{"clientId"};
inline constexpr QLatin1String Mutations{"mutations"};
inline constexpr QLatin1String MutationId{"mutationId"};
inline constexpr QLatin1String BaseVersion{"baseVersion"};
inline constexpr QLatin1String Fields{"fields"};
inline constexpr QLatin1String Old{"old"};
inline constexpr QLatin1String New{"new"};
// push answer: {results: [{mutationId, status, version?, reason?, conflicts?: {field: {mine,
//               theirs}}, current?}], cursor}
inline constexpr QLatin1String Results{"results"};
inline constexpr QLatin1String Status{"status"};
inline constexpr QLatin1String Reason{"reason"};
inline constexpr QLatin1String Conflicts{"conflicts"};
inline constexpr QLatin1String Mine{"mine"};
inline constexpr QLatin1String Theirs{"theirs"};
inline constexpr QLatin1String Current{"current"};
// a refused booking's result (reason slot_taken): {conflicting: {id, start, end},
// suggestions: [{start, end}]}
inline constexpr QLatin1String Conflicting{"conflicting"};
inline constexpr QLatin1String Suggestions{"suggestions"};
} // namespace Key

// Error codes of the protocol that a client acts on.
namespace ErrorCode {
inline constexpr QLatin1String CursorExpired{"cursor_expired"};
inline constexpr QLatin1String UpgradeRequired{"upgrade_required"};
inline constexpr QLatin1String SlotTaken{"slot_taken"};
inline constexpr QLatin1String OutsideAvailability{"outside_availability"};
inline constexpr QLatin1String InvalidTransition{"invalid_transition"};
} // namespace ErrorCode

} // namespace Crm::SyncProtocol
