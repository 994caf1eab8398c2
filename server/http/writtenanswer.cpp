#include "writtenanswer.h"

#include "http/apiserver.h"
#include "storage/writetransaction.h"

namespace Crm {

ApiResponse writtenAnswer(ApiContext &context,
                          int status,
                          const std::function<Result<QJsonObject>(WriteTransaction &)> &write)
{
    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    const Result<QJsonObject> result = write(tx);
    if (!result.ok())
        return ApiError::fromError(result.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return ApiError::fromError(committed.error());
    return ApiResponse(result.value(), status);
}

} // namespace Crm
