#include "core/vclock.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#include "core/log.h"

void vclock_init_virtual(vclock *c)
{
    c->virtual_time = true;
    c->frame = 0;
    c->source = NULL;
    c->start = 0.0;
}

void vclock_init_real(vclock *c, vclock_source source)
{
    c->virtual_time = false;
    c->frame = 0;
    c->source = source;
    c->start = source();
}

double vclock_now(const vclock *c)
{
    if (c->virtual_time)
        return (double)c->frame / VCLOCK_HZ;
    return c->source() - c->start;
}

void vclock_tick(vclock *c) { c->frame++; }

double vclock_frame_dt(const vclock *c)
{
    (void)c;
    return 1.0 / VCLOCK_HZ;
}

time_t vclock_wall_start(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        /* Digits only, and a time the calendar code can take with room to
         * add a run's hours: strtoll saturates out of range, and a time near
         * the end of time_t overflowed the day arithmetic. */
        if (isdigit((unsigned char)e[0]) && !*end && errno == 0 && v > 0 && v <= VCLOCK_MAX_EPOCH)
            return (time_t)v;
        LOG_W("clock", "SOURCE_DATE_EPOCH '%s' is not a number of seconds from 1 to %lld; using the clock",
              e, (long long)VCLOCK_MAX_EPOCH);
    }
    return time(NULL);
}
