/* Listen in the scenes beyond the reader (ui/listen.h): the read-along
 * highlight on the timeline's event card, the home screen's Listen button
 * and the attract loop's sound, the last two only when the bundle's
 * manifest asks for them (accessibility: listen_on_home, attract_sound).
 *
 * The kiosk runs headless with SDL's disk audio driver (support/diskaudio.h);
 * the highlight is found in screenshots by its colour: the theme's accent
 * at 30 % over the card's surface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/pngio.h"
#include "support/diskaudio.h"
#include "support/flow.h"
#include "support/subproc.h"

/* content/manifest.yaml's theme: surface #1a2027, accent #d6ad6b. */
static const int surface[3] = {0x1a, 0x20, 0x27}, accent[3] = {0xd6, 0xad, 0x6b};

/* Pixels of shot `name` of run t in the highlight's colour. */
static long highlight_pixels(const flow_trace *t, const char *name)
{
    char path[700], err[700];
    snprintf(path, sizeof path, "%s/%s.png", t->dir, name);
    uint8_t *rgba;
    int w, h;
    if (!pngio_read_rgba(path, &rgba, &w, &h, err, sizeof err))
        fail_msg("%s", err);
    int want[3];
    for (int c = 0; c < 3; c++)
        want[c] = surface[c] + (int)((accent[c] - surface[c]) * 0.3f + 0.5f);
    long n = 0;
    for (long i = 0; i < (long)w * h; i++) {
        const uint8_t *px = rgba + i * 4;
        n += abs(px[0] - want[0]) <= 4 && abs(px[1] - want[1]) <= 4 && abs(px[2] - want[2]) <= 4;
    }
    free(rgba);
    return n;
}

/* Appends a tap at time t on target `id` of `scene`, found by running the
 * script so far (with audio, so Listen buttons are there). */
static void tap_target(flow_script *s, const char *size, const char *extra, double t, const char *scene,
                       const char *id)
{
    flow_trace tr;
    diskaudio_sound snd;
    diskaudio_run(&tr, size, (long)(t * 60) - 6, extra, s, &snd);
    free(snd.pcm);
    int x, y;
    flow_target(&tr, scene, id, &x, &y);
    flow_free(&tr);
    flow_add(s, "%.3f tap %d %d", t, x, y);
}

/* The first listen "sentence" event of text `part` at or after t0, or NULL;
 * *next: the time of the listen event after it. */
static const cJSON *sentence_of(const flow_trace *t, long part, double *next)
{
    for (size_t i = 0; i < t->n; i++) {
        const cJSON *ev = t->ev[i];
        if (strcmp(flow_str(ev, "event"), "listen") || strcmp(flow_str(ev, "phase"), "sentence") ||
            (long)flow_num(ev, "part") != part)
            continue;
        *next = flow_num(ev, "t") + 1;
        for (size_t j = i + 1; j < t->n; j++)
            if (strcmp(flow_str(t->ev[j], "event"), "listen") == 0) {
                *next = flow_num(t->ev[j], "t");
                break;
            }
        return ev;
    }
    return NULL;
}

/* ---- the event card -------------------------------------------------------- */

/* Listen on an event card: the trace follows its date (part 0), title (1)
 * and summary (2), and while the title's and the summary's sentences are
 * heard the card shows the highlight, which it does not before. */
static void test_event_card_highlight(void **state)
{
    (void)state;
    const char *size = "1920x1080";
    flow_script s = {0};
    flow_add(&s, "0.5 tap 960 540");
    tap_target(&s, size, NULL, 1.5, "home", "timeline");
    double te = flow_tap_event(&s, size, 3.0, "ev-2015-09-consensus", NULL, NULL);
    flow_add(&s, "%.3f shot before", te + 0.8);
    tap_target(&s, size, NULL, te + 1, "timeline", "listen");
    flow_trace t;
    diskaudio_sound snd;
    long frames = (long)((te + 12) * 60);
    diskaudio_run(&t, size, frames, "--config none", &s, &snd);
    free(snd.pcm);
    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    assert_non_null(start);
    assert_string_equal(flow_str(start, "id"), "ev-2015-09-consensus");
    double next[3], at[3];
    for (long p = 0; p < 3; p++) {
        const cJSON *ev = sentence_of(&t, p, &next[p]);
        if (!ev)
            fail_msg("no sentence of part %ld (run in %s)", p, t.dir);
        assert_string_equal(flow_str(ev, "id"), "ev-2015-09-consensus");
        assert_true(flow_num(ev, "to") > flow_num(ev, "from"));
        at[p] = flow_num(ev, "t");
    }
    assert_true(at[0] < at[1] && at[1] < at[2]);
    flow_free(&t);

    /* The same run, with a picture while each sentence is heard. */
    const char *names[3] = {"date", "title", "summary"};
    for (int p = 0; p < 3; p++)
        flow_add(&s, "%.3f shot %s", (at[p] + next[p]) / 2, names[p]);
    diskaudio_run(&t, size, frames, "--config none", &s, &snd);
    free(snd.pcm);
    long before = highlight_pixels(&t, "before");
    if (before > 200)
        fail_msg("%ld pixels of the highlight's colour before Listen (run in %s)", before, t.dir);
    for (int p = 0; p < 3; p++) {
        long n = highlight_pixels(&t, names[p]);
        if (n < 2000)
            fail_msg("%ld pixels of the highlight while the %s is read (run in %s)", n, names[p], t.dir);
    }
    flow_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_card_highlight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
