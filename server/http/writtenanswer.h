#pragma once

#include "domain/result.h"
#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <functional>

namespace Crm {

class WriteTransaction;

// Runs `write` in one write transaction and answers what it returns with `status`; every
// failure (beginning, the write, committing) is mapped to HTTP in one place
// (ApiError::fromError). What the controllers' write handlers share.
ApiResponse writtenAnswer(ApiContext &context,
                          int status,
                          const std::function<Result<QJsonObject>(WriteTransaction &)> &write);

} // namespace Crm
