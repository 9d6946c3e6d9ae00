#include "support/diskaudio.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "support/subproc.h"

void diskaudio_run(flow_trace *t, const char *size, long frames, const char *extra, const flow_script *s,
                   diskaudio_sound *out)
{
    static int runs;
    char path[600];
    snprintf(path, sizeof path, "%s/diskaudio%d.raw", subproc_test_dir(), ++runs);
    remove(path);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", path, 1);
    setenv("SDL_DISKAUDIODELAY", "1", 1); /* ms between buffers: the kiosk's clock paces it */
    flow_run(t, size, frames, extra, s);
    unsetenv("SDL_AUDIODRIVER");
    assert_int_equal(t->status, 0);
    size_t len = 0;
    char *bytes = subproc_read_file(path, &len);
    if (!bytes)
        fail_msg("no audio file %s", path);
    out->pcm = (int16_t *)bytes;
    out->n = len / 2;
    out->lead = 0;
    out->want = (size_t)((frames - 1) * DISKAUDIO_RATE / 60); /* SDL pads the last buffer */
    if (out->n < out->want)
        fail_msg("%zu samples for %ld frames (want %zu)", out->n, frames, out->want);
}

void diskaudio_run_targets(flow_trace *t, const char *size, long frames, const char *extra,
                           const flow_script *s)
{
    diskaudio_sound snd;
    diskaudio_run(t, size, frames, extra, s, &snd);
    free(snd.pcm);
}

size_t diskaudio_at(double t) { return (size_t)((double)lround(t * 60) * DISKAUDIO_RATE / 60 + 1e-6); }

void diskaudio_find_lead(diskaudio_sound *s, double t0)
{
    size_t from = diskaudio_at(t0), a = from;
    while (a < s->n && s->pcm[a] == 0)
        a++;
    if (a >= s->n)
        fail_msg("no sound after %.3f s", t0);
    s->lead = (a - from) / DISKAUDIO_BUFFER * DISKAUDIO_BUFFER;
    if (s->n > s->lead + s->want + 4 * DISKAUDIO_BUFFER)
        fail_msg("%zu samples: %zu of lead and %zu of the run", s->n, s->lead, s->want);
}

size_t diskaudio_first_loud(const diskaudio_sound *s, size_t from)
{
    for (size_t i = from; i < s->n; i++)
        if (s->pcm[i])
            return i;
    return (size_t)-1;
}

size_t diskaudio_last_loud(const diskaudio_sound *s)
{
    for (size_t i = s->n; i > 0; i--)
        if (s->pcm[i - 1])
            return i - 1;
    return (size_t)-1;
}

size_t diskaudio_loud(const diskaudio_sound *s, double t0, double t1)
{
    size_t n = 0;
    for (size_t i = diskaudio_at(t0) + s->lead; i < diskaudio_at(t1) + s->lead && i < s->n; i++)
        n += s->pcm[i] != 0;
    return n;
}
