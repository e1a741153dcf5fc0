#pragma once

#include "pool/serverpool.h"

// Pool options for tests against real local workers: health checks, reconnects
// and retries in tens of milliseconds, a 15 s task timeout, no sampling timer.
// Callers set what their test needs on top (concurrency, shutdown grace).
mcppm::ServerPoolOptions fastPoolOptions();
