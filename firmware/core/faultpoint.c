/* faultpoint: numbered crash points (core/faultpoint.h). */
#include "core/faultpoint.h"

#include <signal.h>

static long fault_armed_at; /* 0: disarmed */
static long fault_steps;

void faultpoint_arm(long n)
{
    fault_armed_at = n > 0 ? fault_steps + n : 0;
}

void faultpoint(const char *what)
{
    (void)what;
    if (++fault_steps == fault_armed_at)
        raise(SIGKILL);
}

long faultpoint_count(void)
{
    return fault_steps;
}
