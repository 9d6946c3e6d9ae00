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

/* content/manifest.yaml's theme: background #101418, surface #1a2027,
 * accent #d6ad6b. */
static const int background[3] = {0x10, 0x14, 0x18}, surface[3] = {0x1a, 0x20, 0x27},
                 accent[3] = {0xd6, 0xad, 0x6b};

/* The pixels of a shot in the highlight's colour over a theme colour, in
 * the columns x0..x1 and rows y0..y1 (inclusive): how many, and the box
 * around them. (Antialiasing at the edge of anything in the accent colour,
 * a button or a label, makes a few pixels of any colour between it and the
 * background.) */
typedef struct {
    long n;
    int x0, y0, x1, y1;
} highlight_area;

static highlight_area highlight_over(const flow_trace *t, const char *name, const int under[3], int x0,
                                     int y0, int x1, int y1)
{
    char path[700], err[700];
    snprintf(path, sizeof path, "%s/%s.png", t->dir, name);
    uint8_t *rgba;
    int w, h;
    if (!pngio_read_rgba(path, &rgba, &w, &h, err, sizeof err))
        fail_msg("%s", err);
    int want[3];
    for (int c = 0; c < 3; c++)
        want[c] = under[c] + (int)((accent[c] - under[c]) * 0.3f + 0.5f);
    highlight_area a = {0, w, h, -1, -1};
    for (long i = 0; i < (long)w * h; i++) {
        const uint8_t *px = rgba + i * 4;
        if (abs(px[0] - want[0]) > 4 || abs(px[1] - want[1]) > 4 || abs(px[2] - want[2]) > 4)
            continue;
        int x = (int)(i % w), y = (int)(i / w);
        if (x < x0 || x > x1 || y < y0 || y > y1)
            continue;
        a.n++;
        a.x0 = x < a.x0 ? x : a.x0;
        a.y0 = y < a.y0 ? y : a.y0;
        a.x1 = x > a.x1 ? x : a.x1;
        a.y1 = y > a.y1 ? y : a.y1;
    }
    free(rgba);
    return a;
}

/* Pixels of shot `name` of run t in the highlight's colour on a card. */
static long highlight_pixels(const flow_trace *t, const char *name)
{
    return highlight_over(t, name, surface, 0, 0, 1 << 20, 1 << 20).n;
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
    flow_tap_target(&s, diskaudio_run_targets, size, (long)(1.5 * 60) - 6, NULL, "home", "timeline", 1.5);
    double te = flow_tap_event(&s, size, 3.0, "ev-2015-09-consensus", NULL, NULL);
    flow_add(&s, "%.3f shot before", te + 0.8);
    flow_tap_target(&s, diskaudio_run_targets, size, (long)((te + 1) * 60) - 6, NULL, "timeline", "listen",
                    te + 1);
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

/* ---- the reader in English -------------------------------------------------- */

/* The last listen "sentence" event of text `part`, or NULL; *next: the
 * time of the listen event after it. */
static const cJSON *last_sentence_of(const flow_trace *t, long part, double *next)
{
    const cJSON *last = NULL;
    for (size_t i = 0; i < t->n; i++) {
        const cJSON *ev = t->ev[i];
        if (strcmp(flow_str(ev, "event"), "listen") || strcmp(flow_str(ev, "phase"), "sentence") ||
            (long)flow_num(ev, "part") != part)
            continue;
        last = ev;
        *next = flow_num(ev, "t") + 1;
        for (size_t j = i + 1; j < t->n; j++)
            if (strcmp(flow_str(t->ev[j], "event"), "listen") == 0) {
                *next = flow_num(t->ev[j], "t");
                break;
            }
    }
    return last;
}

/* In English Listen reads the excerpt's English heading (part 0) and its
 * summary (part 1), and the summary is where the page starts: while its
 * first and its last sentence are heard, the highlight shows in the
 * passage's view (the page scrolled to it), and at 1920x1080, where the
 * summary and the original stand side by side, in the left column only.
 * Nothing in the view has the highlight's colour before Listen. */
static void reader_english_highlight(const char *size)
{
    int w, h;
    assert_int_equal(sscanf(size, "%dx%d", &w, &h), 2);
    const char *extra = "--config none";
    flow_script s = {0};
    flow_add(&s, "0.5 tap %d %d", w / 2, h / 2);
    flow_tap_target(&s, diskaudio_run_targets, size, 60, extra, "home", "lang", 1.2);
    flow_tap_target(&s, diskaudio_run_targets, size, 90, extra, "home", "articles", 1.7);
    flow_add(&s, "2.3 shot before");
    flow_tap_target(&s, diskaudio_run_targets, size, 130, extra, "reader", "listen", 2.5);
    flow_trace t;
    diskaudio_sound snd;
    long frames = 60 * 60;
    diskaudio_run(&t, size, frames, extra, &s, &snd);
    free(snd.pcm);
    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    if (!start)
        fail_msg("no listen start (run in %s)", t.dir);
    assert_string_equal(flow_str(start, "id"), "ex-a000-new-arena");
    double next[2], at[2];
    const cJSON *ev[2];
    ev[0] = sentence_of(&t, 1, &next[0]);
    ev[1] = last_sentence_of(&t, 1, &next[1]);
    if (!ev[0] || ev[0] == ev[1])
        fail_msg("not two sentences of the summary (run in %s)", t.dir);
    for (int k = 0; k < 2; k++)
        at[k] = flow_num(ev[k], "t");
    double vx, vy, vw, vh; /* the passage's view: the excerpt's target */
    if (!flow_find_target(&t, "reader", "ex-a000-new-arena", &vx, &vy, &vw, &vh))
        fail_msg("no view traced (run in %s)", t.dir);
    flow_free(&t);

    const char *names[2] = {"first", "last"};
    for (int k = 0; k < 2; k++)
        flow_add(&s, "%.3f shot %s", (at[k] + next[k]) / 2, names[k]);
    diskaudio_run(&t, size, frames, extra, &s, &snd);
    free(snd.pcm);
    int top = (int)vy, bottom = (int)(vy + vh) - 1;
    highlight_area a = highlight_over(&t, "before", background, 0, top, w - 1, bottom);
    if (a.n > 200)
        fail_msg("%ld pixels of the highlight's colour before Listen (run in %s)", a.n, t.dir);
    for (int k = 0; k < 2; k++) {
        a = highlight_over(&t, names[k], background, 0, top, w - 1, bottom);
        if (a.n < 2000)
            fail_msg("%s: %ld pixels of the highlight in the view while the summary's %s sentence is heard "
                     "(run in %s)",
                     size, a.n, names[k], t.dir);
        highlight_area right = highlight_over(&t, names[k], background, w / 2, top, w - 1, bottom);
        if (w == 1920 && right.n > 200)
            fail_msg("%s: %ld of %ld pixels of the summary's highlight in the original's column (run in %s)",
                     size, right.n, a.n, t.dir);
    }
    flow_free(&t);
}

static void test_reader_english_highlight(void **state)
{
    (void)state;
    reader_english_highlight("1920x1080");
    reader_english_highlight("800x480");
    reader_english_highlight("1080x1920");
}

/* ---- the home screen -------------------------------------------------------- */

/* A copy of content/ in the test's directory with `line` added to the
 * manifest's accessibility section; returns its path. */
static const char *bundle_with(const char *name, const char *line)
{
    static char dir[4][600];
    static int k;
    char *d = dir[k++ % 4];
    snprintf(d, sizeof dir[0], "%s/%s", subproc_test_dir(), name);
    assert_int_equal(subproc_shell("rm -rf %s && mkdir -p %s && cp -r content/. %s/ && "
                                   "sed -i 's/^accessibility:$/accessibility:\\n  %s/' %s/manifest.yaml && "
                                   "grep -q '^  %s$' %s/manifest.yaml",
                                   d, d, d, line, d, line, d),
                     0);
    return d;
}

/* The default bundle: no Listen button on the home screen, even with sound. */
static void test_home_has_no_listen_by_default(void **state)
{
    (void)state;
    flow_script s = {0};
    flow_add(&s, "0.5 tap 540 960");
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1080x1920", 120, "--config none", &s, &snd);
    free(snd.pcm);
    double x, y, w, h;
    assert_true(flow_find_target(&t, "home", "timeline", &x, &y, &w, &h));
    assert_false(flow_find_target(&t, "home", "listen", &x, &y, &w, &h));
    flow_free(&t);
}

/* listen_on_home: true puts a Listen button in the top bar, within reach
 * in portrait (reach mode by default), which reads the home screen. */
static void test_home_listen_when_the_manifest_asks(void **state)
{
    (void)state;
    char extra[800];
    snprintf(extra, sizeof extra, "--config none --bundle %s",
             bundle_with("home-listen", "listen_on_home: true"));
    flow_script s = {0};
    flow_add(&s, "0.5 tap 540 960");
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1080x1920", 120, extra, &s, &snd);
    free(snd.pcm);
    double x, y, w, h;
    if (!flow_find_target(&t, "home", "listen", &x, &y, &w, &h))
        fail_msg("no Listen button on the home screen (run in %s)", t.dir);
    /* The zone as tests/test_reach.c computes it, the bottom edge at 800 mm. */
    float ppm = (float)flow_num(flow_first(&t, "start", NULL, NULL), "px_per_mm");
    double top = 1920 - (1220.0 - 800.0) * ppm;
    assert_true(y >= top - 0.5 && y + h <= 1920);
    flow_free(&t);

    flow_add(&s, "2.0 tap %d %d", (int)(x + w / 2), (int)(y + h / 2));
    diskaudio_run(&t, "1080x1920", 60 * 8, extra, &s, &snd);
    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    if (!start)
        fail_msg("no listen start (run in %s)", t.dir);
    assert_string_equal(flow_str(start, "id"), "home");
    assert_true(flow_num(start, "sentences") >= 3); /* the title, the two choices */
    double dummy;
    assert_non_null(sentence_of(&t, 0, &dummy));
    diskaudio_find_lead(&snd, flow_num(start, "t"));
    assert_true(diskaudio_loud(&snd, flow_num(start, "t"), 8.0) > diskaudio_at(0.5));
    free(snd.pcm);
    /* The choices' names, parts 1 and 2, highlighted on their cards while
     * heard; nothing in that colour before the reading. */
    double at[2], next[2];
    for (int p = 0; p < 2; p++) {
        const cJSON *ev = sentence_of(&t, p + 1, &next[p]);
        if (!ev)
            fail_msg("no sentence of part %d (run in %s)", p + 1, t.dir);
        at[p] = flow_num(ev, "t");
    }
    flow_free(&t);
    flow_script s2 = {0}; /* the same taps, with pictures (a script runs in time order) */
    flow_add(&s2, "0.5 tap 540 960");
    flow_add(&s2, "1.5 shot before");
    flow_add(&s2, "2.0 tap %d %d", (int)(x + w / 2), (int)(y + h / 2));
    flow_add(&s2, "%.3f shot articles", (at[0] + next[0]) / 2);
    flow_add(&s2, "%.3f shot timeline", (at[1] + next[1]) / 2);
    diskaudio_run(&t, "1080x1920", 60 * 8, extra, &s2, &snd);
    free(snd.pcm);
    long before = highlight_pixels(&t, "before");
    if (before > 200)
        fail_msg("%ld pixels of the highlight's colour before Listen (run in %s)", before, t.dir);
    const char *names[2] = {"articles", "timeline"};
    for (int p = 0; p < 2; p++) {
        long n = highlight_pixels(&t, names[p]);
        if (n < 2000)
            fail_msg("%ld pixels of the highlight's colour while '%s' is heard (run in %s)", n, names[p], t.dir);
    }
    flow_free(&t);
}

/* ---- the attract loop --------------------------------------------------------- */

/* The n-th (from 0) listen event of `phase`, or NULL. */
static const cJSON *listen_nth(const flow_trace *t, const char *phase, int n)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(flow_str(t->ev[i], "event"), "listen") == 0 &&
            strcmp(flow_str(t->ev[i], "phase"), phase) == 0 && n-- == 0)
            return t->ev[i];
    return NULL;
}

/* With attract_sound the attract loop reads each card as it is shown: the
 * first card (an event, put first here so its reading is short) is read to
 * its end, past its dwell, and the next card comes ATTRACT_AFTER_READ_S
 * (1.5 s) after; its reading starts with it; a touch stops it, and
 * silence follows. */
static void test_attract_sound_when_the_manifest_asks(void **state)
{
    (void)state;
    const char *dir = bundle_with("attract-sound", "attract_sound: true");
    /* The event first, the excerpt second. */
    assert_int_equal(subproc_shell("sed -i -e 's/^    - excerpt: ex-a000-new-arena$/    - event: FIRST/' "
                                   "-e 's/^    - event: ev-1972-nixon-mao$/    - excerpt: ex-a000-new-arena/' "
                                   "-e 's/^    - event: FIRST$/    - event: ev-1972-nixon-mao/' %s/manifest.yaml",
                                   dir),
                     0);
    char extra[800];
    snprintf(extra, sizeof extra, "--config none --bundle %s", dir);
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1080x1920", 60 * 45, extra, NULL, &snd);
    free(snd.pcm);
    const cJSON *card0 = flow_first(&t, "attract", NULL, NULL);
    assert_non_null(card0);
    assert_string_equal(flow_str(card0, "id"), "ev-1972-nixon-mao");
    const cJSON *start = listen_nth(&t, "start", 0);
    if (!start)
        fail_msg("no listen start in the attract loop (run in %s)", t.dir);
    assert_string_equal(flow_str(start, "id"), "ev-1972-nixon-mao");
    assert_true(flow_num(start, "t") < 0.1);
    const cJSON *stop0 = listen_nth(&t, "stop", 0);
    assert_non_null(stop0);
    assert_string_equal(flow_str(stop0, "reason"), "end"); /* read whole */
    const cJSON *card1 = NULL;
    for (size_t i = 0; i < t.n && !card1; i++)
        if (t.ev[i] != card0 && strcmp(flow_str(t.ev[i], "event"), "attract") == 0)
            card1 = t.ev[i];
    if (!card1)
        fail_msg("no second card (run in %s)", t.dir);
    assert_string_equal(flow_str(card1, "id"), "ex-a000-new-arena");
    double after = flow_num(card1, "t") - flow_num(stop0, "t");
    if (after < 1.45 || after > 1.6)
        fail_msg("the next card %.3f s after the reading's end", after);
    assert_true(flow_num(stop0, "t") > 8.0); /* longer than the event's dwell would have been */
    const cJSON *start1 = listen_nth(&t, "start", 1);
    assert_non_null(start1);
    assert_string_equal(flow_str(start1, "id"), flow_str(card1, "id"));
    assert_true(flow_num(start1, "t") - flow_num(card1, "t") < 0.05);
    double touch = flow_num(card1, "t") + 3;
    flow_free(&t);

    /* The touch: the scene leaves, the reading stops, silence after. */
    flow_script s = {0};
    flow_add(&s, "%.3f tap 540 960", touch);
    diskaudio_run(&t, "1080x1920", (long)((touch + 3) * 60), extra, &s, &snd);
    const cJSON *last = flow_last(&t, "listen", "phase", "stop");
    assert_non_null(last);
    assert_string_equal(flow_str(last, "reason"), "leave");
    assert_true(flow_num(last, "t") >= touch && flow_num(last, "t") < touch + 0.1);
    diskaudio_find_lead(&snd, flow_num(listen_nth(&t, "start", 0), "t"));
    assert_true(diskaudio_loud(&snd, 0, touch - 3) > diskaudio_at(2));
    assert_true(diskaudio_loud(&snd, touch - 3, touch) > diskaudio_at(1));
    assert_int_equal(diskaudio_loud(&snd, flow_num(last, "t") + 1.0 / 60, touch + 3), 0);
    free(snd.pcm);
    flow_free(&t);
}

/* With attract_sound the card being read shows the read-along highlight
 * on the sentence heard; without it (nothing read) the card has none. */
static void test_attract_card_highlight(void **state)
{
    (void)state;
    char extra[800];
    snprintf(extra, sizeof extra, "--config none --bundle %s", bundle_with("attract-highlight", "attract_sound: true"));
    flow_script s = {0};
    flow_add(&s, "3.0 shot reading");
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1080x1920", 60 * 4, extra, &s, &snd);
    free(snd.pcm);
    assert_non_null(flow_first(&t, "listen", "phase", "sentence"));
    long n = highlight_pixels(&t, "reading");
    if (n < 2000)
        fail_msg("%ld pixels of the highlight's colour on the card being read (run in %s)", n, t.dir);
    flow_free(&t);
    diskaudio_run(&t, "1080x1920", 60 * 4, "--config none", &s, &snd);
    free(snd.pcm);
    n = highlight_pixels(&t, "reading");
    if (n > 200)
        fail_msg("%ld pixels of the highlight's colour on a silent card (run in %s)", n, t.dir);
    flow_free(&t);
}

/* The operator's sound check: in the menu, Test sound plays a 1 kHz tone
 * of 1.5 s through the device (counted by its zero crossings), then
 * silence. */
static void test_operator_test_tone(void **state)
{
    (void)state;
    flow_script s = {0};
    flow_f12_pin(&s, 1.0);
    /* The menu's button is traced as a target of the scene it opened on. */
    flow_tap_target(&s, diskaudio_run_targets, "1920x1080", 90, "--config none", "home", "op:test-sound",
                    2.0);
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1920x1080", 60 * 5, "--config none", &s, &snd);
    const cJSON *tone = flow_first(&t, "listen", "phase", "tone");
    assert_non_null(tone);
    double t0 = flow_num(tone, "t");
    assert_int_equal(diskaudio_loud(&snd, 0, t0), 0); /* nothing before: the lead is still unknown */
    diskaudio_find_lead(&snd, t0);
    size_t a = diskaudio_at(t0) + snd.lead, n = diskaudio_at(1.5), crossings = 0;
    assert_true(a + n + diskaudio_at(1) <= snd.n);
    for (size_t i = a + 1; i < a + n; i++)
        crossings += (snd.pcm[i - 1] < 0) != (snd.pcm[i] < 0);
    if (crossings < 2900 || crossings > 3100) /* 2 a period, 1000 periods a second */
        fail_msg("%zu zero crossings in 1.5 s", crossings);
    assert_true(diskaudio_loud(&snd, t0, t0 + 1.5) > diskaudio_at(1.4));
    assert_int_equal(diskaudio_loud(&snd, t0 + 1.5 + 1.0 / 60, 5.0), 0);
    free(snd.pcm);
    flow_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_card_highlight),
        cmocka_unit_test(test_reader_english_highlight),
        cmocka_unit_test(test_home_has_no_listen_by_default),
        cmocka_unit_test(test_home_listen_when_the_manifest_asks),
        cmocka_unit_test(test_attract_sound_when_the_manifest_asks),
        cmocka_unit_test(test_attract_card_highlight),
        cmocka_unit_test(test_operator_test_tone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
