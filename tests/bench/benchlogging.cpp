#include "benchlogging.h"

Q_LOGGING_CATEGORY(lcBench, "crm.bench")
