#include "core/vclock.h"

#include <stddef.h>
#include <stdlib.h>

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
        long long v = strtoll(e, &end, 10);
        if (!*end && v > 0)
            return (time_t)v;
    }
    return time(NULL);
}
