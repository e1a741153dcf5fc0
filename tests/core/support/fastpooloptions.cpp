#include "fastpooloptions.h"

mcppm::ServerPoolOptions fastPoolOptions()
{
    mcppm::ServerPoolOptions o;
    o.healthCheckIntervalMs = 200;
    o.health.reconnectDelayMs = 100;
    o.health.reconnectMaxDelayMs = 400;
    o.queue.retryDelayMs = 20;
    o.queue.retryMaxDelayMs = 100;
    o.queue.taskTimeoutMs = 15000;
    o.sampleIntervalMs = 0;
    return o;
}
