/* The exhibit's UI run as a library, without SDL and without a subprocess:
 * the shell is fed input events at a virtual time, and the tests read the
 * scene it is in, the targets it registered, the trace it wrote and the
 * draw lists it built. The subprocess flow tests (test_ui_flows.c) prove the
 * same paths end to end; these pin down the input policy and the drawing
 * invariants one rule at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/load.h"
#include "core/trace.h"
#include "core/utf8.h"
#include "support/hostile.h"
#include "support/texttest.h"
#include "text/layout_private.h"
#include "text/punct.h"
#include "ui/scene_attract.h"
#include "ui/scene_error.h"
#include "ui/scene_home.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"
#include "ui/shell.h"
#include "ui/tl_private.h"
#include "ui/widgets.h"

#define SHELL_EPOCH 1763800000 /* 2025-11-22, as in the flow tests */
#define BUNDLE_DIR "content"
#define STEP (1.0 / 60.0)

typedef struct {
    text_engine *te;
    bundle *b;
    ui_shell sh;
    FILE *tf;            /* the trace, in memory */
    char *tbuf;
    size_t tlen;
    trace *tr;
    double now;
    int reloads, rotations, shots, rss_asks;
    unsigned long frames_drawn;
} fixture;

static void host_reload(void *user) { ((fixture *)user)->reloads++; }
static void host_rotate(void *user) { ((fixture *)user)->rotations++; }
static void host_screenshot(void *user) { ((fixture *)user)->shots++; }
static long host_rss_kb(void *user)
{
    ((fixture *)user)->rss_asks++;
    return 48 * 1024;
}

static bundle *load_content(void)
{
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(BUNDLE_DIR, NULL, &d);
    if (!b)
        diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(b);
    return b;
}

/* The shell on the default bundle with config c (its wall clock set here). */
static fixture *open_fixture_config(shell_config c)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->te = texttest_open();
    f->b = load_content();
    f->tf = open_memstream(&f->tbuf, &f->tlen);
    assert_non_null(f->tf);
    f->tr = trace_open_stream(f->tf);
    c.wall_start = SHELL_EPOCH;
    shell_host host = {f, host_reload, host_rotate, host_screenshot, host_rss_kb};
    assert_true(shell_init(&f->sh, f->te, f->tr, NULL, &c, &host));
    shell_show_bundle(&f->sh, f->b);
    return f;
}

/* A shell at w x h showing content/; f12_off as the site's operator_f12 = no. */
static fixture *open_fixture_f12(int w, int h, bool f12_off)
{
    return open_fixture_config((shell_config){.w = w, .h = h, .px_per_mm = 3.64f, .f12_off = f12_off});
}

static fixture *open_fixture(int w, int h) { return open_fixture_f12(w, h, false); }

static void close_fixture(fixture *f)
{
    shell_free(&f->sh);
    trace_close(f->tr);
    fclose(f->tf);
    free(f->tbuf);
    bundle_free(f->b);
    text_close(f->te);
    free(f);
}

/* Every list the shell builds: clips balanced, nothing dropped, and nothing
 * drawn wholly outside the picture (a wasted command, or a layout bug). */
static void check_list(const fixture *f, const dl_list *l)
{
    const ui_ctx *ui = &f->sh.ui;
    assert_true(dl_balanced(l));
    assert_int_equal(l->dropped, 0);
    for (size_t i = 0; i < l->count; i++) {
        const dl_cmd *c = &l->cmd[i];
        if (c->kind == DL_CLIP_POP || c->kind == DL_ALPHA)
            continue;
        bool inside = c->x < ui->w && c->y < ui->h && c->x + c->w > 0 && c->y + c->h > 0;
        if (!inside)
            fail_msg("%s at %dx%d: command %zu (kind %d) at %.1f,%.1f %.1fx%.1f is outside the picture",
                     ui->scene->name, ui->w, ui->h, i, (int)c->kind, c->x, c->y, c->w, c->h);
    }
}

/* One frame, as the program runs it. */
static void frame(fixture *f)
{
    shell_begin_frame(&f->sh, f->now);
    shell_update(&f->sh);
    if (shell_needs_draw(&f->sh)) {
        check_list(f, shell_draw(&f->sh));
        shell_drawn(&f->sh);
        f->frames_drawn++;
    }
    shell_end_frame(&f->sh);
    f->now += STEP;
}

static void run(fixture *f, double seconds)
{
    for (double end = f->now + seconds; f->now < end;)
        frame(f);
}

static void input(fixture *f, input_type type, float x, float y)
{
    input_event in = {.type = type, .pointer = 0, .x = x, .y = y, .t = f->now};
    shell_begin_frame(&f->sh, f->now);
    shell_input(&f->sh, &in);
    shell_update(&f->sh);
    if (shell_needs_draw(&f->sh)) {
        check_list(f, shell_draw(&f->sh));
        shell_drawn(&f->sh);
    }
    f->now += STEP;
}

static void tap(fixture *f, float x, float y)
{
    input(f, INPUT_DOWN, x, y);
    run(f, 0.05);
    input(f, INPUT_UP, x, y);
    run(f, 0.1);
}

static void key(fixture *f, const char *name)
{
    input_event in = {.type = INPUT_KEY, .t = f->now};
    snprintf(in.key, sizeof in.key, "%s", name);
    shell_begin_frame(&f->sh, f->now);
    shell_input(&f->sh, &in);
    shell_update(&f->sh);
    f->now += STEP;
    run(f, 0.1);
}

/* Taps the centre of target `id` of the current scene. */
static void tap_target(fixture *f, const char *id)
{
    const target *t = targets_find(&f->sh.ui.targets, id);
    if (!t)
        fail_msg("no target '%s' in scene %s", id, f->sh.ui.scene->name);
    tap(f, t->x + t->w / 2, t->y + t->h / 2);
}

/* Types the PIN on the keyboard (the number row; on the keypad with `keypad`). */
static void type_pin(fixture *f, const char *pin, bool keypad)
{
    for (const char *p = pin; *p; p++) {
        char name[16];
        snprintf(name, sizeof name, "%s%c", keypad ? "keypad" : "", *p);
        key(f, name);
    }
}

/* F12 and the bundle's PIN typed: the operator menu, as a technician with a
 * keyboard opens it. */
static void open_menu(fixture *f)
{
    key(f, "f12");
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    type_pin(f, f->b->manifest.pin, false);
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
}

static int trace_count(fixture *f, const char *needle)
{
    fflush(f->tf);
    int n = 0;
    for (const char *p = f->tbuf; p && (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* ---- the input policy -------------------------------------------------- */

/* The touch that wakes the attract loop presses nothing on the home screen,
 * even where a button will be. */
static void test_waking_touch_presses_nothing(void **state)
{
    (void)state;
    fixture *f = open_fixture(1920, 1080);
    run(f, 1);
    assert_ptr_equal(f->sh.ui.scene, &scene_attract);
    ui_rect tl = f->sh.ui.m.home.timeline;
    tap(f, tl.x + tl.w / 2, tl.y + tl.h / 2);
    assert_ptr_equal(f->sh.ui.scene, &scene_home);
    assert_int_equal(trace_count(f, "\"event\":\"tap\""), 0);
    tap_target(f, "timeline");
    assert_ptr_equal(f->sh.ui.scene, &scene_timeline);
    close_fixture(f);
}

/* Idle: the countdown starts after the manifest's timeout; a touch cancels
 * it and does nothing else; left alone it returns to the attract loop in the
 * default language. */
static void test_idle_countdown_consumes_the_touch(void **state)
{
    (void)state;
    fixture *f = open_fixture(1920, 1080);
    tap(f, 960, 540); /* wake */
    tap_target(f, "lang");
    assert_int_equal(f->sh.ui.lang, BUNDLE_EN);
    double timeout = f->b->manifest.idle_timeout, countdown = f->b->manifest.idle_countdown;
    run(f, timeout - 1);
    assert_false(f->sh.idle.counting);
    run(f, 2);
    assert_true(f->sh.idle.counting);
    const target *t = targets_find(&f->sh.ui.targets, "timeline");
    assert_non_null(t);
    tap(f, t->x + t->w / 2, t->y + t->h / 2);
    assert_false(f->sh.idle.counting);
    assert_ptr_equal(f->sh.ui.scene, &scene_home); /* the cancelling touch opened nothing */
    run(f, timeout + countdown + 1);
    assert_ptr_equal(f->sh.ui.scene, &scene_attract);
    assert_int_equal(f->sh.ui.lang, f->b->manifest.default_language);
    assert_int_equal(trace_count(f, "\"phase\":\"return\""), 1);
    close_fixture(f);
}

/* The operator menu is modal: while open, a visitor's tap reaches no scene;
 * its buttons ask the program through the host; Escape closes it. */
static void test_operator_menu_is_modal(void **state)
{
    (void)state;
    fixture *f = open_fixture(1920, 1080);
    tap(f, 960, 540);
    ui_rect tl = f->sh.ui.m.home.timeline;
    open_menu(f);
    assert_null(targets_find(&f->sh.ui.targets, "timeline")); /* the scene's targets are covered */
    tap(f, tl.x + 4, tl.y + tl.h - 4);
    assert_ptr_equal(f->sh.ui.scene, &scene_home);
    tap_target(f, "op:reload");
    tap_target(f, "op:rotate");
    tap_target(f, "op:screenshot");
    assert_int_equal(f->reloads, 1);
    assert_int_equal(f->rotations, 1);
    assert_int_equal(f->shots, 1);
    key(f, "escape");
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    tap_target(f, "timeline");
    assert_ptr_equal(f->sh.ui.scene, &scene_timeline);
    close_fixture(f);
}

static size_t glyph_runs(const dl_list *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++)
        n += l->cmd[i].kind == DL_GLYPHS;
    return n;
}

/* The content update line: drawn in the menu while it is open (redrawn when
 * it changes), and still there when the menu is opened again, unlike the
 * result of the last menu action. The site configuration's errors too. */
static void test_operator_menu_update_line(void **state)
{
    (void)state;
    fixture *f = open_fixture(800, 480);
    tap(f, 400, 240);
    open_menu(f);
    frame(f);
    assert_false(shell_needs_draw(&f->sh));
    size_t without = glyph_runs(shell_draw(&f->sh));
    shell_drawn(&f->sh);
    shell_set_update(&f->sh, "update x.kbundle: 40% excerpts.yaml");
    assert_true(shell_needs_draw(&f->sh));
    size_t with = glyph_runs(shell_draw(&f->sh));
    shell_drawn(&f->sh);
    assert_int_equal(with, without + 1);
    key(f, "f12");
    frame(f);
    shell_set_update(&f->sh, "update x.kbundle: version 1.2.0 installed");
    assert_false(shell_needs_draw(&f->sh)); /* closed: nothing to redraw */
    open_menu(f);
    frame(f);
    assert_int_equal(glyph_runs(shell_draw(&f->sh)), with);
    shell_drawn(&f->sh);
    shell_set_config(&f->sh,
                     "config: 1 error (that line ignored, the rest applied): k.conf:2: unknown key 'volum'");
    assert_true(shell_needs_draw(&f->sh));
    assert_true(glyph_runs(shell_draw(&f->sh)) > with);
    shell_drawn(&f->sh);
    close_fixture(f);
}

/* The menu's memory figure comes from the program (the UI reads no file):
 * asked for each picture of the menu, never for a scene's. */
static void test_operator_memory_from_host(void **state)
{
    (void)state;
    fixture *f = open_fixture(800, 480);
    tap(f, 400, 240);
    run(f, 1.0);
    assert_int_equal(f->rss_asks, 0);
    key(f, "f12");
    run(f, 1.0); /* the PIN pad: no memory figure */
    assert_int_equal(f->rss_asks, 0);
    type_pin(f, f->b->manifest.pin, false);
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
    int asks0 = f->rss_asks;
    unsigned long drawn = f->frames_drawn;
    run(f, 2.5); /* the menu is drawn again every second (uptime) */
    assert_true(f->frames_drawn > drawn);
    assert_true(asks0 > 0);
    assert_int_equal(f->rss_asks - asks0, (int)(f->frames_drawn - drawn));
    key(f, "f12");
    int asks = f->rss_asks;
    run(f, 1.0);
    assert_int_equal(f->rss_asks, asks);
    close_fixture(f);
}

/* A finger held still in the top-left corner opens the PIN pad; the right
 * PIN opens the menu; back in the slideshow the menu closes. */
static void test_corner_hold_and_pin(void **state)
{
    (void)state;
    fixture *f = open_fixture(1280, 800);
    tap(f, 640, 400);
    input(f, INPUT_DOWN, 5, 5);
    run(f, OPERATOR_HOLD_S - 0.5);
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    run(f, 0.7);
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    input(f, INPUT_UP, 5, 5);
    run(f, 0.1);
    for (const char *p = f->b->manifest.pin; *p; p++) {
        char id[16];
        snprintf(id, sizeof id, "pin:%c", *p);
        tap_target(f, id);
    }
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
    run(f, f->b->manifest.idle_timeout + f->b->manifest.idle_countdown + 1);
    assert_ptr_equal(f->sh.ui.scene, &scene_attract);
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    close_fixture(f);
}

/* F12 opens the PIN pad from the slideshow too (it used to open and close
 * in the same frame there, working only after a touch had woken the
 * screen); the slideshow wakes to the home screen under it, the PIN opens
 * the menu, and a second F12 closes it. */
static void test_operator_key_in_slideshow(void **state)
{
    (void)state;
    fixture *f = open_fixture(800, 480);
    run(f, 1.0);
    assert_string_equal(f->sh.ui.scene->name, "attract");
    key(f, "f12");
    run(f, 1.0);
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    assert_string_equal(f->sh.ui.scene->name, "home");
    type_pin(f, f->b->manifest.pin, false);
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
    assert_int_equal(trace_count(f, "\"phase\":\"open\""), 1);
    assert_int_equal(trace_count(f, "\"phase\":\"close\""), 0);
    key(f, "f12");
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    close_fixture(f);
}

/* F12 is a door to the PIN pad, never to the menu: without the PIN nothing
 * a keyboard does opens it. On the pad the PIN may be typed (number row or
 * keypad); a wrong one clears the pad, backspace takes a digit back, Escape
 * and F12 close it; the pad's buttons still work after a typed digit. */
static void test_f12_goes_through_the_pin(void **state)
{
    (void)state;
    fixture *f = open_fixture(1280, 800);
    tap(f, 640, 400);
    const char *pin = f->b->manifest.pin;
    key(f, "f12");
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    assert_null(targets_find(&f->sh.ui.targets, "op:close")); /* the pad, not the menu */
    assert_non_null(targets_find(&f->sh.ui.targets, "pin:0"));
    /* Keys that are not digits, then a wrong PIN. */
    key(f, "return");
    key(f, "a");
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    assert_int_equal(f->sh.op.npin, 0);
    char wrong[16];
    snprintf(wrong, sizeof wrong, "%s", pin);
    wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
    type_pin(f, wrong, false);
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    assert_true(f->sh.op.wrong);
    assert_int_equal(f->sh.op.npin, 0);
    assert_int_equal(trace_count(f, "\"phase\":\"wrong-pin\""), 1);
    /* A digit too many taken back with backspace; the last one tapped. */
    key(f, "keypad9");
    key(f, "backspace");
    assert_int_equal(f->sh.op.npin, 0);
    size_t n = strlen(pin);
    for (size_t i = 0; i + 1 < n; i++) {
        char k[16];
        snprintf(k, sizeof k, "keypad%c", pin[i]);
        key(f, k);
    }
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    char last[8];
    snprintf(last, sizeof last, "pin:%c", pin[n - 1]);
    tap_target(f, last);
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
    /* F12 closes the menu; F12 again is the pad again, and Escape closes it. */
    key(f, "f12");
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    key(f, "f12");
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    assert_int_equal(f->sh.op.npin, 0);
    key(f, "escape");
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    assert_int_equal(trace_count(f, "\"phase\":\"open\""), 1);
    close_fixture(f);
}

/* With the site's operator_f12 = no, F12 opens nothing; the corner hold
 * still leads to the PIN pad. */
static void test_f12_off(void **state)
{
    (void)state;
    fixture *f = open_fixture_f12(1280, 800, true);
    tap(f, 640, 400);
    key(f, "f12");
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    assert_int_equal(trace_count(f, "\"event\":\"operator\""), 0);
    input(f, INPUT_DOWN, 5, 5);
    run(f, OPERATOR_HOLD_S + 0.2);
    input(f, INPUT_UP, 5, 5);
    assert_int_equal(f->sh.op.phase, OPERATOR_PIN);
    type_pin(f, f->b->manifest.pin, true);
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
    key(f, "f12"); /* not a door: the menu stays open */
    assert_int_equal(f->sh.op.phase, OPERATOR_MENU);
    close_fixture(f);
}

/* Without a bundle (the error screen) only Escape does anything: it quits. */
static void test_error_screen(void **state)
{
    (void)state;
    fixture *f = open_fixture(800, 480);
    diag_list d;
    diag_init(&d);
    diag_add(&d, DIAG_WARNING, "b/strings.yaml", 3, "a warning");
    diag_add_at(&d, DIAG_ERROR, "b/timeline.yaml", 42, 12, "month 13 is not 1..12");
    f->sh.ui.b = NULL;
    shell_show_error(&f->sh, "b", &d);
    diag_free(&d);
    const error_state *er = (const error_state *)ui_scene_state(&f->sh.ui, &scene_error);
    assert_int_equal(er->count, 2);
    assert_int_equal(er->items[0].severity, DIAG_ERROR); /* errors first */
    assert_int_equal(er->items[0].line, 42);
    assert_int_equal(er->items[0].column, 12); /* the record as the YAML reader gave it */
    assert_string_equal(er->items[1].message, "a warning");
    run(f, 0.5);
    tap(f, 400, 240);
    key(f, "f12");
    assert_false(shell_quit(&f->sh));
    assert_int_equal(f->sh.op.phase, OPERATOR_CLOSED);
    key(f, "escape");
    assert_true(shell_quit(&f->sh));
    close_fixture(f);
}

/* The error screen is the exhibit's last resort: it shows any message, in
 * any bytes (each hostile text, quoted as the fonts check quotes a character,
 * and as the file name and the bundle directory), and draws inside the
 * picture. */
static void test_error_screen_any_message(void **state)
{
    (void)state;
    fixture *f = open_fixture(800, 480);
    f->sh.ui.b = NULL;
    size_t n;
    const hostile_text *tab = hostile_table(&n);
    static char msg[DIAG_MAX_MESSAGE * 2];
    for (size_t i = 0; i < n; i++) {
        const hostile_text *t = &tab[i];
        size_t k = (size_t)snprintf(msg, sizeof msg, "character '");
        size_t take = t->len < sizeof msg - k - 32 ? t->len : sizeof msg - k - 32;
        memcpy(msg + k, t->text, take);
        snprintf(msg + k + take, sizeof msg - k - take, "' is not in the fonts");
        diag_list d;
        diag_init(&d);
        diag_add_at(&d, DIAG_ERROR, msg, 7, 15, msg);
        diag_add(&d, DIAG_WARNING, "b/strings.yaml", 3, msg);
        shell_show_error(&f->sh, msg, &d);
        diag_free(&d);
        const error_state *er = (const error_state *)ui_scene_state(&f->sh.ui, &scene_error);
        assert_int_equal(er->count, 2);
        /* What the screen keeps is valid UTF-8 without control characters. */
        const char *kept[] = {er->dir, er->items[0].file, er->items[0].message};
        for (size_t j = 0; j < 3; j++) {
            assert_int_equal(utf8_invalid_offset(kept[j], strlen(kept[j])), UTF8_VALID);
            for (const char *p = kept[j]; *p; p++)
                assert_true((unsigned char)*p >= 0x20 || *p == '\t');
        }
        f->sh.ui.dirty = true;
        run(f, 0.1); /* frame() checks every draw list */
        assert_string_equal(f->sh.ui.scene->name, "error");
    }
    close_fixture(f);
}

/* ---- draw lists ---------------------------------------------------------- */

/* The last glyph run drawn wholly inside r, or NULL. */
static const dl_cmd *glyphs_in(const dl_list *l, ui_rect r)
{
    const dl_cmd *found = NULL;
    for (size_t i = 0; i < l->count; i++) {
        const dl_cmd *c = &l->cmd[i];
        if (c->kind == DL_GLYPHS && c->y >= r.y && c->y + c->h <= r.y + r.h + 0.5f && c->x >= r.x &&
            c->x + c->w <= r.x + r.w + 0.5f)
            found = c;
    }
    return found;
}

/* The reader's source line is in every frame, in the footer, drawn after
 * the passage (over it), whatever the excerpt and the scroll. */
static void test_reader_source_line_always_drawn(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {1080, 1920}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        fixture *f = open_fixture(sizes[k][0], sizes[k][1]);
        tap(f, 10, 10);
        tap_target(f, "articles");
        assert_ptr_equal(f->sh.ui.scene, &scene_reader);
        for (size_t e = 0; e < f->b->excerpt_count; e++) {
            for (int scroll = 0; scroll < 2; scroll++) {
                f->sh.ui.dirty = true;
                const dl_list *l = shell_draw(&f->sh);
                const dl_cmd *src = glyphs_in(l, f->sh.ui.m.reader.footer);
                if (!src)
                    fail_msg("%dx%d excerpt %zu: no source line in the footer", sizes[k][0], sizes[k][1], e);
                size_t last_pop = 0;
                for (size_t i = 0; i < l->count; i++)
                    if (l->cmd[i].kind == DL_CLIP_POP)
                        last_pop = i;
                assert_true((size_t)(src - l->cmd) > last_pop);
                shell_drawn(&f->sh);
                key(f, "down"); /* then scrolled to the end */
                key(f, "down");
                run(f, 0.5);
            }
            key(f, "right");
        }
        close_fixture(f);
    }
}

/* Every scene and overlay at every supported size: balanced lists, nothing
 * outside the picture (check_list runs on every frame drawn). */
static void test_every_screen_draws_inside_the_picture(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 800}, {800, 480}, {3840, 2160}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        fixture *f = open_fixture(sizes[k][0], sizes[k][1]);
        run(f, 2);                 /* attract, with a cross-fade */
        tap(f, 10, 10);            /* home */
        tap_target(f, "timeline");
        input(f, INPUT_DOWN, (float)sizes[k][0] * 0.7f, (float)sizes[k][1] * 0.5f);
        for (int i = 1; i <= 10; i++)
            input(f, INPUT_MOVE, (float)sizes[k][0] * (0.7f - 0.04f * i), (float)sizes[k][1] * 0.5f);
        input(f, INPUT_UP, (float)sizes[k][0] * 0.3f, (float)sizes[k][1] * 0.5f);
        run(f, 3);                 /* fling and snap */
        tap_target(f, "zoom-in");
        run(f, 1);
        const ui_ctx *ui = &f->sh.ui;
        for (int i = 0; i < ui->targets.count; i++)
            if (bundle_find_event(f->b, ui->targets.t[i].id) >= 0) {
                tap_target(f, ui->targets.t[i].id);
                break;
            }
        assert_true(scene_timeline_card_open(&f->sh.ui));
        tap_target(f, "read-article");
        assert_ptr_equal(f->sh.ui.scene, &scene_reader);
        open_menu(f); /* the PIN pad, then the operator menu, over the reader */
        key(f, "escape");
        run(f, f->b->manifest.idle_timeout + 2); /* the idle countdown */
        assert_true(f->sh.idle.counting);
        assert_true(f->frames_drawn > 0);
        close_fixture(f);
    }
}

/* The largest vertical stretch of the attract card with no text in it:
 * between the card's top, the glyph runs inside it and its foot. */
static float largest_empty_band(const dl_list *l, ui_rect card)
{
    float ys[DL_MAX_CMDS][2];
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++) {
        const dl_cmd *c = &l->cmd[i];
        if (c->kind == DL_GLYPHS && c->y >= card.y && c->y + c->h <= card.y + card.h + 0.5f) {
            ys[n][0] = c->y;
            ys[n++][1] = c->y + c->h;
        }
    }
    float best = 0, top = card.y;
    for (;;) { /* walk down from the card's top to the next run that starts lowest above `top`+ */
        float next = card.y + card.h, reach = top;
        bool any = false;
        for (size_t i = 0; i < n; i++)
            if (ys[i][1] > top && ys[i][0] < next) {
                next = fmaxf(ys[i][0], top);
                any = true;
            }
        best = fmaxf(best, next - top);
        if (!any)
            return best;
        for (size_t i = 0; i < n; i++) /* runs overlapping from `next` on extend the covered stretch */
            if (ys[i][0] <= next + 0.5f && ys[i][1] > reach)
                reach = ys[i][1];
        top = fmaxf(reach, next + 0.5f);
    }
}

/* No attract card is more than a third empty at any supported size: its
 * text grows to fill it (most of all in portrait), and an event card shows
 * its supporting quotes. */
static void test_attract_cards_use_their_height(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 800}, {800, 480}, {3840, 2160}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        fixture *f = open_fixture(sizes[k][0], sizes[k][1]);
        ui_ctx *ui = &f->sh.ui;
        assert_ptr_equal(ui->scene, &scene_attract);
        size_t items = f->b->manifest.attract_count;
        for (size_t i = 0; i < items; i++) {
            run(f, 1.5); /* past the cross-fade */
            ui->dirty = true;
            ui_rect card = ui->m.attract.card;
            float band = largest_empty_band(shell_draw(&f->sh), card);
            shell_drawn(&f->sh);
            if (band > card.h / 3)
                fail_msg("%dx%d: attract card %zu (%s) has %.0f of %.0f px empty", sizes[k][0], sizes[k][1], i,
                         f->b->manifest.attract[i].kind == BUNDLE_ATTRACT_EXCERPT ? "excerpt" : "event", band, card.h);
            ((attract_state *)ui_scene_state(ui, &scene_attract))->since = f->now - 1e6; /* on to the next card */
        }
        close_fixture(f);
    }
}

/* The fit check measures an event's summary against the room the metrics
 * give it (ui_geometry_fit); here the card as drawn at 800x480: every
 * summary of the exhibit (which passes the check) starts no lower than the
 * metrics assume and ends above the card's button. */
static void test_event_card_summaries_fit(void **state)
{
    (void)state;
    fixture *f = open_fixture(800, 480);
    tap(f, 10, 10);
    tap_target(f, "timeline");
    ui_ctx *ui = &f->sh.ui;
    const ui_geometry *m = &ui->m;
    bundle_fit_areas fit;
    ui_geometry_fit(m, &fit);
    assert_int_equal(fit.detail_w, (int)m->timeline.card_text.w);
    float limit = m->timeline.card_read.y - m->u * 3;
    for (int lang = 0; lang < BUNDLE_LANG_COUNT; lang++) {
        ui->lang = (bundle_lang)lang;
        for (size_t i = 0; i < f->b->event_count; i++) {
            ((timeline_state *)ui_scene_state(ui, &scene_timeline))->selected = (long)i;
            /* As the card sets it: justified in Chinese, ragged in English. */
            ui_text_opts so = {STYLE_BODY, 0, TEXT_ALIGN_START, lang != BUNDLE_EN, 0};
            const text_layout *sum = ui_layout(ui, f->b->events[i].summary.s[lang], m->timeline.card_text.w, &so);
            assert_non_null(sum);
            assert_true(sum->height <= fit.detail_max_h + 0.5f);
            ui->dirty = true;
            const dl_list *l = shell_draw(&f->sh);
            const dl_cmd *c = NULL;
            for (size_t k = 0; k < l->count; k++)
                if (l->cmd[k].kind == DL_GLYPHS && l->cmd[k].u.glyphs.g == sum->glyphs)
                    c = &l->cmd[k];
            if (!c)
                fail_msg("%s: the summary is not drawn", f->b->events[i].id);
            if (c->y > limit - fit.detail_max_h + 0.5f || c->y + sum->height > limit + 0.5f)
                fail_msg("%s (%s): summary at %.1f..%.1f, room %.1f..%.1f", f->b->events[i].id,
                         bundle_lang_name((bundle_lang)lang), c->y, c->y + sum->height,
                         limit - fit.detail_max_h, limit);
            shell_drawn(&f->sh);
        }
    }
    close_fixture(f);
}

/* A still screen builds no list: the program sleeps; the frame rate the
 * operator menu shows counts what was drawn (none). */
static void test_still_screen_draws_nothing(void **state)
{
    (void)state;
    fixture *f = open_fixture(1920, 1080);
    tap(f, 10, 10);
    run(f, 1);
    unsigned long before = f->frames_drawn, renders = f->sh.renders;
    run(f, 10);
    assert_int_equal(f->frames_drawn, before);
    assert_int_equal(f->sh.renders, renders);
    assert_true(f->sh.ui.fps < 0.01);
    close_fixture(f);
}

/* Frames of `seconds`, counting those drawn whole and those drawn into a
 * damage rectangle; every rectangle must lie inside `within` (with the
 * burn-in drift's few pixels around it). */
static void count_damage(fixture *f, double seconds, ui_rect within, int *whole, int *partial)
{
    *whole = *partial = 0;
    for (double end = f->now + seconds; f->now < end;) {
        shell_begin_frame(&f->sh, f->now);
        shell_update(&f->sh);
        if (shell_needs_draw(&f->sh)) {
            int x, y, w, h;
            if (shell_damage(&f->sh, &x, &y, &w, &h)) {
                (*partial)++;
                if (x < within.x - 8 || y < within.y - 8 || x + w > within.x + within.w + 8 ||
                    y + h > within.y + within.h + 8)
                    fail_msg("damage %d,%d %dx%d outside %.0f,%.0f %.0fx%.0f", x, y, w, h, within.x, within.y,
                             within.w, within.h);
            } else {
                (*whole)++;
            }
            check_list(f, shell_draw(&f->sh));
            shell_drawn(&f->sh);
        }
        shell_end_frame(&f->sh);
        f->now += STEP;
    }
}

/* Between cards, the attract loop's breathing prompt redraws its band
 * alone, cross-fades whole frames; a flung passage redraws its view. */
static void test_attract_breath_redraws_the_prompt_only(void **state)
{
    (void)state;
    fixture *f = open_fixture(1920, 1080);
    run(f, 1.5); /* the scene has faded in */
    int whole, partial;
    const ui_rect prompt = f->sh.ui.m.attract.prompt;
    count_damage(f, 60, prompt, &whole, &partial);
    /* About 5 breath steps a second; the cross-fades (0.9 s at 60 Hz each,
     * a few a minute) are whole frames. */
    assert_true(partial > 150);
    assert_true(whole > 0 && whole < partial);
    int fades = trace_count(f, "\"event\":\"attract\"");
    assert_true(whole <= fades * 56);

    /* The reader: a fling scrolls the passage in its view alone. */
    fixture *g = open_fixture(1920, 1080);
    tap(g, 10, 10);
    run(g, 1);
    tap_target(g, "articles");
    run(g, 1);
    for (int i = 0; i < 14; i++) {
        tap_target(g, "next");
        run(g, 0.5);
    }
    run(g, 1);
    const ui_rect view = g->sh.ui.m.reader.view;
    input(g, INPUT_DOWN, 960, 820);
    for (int i = 1; i <= 6; i++)
        input(g, INPUT_MOVE, 960, 820 - 60.0f * i);
    input(g, INPUT_UP, 960, 460);
    count_damage(g, 1.5, view, &whole, &partial);
    assert_true(partial > 20);
    assert_int_equal(whole, 0);
    close_fixture(g);
    close_fixture(f);
}

/* ---- the English screens ----------------------------------------------- */

/* The three sizes the English screens are checked at, each with its
 * panel's pixel density as the kiosk assumes it (platform/panel.c): the
 * Raspberry Pi 7" display and 23.8" monitors. */
static const struct {
    int w, h;
    float px_per_mm;
} english_sizes[] = {{800, 480, 800 / 154.2f}, {1920, 1080, 1920 / 527.0f}, {1080, 1920, 1920 / 527.0f}};

/* The text a glyph run of the last list was laid out from (the layout
 * cache's entry whose glyphs it draws), and its layout. */
static const char *run_text(const fixture *f, const dl_cmd *c, const text_layout **l)
{
    for (size_t i = 0; i < TEXT_CACHE_CAPACITY; i++) {
        const text_cache_entry *e = &f->te->cache[i];
        if (e->used && e->layout.glyphs == c->u.glyphs.g) {
            *l = &e->layout;
            return e->text;
        }
    }
    fail_msg("a glyph run with no layout in the cache");
    return NULL;
}

/* The first glyph run of the last list drawn from text s, or NULL. */
static const dl_cmd *run_of(const fixture *f, const dl_list *dl, const char *s, const text_layout **l)
{
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmd[i].kind == DL_GLYPHS && strcmp(run_text(f, &dl->cmd[i], l), s) == 0)
            return &dl->cmd[i];
    return NULL;
}

static bool is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

/* English typography in a text the firmware composed, as the screen shows
 * it (text/punct.h's display form): outside quotation marks (a quoted
 * Chinese original, e.g. an article's section heading) no full-width
 * colon, no title marks 《》 and no Han character. `where` names it in the
 * failure. */
static void assert_english(const char *text, const char *where)
{
    static char disp[4096 * PUNCT_GROWTH];
    size_t len = strlen(text);
    assert_true(len < 4096);
    size_t n = punct_display(text, len, disp, NULL);
    bool quoted = false;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += utf8_next(disp + i, n - i, &c);
        if (c == '"')
            quoted = !quoted;
        else if (c == 0x201C || c == 0x201D)
            quoted = c == 0x201C;
        if (!quoted && (c == 0xFF1A || c == 0x300A || c == 0x300B || is_han(c)))
            fail_msg("%s: U+%04X in the English line '%s'", where, (unsigned)c, text);
    }
}

/* Every text drawn in the last list is English (assert_english), except
 * the Chinese texts named in `chinese` (NULL-terminated): the originals
 * and the bundle's Chinese headings, shown as they are. */
static void assert_english_list(const fixture *f, const dl_list *dl, const char *const *chinese,
                                const char *where)
{
    for (size_t i = 0; i < dl->count; i++) {
        if (dl->cmd[i].kind != DL_GLYPHS)
            continue;
        const text_layout *l;
        const char *text = run_text(f, &dl->cmd[i], &l);
        bool original = false;
        for (const char *const *c = chinese; *c && !original; c++)
            original = strcmp(*c, text) == 0;
        if (!original)
            assert_english(text, where);
    }
}

/* The reader in English opens on English: at each size, with large text
 * too (and in portrait in reach mode, its default), the first line of the
 * excerpt's summary lies in the passage's view on the first screen, clear
 * of the scroll hint, above the Chinese original or beside it (at
 * 1920x1080, in the column at its left); and nothing the screen composes
 * in English (heading, labels, section, source, chips, buttons) has a
 * full-width colon, title marks or a Han character outside a quoted
 * Chinese original, for every excerpt. */
static void test_english_reader_opens_on_the_summary(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof english_sizes / sizeof english_sizes[0]; k++)
        for (int large = 0; large < 2; large++) {
            fixture *f = open_fixture_config((shell_config){.w = english_sizes[k].w,
                                                            .h = english_sizes[k].h,
                                                            .px_per_mm = english_sizes[k].px_per_mm,
                                                            .large_text = large});
            ui_ctx *ui = &f->sh.ui;
            tap(f, 10, 10);
            tap_target(f, "lang");
            tap_target(f, "articles");
            assert_ptr_equal(ui->scene, &scene_reader);
            assert_int_equal(ui->lang, BUNDLE_EN);
            char where[128];
            for (size_t x = 0; x < (large ? 1 : f->b->excerpt_count); x++) {
                const bundle_excerpt *e = &f->b->excerpts[x];
                snprintf(where, sizeof where, "%dx%d%s, %s", ui->w, ui->h, large ? " large text" : "", e->id);
                ui->dirty = true;
                const dl_list *dl = shell_draw(&f->sh);
                const text_layout *sum = NULL, *para = NULL, *hint = NULL;
                const dl_cmd *s = run_of(f, dl, e->summary_en, &sum);
                const dl_cmd *p = run_of(f, dl, e->paragraphs[0], &para);
                const dl_cmd *h = run_of(f, dl, ui_str(ui, "scroll_hint"), &hint);
                if (!s)
                    fail_msg("%s: the summary is not drawn", where);
                ui_rect v = ui->m.reader.view;
                float top = s->y + sum->lines[0].top, bottom = top + sum->line_height;
                float floor_y = h ? h->y - ui->m.u : v.y + v.h;
                if (top < v.y - 0.5f || bottom > floor_y + 0.5f)
                    fail_msg(
                        "%s: the summary's first line at %.0f..%.0f, the first screen's text at %.0f..%.0f",
                        where, top, bottom, v.y, floor_y);
                if (x == 0)
                    printf("english reader %s: the summary's first line at %.0f..%.0f px, first screen "
                           "%.0f..%.0f\n",
                           where, top, bottom, v.y, floor_y);
                bool paired = ui->m.reader.pair_w > 0;
                assert_int_equal(paired, ui->w == 1920 && !large);
                if (p && (paired ? !(s->x + sum->max_line_width < p->x) : !(s->y + sum->height < p->y)))
                    fail_msg("%s: the summary at %.0f,%.0f is not %s the original at %.0f,%.0f", where, s->x,
                             s->y, paired ? "left of" : "above", p->x, p->y);
                const char *chinese[16] = {e->heading.s[BUNDLE_ZH],
                                           bundle_string(f->b, "language_zh", BUNDLE_EN)};
                size_t c = 2;
                for (size_t i = 0; i < e->paragraph_count && c + 1 < 16; i++)
                    chinese[c++] = e->paragraphs[i];
                chinese[c] = NULL;
                assert_english_list(f, dl, chinese, where);
                shell_drawn(&f->sh);
                key(f, "right");
            }
            close_fixture(f);
        }
}

/* The source line in English: the article's English authors, its title in
 * quotation marks, the venue, and "not dated" (the UI string) for an
 * article whose date says 未注明, as English typography writes them; the
 * Chinese source line is as it always was. */
static void test_english_source_line(void **state)
{
    (void)state;
    fixture *f = open_fixture(1920, 1080);
    ui_ctx *ui = &f->sh.ui;
    const bundle_article *a = &f->b->articles[0];
    assert_string_equal(a->date, "未注明"); /* the first article gives no date */
    char src[1024];
    ui_cite(ui, a, BUNDLE_EN, UI_CITE_SOURCE, src, sizeof src);
    assert_string_equal(
        src, "Source: William Dixon (Associate Fellow, Royal United Services Institute), "
             "\"Opinion: Is cyberspace cooperation between China and the West still possible?\" "
             "World Economic Forum, Agenda blog (Chinese edition, edited by Wan Ruxin), not dated");
    ui_cite(ui, a, BUNDLE_ZH, UI_CITE_SOURCE, src, sizeof src);
    assert_string_equal(
        src, "出处：William Dixon（皇家联合军种研究所副研究员）《观点:中西方是否还有网络空间合作的可能?》"
             "世界经济论坛 Agenda 博客（中文版，编辑万汝鑫） · 未注明");
    /* A date in Chinese words is the venue's business in English ("2025, no. 13"). */
    ui_cite(ui, &f->b->articles[1], BUNDLE_EN, UI_CITE_SOURCE, src, sizeof src);
    assert_string_equal(
        src, "Source: Lu Chuanying (Tongji University), \"The Security Dilemma, Order Evolution and "
             "China's Solution in Cyberspace\", Frontiers (People's Tribune), 2025, no. 13");
    ui_cite(ui, &f->b->articles[1], BUNDLE_EN, UI_CITE_BY, src, sizeof src);
    assert_string_equal(src,
                        "— Lu Chuanying (Tongji University), \"The Security Dilemma, Order Evolution and "
                        "China's Solution in Cyberspace\"");
    ui_cite(ui, &f->b->articles[1], BUNDLE_ZH, UI_CITE_TITLE, src, sizeof src);
    assert_string_equal(src, "——《网络空间的安全困境、秩序演进与中国方案》");
    /* Cut to the buffer at a character, never inside one. */
    char small[24];
    ui_cite(ui, a, BUNDLE_ZH, UI_CITE_SOURCE, small, sizeof small);
    assert_int_equal(utf8_invalid_offset(small, strlen(small)), UTF8_VALID);
    assert_true(strlen(small) > 16);
    for (size_t i = 0; i < f->b->article_count; i++) {
        ui_cite(ui, &f->b->articles[i], BUNDLE_EN, UI_CITE_SOURCE, src, sizeof src);
        assert_english(src, f->b->articles[i].id);
    }
    close_fixture(f);
}

/* The timeline's event card in English: every composed line (the date,
 * category and track, and each quote's source) is English; the quotes are
 * the articles' Chinese words. The attract card's source line, when the
 * exhibit speaks English, gives the article's English authors and title. */
static void test_english_cards(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof english_sizes / sizeof english_sizes[0]; k++) {
        fixture *f = open_fixture_config((shell_config){
            .w = english_sizes[k].w, .h = english_sizes[k].h, .px_per_mm = english_sizes[k].px_per_mm});
        ui_ctx *ui = &f->sh.ui;
        char where[128];
        /* The attract loop, in English. */
        ui_set_language(ui, BUNDLE_EN);
        for (size_t i = 0; i < f->b->manifest.attract_count; i++) {
            run(f, 1.5);
            ui->dirty = true;
            const dl_list *dl = shell_draw(&f->sh);
            const bundle_attract_item *it = &f->b->manifest.attract[i];
            if (it->kind == BUNDLE_ATTRACT_EXCERPT) {
                const bundle_excerpt *e = &f->b->excerpts[it->index];
                const bundle_article *a = &f->b->articles[e->article];
                const dl_cmd *src = NULL;
                for (size_t j = 0; j < dl->count && !src; j++) {
                    const text_layout *l;
                    if (dl->cmd[j].kind == DL_GLYPHS &&
                        strstr(run_text(f, &dl->cmd[j], &l), a->title.s[BUNDLE_EN]))
                        src = &dl->cmd[j];
                }
                snprintf(where, sizeof where, "%dx%d attract card %s", ui->w, ui->h, e->id);
                if (!src)
                    fail_msg("%s: no source line with the English title", where);
                const text_layout *l;
                const char *text = run_text(f, src, &l);
                assert_english(text, where);
                assert_non_null(strstr(text, a->authors.s[BUNDLE_EN]));
                assert_true(strncmp(text, "— ", strlen("— ")) == 0);
            }
            shell_drawn(&f->sh);
            ((attract_state *)ui_scene_state(ui, &scene_attract))->since = f->now - 1e6;
        }
        /* The timeline's card. */
        tap(f, 10, 10);
        assert_int_equal(ui->lang, BUNDLE_EN); /* the wake kept it */
        tap_target(f, "timeline");
        for (size_t i = 0; i < f->b->event_count; i++) {
            const bundle_event *e = &f->b->events[i];
            ((timeline_state *)ui_scene_state(ui, &scene_timeline))->selected = (long)i;
            ui->dirty = true;
            const dl_list *dl = shell_draw(&f->sh);
            /* The screen's name in Chinese stands under its English name
             * in reach mode, whole. */
            const char *chinese[8] = {bundle_string(f->b, "language_zh", BUNDLE_EN),
                                      bundle_string(f->b, "timeline", BUNDLE_ZH)};
            size_t c = 2;
            for (size_t s = 0; s < e->source_count && c + 1 < 8; s++)
                chinese[c++] = e->sources[s].quote;
            chinese[c] = NULL;
            snprintf(where, sizeof where, "%dx%d event card %s", ui->w, ui->h, e->id);
            assert_english_list(f, dl, chinese, where);
            shell_drawn(&f->sh);
        }
        close_fixture(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waking_touch_presses_nothing),
        cmocka_unit_test(test_idle_countdown_consumes_the_touch),
        cmocka_unit_test(test_operator_menu_is_modal),
        cmocka_unit_test(test_operator_menu_update_line),
        cmocka_unit_test(test_operator_memory_from_host),
        cmocka_unit_test(test_corner_hold_and_pin),
        cmocka_unit_test(test_operator_key_in_slideshow),
        cmocka_unit_test(test_f12_goes_through_the_pin),
        cmocka_unit_test(test_f12_off),
        cmocka_unit_test(test_error_screen),
        cmocka_unit_test(test_error_screen_any_message),
        cmocka_unit_test(test_reader_source_line_always_drawn),
        cmocka_unit_test(test_every_screen_draws_inside_the_picture),
        cmocka_unit_test(test_attract_cards_use_their_height),
        cmocka_unit_test(test_event_card_summaries_fit),
        cmocka_unit_test(test_still_screen_draws_nothing),
        cmocka_unit_test(test_attract_breath_redraws_the_prompt_only),
        cmocka_unit_test(test_english_reader_opens_on_the_summary),
        cmocka_unit_test(test_english_source_line),
        cmocka_unit_test(test_english_cards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
