#pragma once

// DisplayTime moved to models/domain (the history entries use it too); this include stays
// only until the widgets include "domain/displaytime.h".
#include "domain/displaytime.h"
