/* Listen (ui/listen.h, platform/speech.h): sentences, the sound the kiosk
 * writes through SDL's disk audio driver, the stop rules and the trace.
 *
 * The kiosk runs headless with SDL_AUDIODRIVER=disk: its virtual clock
 * mixes exactly floor(t * 48000) samples by time t, so sample k of the file
 * is virtual time k / 48000 (SDL pads the last buffer with silence). The
 * expected sound is made here by espeak-ng from the same sentences, at the
 * kiosk's normal rate for the voice (its 22050 Hz resampled to 48 kHz); a
 * narration file is decoded here with libopusfile and must come out sample
 * for sample. */
#include <espeak-ng/speak_lib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <opus/opusfile.h>

#include "content/load.h"
#include "content/narration.h"
#include "support/diskaudio.h"
#include "support/flow.h"
#include "support/subproc.h"
#include "support/scratch.h"
#include "ui/listen.h"

#define RATE DISKAUDIO_RATE /* the device's rate (platform/speech.c, content/narration.h) */
#define SYNTH_RATE 22050 /* espeak-ng's, resampled to RATE */
#define WPM_CMN 300 /* platform/speech.c's normal Mandarin rate */

/* ---- sentences ----------------------------------------------------------- */

static void expect_split(const char *text, const char *const *want, size_t n)
{
    listen_sentence s[16];
    size_t got = reading_split(text, 3, s, 16);
    assert_int_equal(got, n);
    for (size_t i = 0; i < n; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)(s[i].end - s[i].start), text + s[i].start);
        assert_string_equal(buf, want[i]);
        assert_ptr_equal(s[i].text, text);
        assert_int_equal(s[i].part, 3);
    }
}

static void test_split(void **state)
{
    (void)state;
    const char *zh[] = {"他说：“网络空间是新战场。”", "真的吗？！", "是的；", "但是……"};
    expect_split("他说：“网络空间是新战场。”真的吗？！是的；但是……", zh, 4);
    const char *en[] = {"Talks resumed in 2.5 weeks.", "Why?", "Nobody said (\"no comment.\")", "End"};
    expect_split("  Talks resumed in 2.5 weeks. Why? Nobody said (\"no comment.\")\n End", en, 4);
    const char *none[] = {NULL};
    expect_split("   \n ", none, 0);
    listen_sentence s[2];
    assert_int_equal(reading_split("一。二。三。", 0, s, 2), 2); /* never more than max */
}

/* ---- a kiosk with disk audio (tests/support/diskaudio.h) -------------------- */

/* home -> reader, then a tap on Listen at time `t` (returns the script). */
static void to_reader_of(flow_script *s, const char *size, const char *extra)
{
    int w, h;
    sscanf(size, "%dx%d", &w, &h);
    flow_add(s, "0.5 tap %d %d", w / 2, h / 2);
    flow_tap_target(s, flow_run, size, 60, extra, "home", "articles", 1.5);
}

static void to_reader(flow_script *s, const char *size) { to_reader_of(s, size, NULL); }

static void listen_xy_of(const char *size, const flow_script *s, const char *extra, int *x, int *y)
{
    flow_trace tr;
    diskaudio_sound snd;
    diskaudio_run(&tr, size, 120, extra, s, &snd);
    flow_target(&tr, "reader", "listen", x, y);
    flow_free(&tr);
    free(snd.pcm);
}

static void listen_xy(const char *size, const flow_script *s, int *x, int *y) { listen_xy_of(size, s, NULL, x, y); }

static long expected_samples;
static int synth_cb(short *w, int n, espeak_EVENT *e)
{
    (void)w;
    (void)e;
    expected_samples += n;
    return 0;
}

/* What espeak-ng makes of the first excerpt's sentences, in samples at the
 * device's rate. */
static long synth_first_excerpt(size_t *sentences)
{
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load("content", NULL, &d);
    assert_non_null(b);
    const bundle_excerpt *e = &b->excerpts[0];
    static listen_sentence s[LISTEN_MAX_SENTENCES];
    size_t n = 0;
    for (size_t p = 0; p < e->paragraph_count; p++)
        n += reading_split(e->paragraphs[p], (uint16_t)p, s + n, LISTEN_MAX_SENTENCES - n);
    assert_int_equal(espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, 0), SYNTH_RATE);
    espeak_SetSynthCallback(synth_cb);
    espeak_SetVoiceByName("cmn");
    espeak_SetParameter(espeakRATE, WPM_CMN, 0);
    expected_samples = 0;
    for (size_t i = 0; i < n; i++) {
        char buf[4096];
        snprintf(buf, sizeof buf, "%.*s", (int)(s[i].end - s[i].start), s[i].text + s[i].start);
        espeak_Synth(buf, strlen(buf) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
    }
    espeak_Terminate();
    *sentences = n;
    bundle_free(b);
    diag_free(&d);
    return expected_samples * RATE / SYNTH_RATE;
}

/* Listen on the first excerpt, heard to its end: the sound is as long as the
 * synthesiser's for those sentences, starts within 300 ms of the tap and is
 * followed by silence; the trace has start, every sentence in order with
 * its highlighted range, and stop at the end. */
static void test_listen_reads_the_excerpt(void **state)
{
    (void)state;
    size_t nsent;
    long want = synth_first_excerpt(&nsent);
    flow_script s = {0};
    to_reader(&s, "1920x1080");
    int x, y;
    listen_xy("1920x1080", &s, &x, &y);
    flow_add(&s, "2.0 tap %d %d", x, y);
    flow_add(&s, "20.0 shot reading");
    flow_trace t;
    diskaudio_sound snd;
    long frames = 60 * 70;
    diskaudio_run(&t, "1920x1080", frames, "--config none", &s, &snd);

    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    assert_non_null(start);
    assert_string_equal(flow_str(start, "id"), "ex-a000-new-arena");
    assert_int_equal((size_t)flow_num(start, "sentences"), nsent);
    double t0 = flow_num(start, "t");
    assert_true(t0 >= 2.0 && t0 < 2.1);

    /* The highlight follows the sentences in order, each range after the last. */
    long next = 0, part = -1, to = 0;
    double last_t = t0;
    for (size_t i = 0; i < t.n; i++) {
        const cJSON *ev = t.ev[i];
        if (strcmp(flow_str(ev, "event"), "listen") || strcmp(flow_str(ev, "phase"), "sentence"))
            continue;
        assert_int_equal((long)flow_num(ev, "sentence"), next);
        long p = (long)flow_num(ev, "part"), from = (long)flow_num(ev, "from");
        assert_true(p >= part);
        if (p == part)
            assert_true(from >= to);
        assert_true(flow_num(ev, "to") > from);
        assert_true(flow_num(ev, "t") >= last_t);
        last_t = flow_num(ev, "t");
        part = p;
        to = (long)flow_num(ev, "to");
        next++;
    }
    assert_int_equal((size_t)next, nsent);
    const cJSON *stop = flow_first(&t, "listen", "phase", "stop");
    assert_non_null(stop);
    assert_string_equal(flow_str(stop, "reason"), "end");
    double t1 = flow_num(stop, "t");

    /* The sound: nothing before the tap, then the synthesiser's samples. */
    diskaudio_find_lead(&snd, t0);
    assert_int_equal(diskaudio_loud(&snd, 0, t0), 0);
    size_t a = diskaudio_first_loud(&snd, diskaudio_at(t0)) - snd.lead, z = diskaudio_last_loud(&snd) - snd.lead;
    assert_true(a < diskaudio_at(t0) + diskaudio_at(0.3)); /* first sound within 300 ms of virtual time */
    long span = (long)(z - diskaudio_at(t0));
    if (labs(span - want) > want / 100) /* espeak-ng's pauses vary by a few samples */
        fail_msg("heard %ld samples, the synthesiser makes %ld", span, want);
    assert_true(z < diskaudio_at(t1));
    assert_int_equal(diskaudio_loud(&snd, t1, (double)frames / 60), 0);
    free(snd.pcm);
    flow_free(&t);
}

/* A second tap pauses (silence), a third resumes (sound), Back stops it
 * (silence after), the language toggle too. */
static void test_pause_resume_and_leave(void **state)
{
    (void)state;
    flow_script s = {0};
    to_reader(&s, "1920x1080");
    int x, y;
    listen_xy("1920x1080", &s, &x, &y);
    flow_trace tr;
    diskaudio_sound snd;
    diskaudio_run(&tr, "1920x1080", 120, NULL, &s, &snd);
    int bx, by;
    flow_target(&tr, "reader", "back", &bx, &by);
    flow_free(&tr);
    free(snd.pcm);
    flow_add(&s, "2.0 tap %d %d", x, y);
    flow_add(&s, "4.0 tap %d %d", x, y);
    flow_add(&s, "6.0 tap %d %d", x, y);
    flow_add(&s, "8.0 tap %d %d", bx, by);
    flow_trace t;
    diskaudio_run(&t, "1920x1080", 600, "--config none", &s, &snd);
    const char *phases[] = {"start", "pause", "resume", "stop"};
    double times[4];
    for (int i = 0; i < 4; i++) {
        const cJSON *ev = flow_first(&t, "listen", "phase", phases[i]);
        if (!ev)
            fail_msg("no listen %s", phases[i]);
        times[i] = flow_num(ev, "t");
    }
    assert_string_equal(flow_str(flow_first(&t, "listen", "phase", "stop"), "reason"), "leave");
    double f = 1.0 / 60; /* a frame */
    diskaudio_find_lead(&snd, times[0]);
    assert_true(diskaudio_loud(&snd, times[0] + 0.1, times[1]) > diskaudio_at(0.5));
    assert_int_equal(diskaudio_loud(&snd, times[1] + f, times[2]), 0);
    assert_true(diskaudio_loud(&snd, times[2] + f, times[3]) > diskaudio_at(0.5));
    assert_int_equal(diskaudio_loud(&snd, times[3] + f, 10.0), 0);
    free(snd.pcm);
    flow_free(&t);
}

/* While it reads, the idle countdown waits; a paused reading meets the idle
 * return, which stops it: silence after. */
static void test_idle_return_stops(void **state)
{
    (void)state;
    char conf[600];
    snprintf(conf, sizeof conf, "%s/idle.conf", subproc_test_dir());
    assert_true(scratch_write_text(conf, "idle_timeout = 10\nvolume = 100\n"));
    char extra[700];
    snprintf(extra, sizeof extra, "--config %s", conf);
    flow_script s = {0};
    to_reader(&s, "1920x1080");
    int x, y;
    listen_xy("1920x1080", &s, &x, &y);
    flow_add(&s, "2.0 tap %d %d", x, y);
    flow_add(&s, "30.0 tap %d %d", x, y); /* pause after 28 s of reading, untouched */
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1920x1080", 60 * 55, extra, &s, &snd);
    const cJSON *pause = flow_first(&t, "listen", "phase", "pause");
    const cJSON *count = flow_first(&t, "idle", "phase", "countdown");
    const cJSON *stop = flow_first(&t, "listen", "phase", "stop");
    assert_non_null(pause);
    assert_non_null(count);
    assert_non_null(stop);
    assert_true(flow_num(count, "t") > flow_num(pause, "t") + 9.9); /* no countdown while it read */
    assert_string_equal(flow_str(stop, "reason"), "leave");
    const cJSON *ret = flow_first(&t, "idle", "phase", "return");
    assert_non_null(ret);
    assert_true(flow_num(stop, "t") >= flow_num(ret, "t"));
    diskaudio_find_lead(&snd, flow_num(flow_first(&t, "listen", "phase", "start"), "t"));
    assert_true(diskaudio_loud(&snd, 2.1, 29.9) > diskaudio_at(10));
    assert_int_equal(diskaudio_loud(&snd, flow_num(pause, "t") + 1.0 / 60, 55.0), 0);
    free(snd.pcm);
    flow_free(&t);
}

/* The attract loop writes silence, and the operator overlay stops a reading
 * (F12 opens its PIN pad: the reading stops before any PIN is entered). */
static void test_attract_is_silent_and_operator_stops(void **state)
{
    (void)state;
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1080x1920", 60 * 30, "--config none", NULL, &snd);
    assert_int_equal(diskaudio_loud(&snd, 0, 30.0), 0);
    assert_int_equal(flow_count(&t, "listen", NULL, NULL), 0);
    free(snd.pcm);
    flow_free(&t);

    flow_script s = {0};
    to_reader(&s, "1080x1920");
    int x, y;
    listen_xy("1080x1920", &s, &x, &y);
    flow_add(&s, "2.0 tap %d %d", x, y);
    flow_add(&s, "4.0 key f12");
    diskaudio_run(&t, "1080x1920", 60 * 8, "--config none", &s, &snd);
    const cJSON *stop = flow_first(&t, "listen", "phase", "stop");
    assert_non_null(stop);
    assert_string_equal(flow_str(stop, "reason"), "operator");
    diskaudio_find_lead(&snd, flow_num(flow_first(&t, "listen", "phase", "start"), "t"));
    assert_true(diskaudio_loud(&snd, 2.1, 4.0) > diskaudio_at(1));
    assert_int_equal(diskaudio_loud(&snd, flow_num(stop, "t") + 1.0 / 60, 8.0), 0);
    free(snd.pcm);
    flow_free(&t);
}

/* Listen on an event card reads its date, title and summary; closing the
 * card stops it. */
static void test_event_card(void **state)
{
    (void)state;
    const char *size = "1920x1080";
    flow_script s = {0};
    flow_add(&s, "0.5 tap 960 540");
    flow_tap_target(&s, flow_run, size, 60, NULL, "home", "timeline", 1.5);
    /* The event may sit in a cluster at the overview: its tap zooms in. */
    double te = flow_tap_event(&s, size, 3.0, "ev-2015-09-consensus", NULL, NULL);
    flow_trace tr;
    diskaudio_sound snd;
    diskaudio_run(&tr, size, (long)((te + 1) * 60), NULL, &s, &snd);
    free(snd.pcm);
    int lx, ly, cx, cy;
    flow_target(&tr, "timeline", "listen", &lx, &ly);
    flow_target(&tr, "timeline", "close", &cx, &cy);
    flow_free(&tr);
    flow_add(&s, "%.3f tap %d %d", te + 1, lx, ly);
    flow_add(&s, "%.3f tap %d %d", te + 6, cx, cy);
    flow_trace t;
    diskaudio_run(&t, size, (long)((te + 8) * 60), "--config none", &s, &snd);
    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    const cJSON *stop = flow_first(&t, "listen", "phase", "stop");
    assert_non_null(start);
    assert_non_null(stop);
    assert_string_equal(flow_str(start, "id"), "ev-2015-09-consensus");
    assert_true(flow_num(start, "sentences") >= 3); /* date, title, summary */
    assert_string_equal(flow_str(stop, "reason"), "leave");
    diskaudio_find_lead(&snd, flow_num(start, "t"));
    assert_true(diskaudio_loud(&snd, flow_num(start, "t"), flow_num(stop, "t")) > diskaudio_at(1));
    assert_int_equal(diskaudio_loud(&snd, flow_num(stop, "t") + 1.0 / 60, te + 8), 0);
    free(snd.pcm);
    flow_free(&t);
}

/* ---- narration files ---------------------------------------------------------- */

#define NARRATION "tests/data/narration/ex-origin.zh.opus" /* ex-origin's passage, 3 sentences */
static const double narration_marks[] = {0, 4.47, 9.57};

/* A copy of the minimal bundle whose first excerpt (ex-origin) has the
 * narration file above, with `audio_yaml` after its summary; returns the
 * directory. */
static const char *narrated_bundle(const char *name, const char *audio_yaml)
{
    static char dir[600];
    snprintf(dir, sizeof dir, "%s/%s", subproc_test_dir(), name);
    scratch_rm_rf(dir);
    assert_true(subproc_copy_tree("tests/bundles/minimal", dir));
    assert_int_equal(subproc_shell("mkdir -p %s/audio && cp " NARRATION " %s/audio/ && "
                                   "sed -i '0,/^    summary:/{/^    summary:/a\\\n%s\n}' %s/excerpts.yaml",
                                   dir, dir, audio_yaml, dir),
                     0);
    return dir;
}

/* The narration file, decoded here with libopusfile: mono 48 kHz. */
static int16_t *decode_narration(const char *path, size_t *n)
{
    int e = 0;
    OggOpusFile *of = op_open_file(path, &e);
    assert_non_null(of);
    assert_int_equal(op_channel_count(of, -1), 1);
    size_t cap = (size_t)op_pcm_total(of, -1), len = 0;
    int16_t *pcm = malloc(cap * sizeof *pcm);
    assert_non_null(pcm);
    int got;
    while (len < cap && (got = op_read(of, pcm + len, (int)(cap - len), NULL)) > 0)
        len += (size_t)got;
    op_free(of);
    assert_int_equal(len, cap);
    *n = len;
    return pcm;
}

/* Kiosk arguments for bundle `dir` at volume 100 (the gain is 1: samples
 * come out as decoded). Valid until the next call. */
static const char *loud_run_args(const char *dir)
{
    static char extra[1600];
    char conf[700];
    snprintf(conf, sizeof conf, "%s/loud.conf", subproc_test_dir());
    assert_true(scratch_write_text(conf, "volume = 100\n"));
    snprintf(extra, sizeof extra, "--config %s --bundle %s", conf, dir);
    return extra;
}

/* The narration file's first n samples (all: n = (size_t)-1) are in the
 * sound from virtual time t0 on, sample for sample; returns the file's
 * length and the index in snd where it starts. */
static size_t expect_narration(diskaudio_sound *snd, double t0, size_t n, size_t *start)
{
    size_t want_n;
    int16_t *want = decode_narration(NARRATION, &want_n);
    if (n > want_n)
        n = want_n;
    diskaudio_find_lead(snd, t0);
    size_t a = diskaudio_at(t0) + snd->lead;
    assert_true(a + n <= snd->n);
    for (size_t i = 0; i < n; i++)
        if (snd->pcm[a + i] != want[i])
            fail_msg("sample %zu of the narration: %d played, %d in the file", i, snd->pcm[a + i], want[i]);
    free(want);
    *start = a;
    return want_n;
}

/* Listen on an excerpt with a narration file plays that file, sample for
 * sample (volume 100), from the tap's frame, then silence; the highlight
 * moves at the bundle's marks; the end is traced when the file ends. */
static void test_narration_played_sample_exact(void **state)
{
    (void)state;
    const char *dir = narrated_bundle("narrated", "    audio:\\n      zh: {file: audio/ex-origin.zh.opus, marks: [0, 4.47, 9.57]}");
    const char *extra = loud_run_args(dir);
    flow_script s = {0};
    to_reader_of(&s, "1920x1080", extra);
    int x, y;
    listen_xy_of("1920x1080", &s, extra, &x, &y);
    flow_add(&s, "2.0 tap %d %d", x, y);
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1920x1080", 60 * 18, extra, &s, &snd);

    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    assert_non_null(start);
    assert_string_equal(flow_str(start, "id"), "ex-origin");
    assert_int_equal((long)flow_num(start, "sentences"), 3);
    double t0 = flow_num(start, "t");

    /* The sound: the file's samples from the tap's frame on, then silence. */
    size_t a, want_n = expect_narration(&snd, t0, (size_t)-1, &a);
    assert_in_range(want_n, 13 * RATE, 14 * RATE);
    assert_int_equal(diskaudio_loud(&snd, 0, t0), 0);
    for (size_t i = a + want_n; i < snd.n; i++)
        if (snd.pcm[i])
            fail_msg("sound %zu samples after the narration's end", i - a - want_n);

    /* The highlight: each sentence at its mark (within the frame and the
     * 50 ms the loop polls at), in order. */
    long next = 0;
    for (size_t i = 0; i < t.n; i++) {
        const cJSON *ev = t.ev[i];
        if (strcmp(flow_str(ev, "event"), "listen") || strcmp(flow_str(ev, "phase"), "sentence"))
            continue;
        assert_int_equal((long)flow_num(ev, "sentence"), next);
        double late = flow_num(ev, "t") - (t0 + narration_marks[next]);
        if (late < -0.001 || late > 0.09)
            fail_msg("sentence %ld highlighted %.3f s after its mark", next, late);
        next++;
    }
    assert_int_equal(next, 3);
    const cJSON *stop = flow_first(&t, "listen", "phase", "stop");
    assert_non_null(stop);
    assert_string_equal(flow_str(stop, "reason"), "end");
    double end = flow_num(stop, "t") - (t0 + (double)want_n / RATE);
    assert_true(end > -0.001 && end < 0.09);
    free(snd.pcm);
    flow_free(&t);
}

/* With attract_sound, the attract loop's first card (ex-origin) is read
 * from its narration file too: the file's samples from the card's frame. */
static void test_narration_in_attract(void **state)
{
    (void)state;
    const char *dir = narrated_bundle("narrated-attract", "    audio: {zh: audio/ex-origin.zh.opus}");
    assert_int_equal(subproc_shell("sed -i 's/^  high_contrast: false$/  high_contrast: false\\n  attract_sound: true/' "
                                   "%s/manifest.yaml",
                                   dir),
                     0);
    const char *extra = loud_run_args(dir);
    flow_trace t;
    diskaudio_sound snd;
    diskaudio_run(&t, "1920x1080", 60 * 6, extra, NULL, &snd);
    const cJSON *start = flow_first(&t, "listen", "phase", "start");
    if (!start)
        fail_msg("no reading in the attract loop (run in %s)", t.dir);
    assert_string_equal(flow_str(start, "id"), "ex-origin");
    size_t a;
    expect_narration(&snd, flow_num(start, "t"), diskaudio_at(5.0), &a);
    free(snd.pcm);
    flow_free(&t);
}

/* Without marks the sentences share the file in proportion to their
 * lengths in characters. */
static void test_narration_proportional(void **state)
{
    (void)state;
    const char *text = "一二三。四五六七八九。";
    listen_sentence s[2];
    assert_int_equal(reading_split(text, 0, s, 2), 2);
    bundle_audio a = {.file = "x.opus", .seconds = 10};
    assert_int_equal(narration_sentence_start(&a, s, 2, 0, 480000), 0);
    assert_int_equal(narration_sentence_start(&a, s, 2, 1, 480000), 480000 * 4 / 11);
    double marks[] = {0, 7.5};
    a.marks = marks;
    a.mark_count = 2;
    assert_int_equal(narration_sentence_start(&a, s, 2, 1, 480000), 360000);
}

/* The kiosk's start decodes a narration file's first packets only; the
 * full check (--check's options) and kiosk-bundle pack decode it to the end
 * and name a damaged page in the middle, with the file and line of the
 * excerpt's audio. */
static void test_narration_damaged_middle(void **state)
{
    (void)state;
    const char *dir = narrated_bundle("damaged", "    audio: {zh: audio/ex-origin.zh.opus}");
    /* Bytes in the middle of the file: a page there fails its checksum. */
    assert_int_equal(subproc_shell("f=%s/audio/ex-origin.zh.opus; n=$(stat -c %%s $f); "
                                   "printf 'damaged damaged damaged' | dd of=$f bs=1 seek=$((n / 2)) conv=notrunc 2>/dev/null",
                                   dir),
                     0);
    diag_list d;
    diag_init(&d);
    bundle *b = bundle_load(dir, NULL, &d);
    assert_non_null(b); /* the start probes the first packets: they decode */
    assert_non_null(b->excerpts[0].audio[BUNDLE_ZH].path);
    bundle_free(b);
    diag_free(&d);
    bundle_check_opts all = {.audio_decode_all = true};
    b = bundle_load(dir, &all, &d);
    assert_null(b);
    assert_int_equal(d.errors, 1);
    char line[DIAG_MAX_MESSAGE + 256];
    diag_format(&d.items[0], line, sizeof line);
    if (!strstr(line, "excerpts.yaml:14: error: excerpt 'ex-origin': 'audio' zh: audio/ex-origin.zh.opus: "
                      "a page is missing or damaged at "))
        fail_msg("%s", line);
    diag_free(&d);
    /* kiosk-bundle pack refuses it too, naming it. */
    char out[700], cmd_err[700];
    snprintf(out, sizeof out, "%s/damaged.kbundle", subproc_test_dir());
    snprintf(cmd_err, sizeof cmd_err, "%s/pack-err.txt", subproc_test_dir());
    int rc = subproc_shell("%s pack %s -o %s >/dev/null 2>%s", subproc_bundle_tool_bin(), dir, out, cmd_err);
    char *err = subproc_read_file(cmd_err, NULL);
    assert_non_null(err);
    if (rc == 0 || !strstr(err, "audio/ex-origin.zh.opus: a page is missing or damaged at "))
        fail_msg("pack: exit %d\n%s", rc, err);
    free(err);
}

/* No audio device: one warning, no Listen button, the exhibit runs. */
static void test_no_device_hides_the_button(void **state)
{
    (void)state;
    flow_script s = {0};
    to_reader(&s, "1920x1080");
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    flow_trace t;
    flow_run(&t, "1920x1080", 180, "--config none", &s);
    unsetenv("SDL_AUDIODRIVER");
    assert_int_equal(t.status, 0);
    double x, y, w, h;
    assert_true(flow_find_target(&t, "reader", "back", &x, &y, &w, &h));
    assert_false(flow_find_target(&t, "reader", "listen", &x, &y, &w, &h));
    char path[600];
    snprintf(path, sizeof path, "%s/stderr.txt", t.dir);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_int_equal(subproc_count_lines(err, "speech", "Listen buttons are hidden", NULL), 1);
    free(err);
    flow_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_listen_reads_the_excerpt),
        cmocka_unit_test(test_pause_resume_and_leave),
        cmocka_unit_test(test_idle_return_stops),
        cmocka_unit_test(test_attract_is_silent_and_operator_stops),
        cmocka_unit_test(test_event_card),
        cmocka_unit_test(test_narration_played_sample_exact),
        cmocka_unit_test(test_narration_in_attract),
        cmocka_unit_test(test_narration_proportional),
        cmocka_unit_test(test_narration_damaged_middle),
        cmocka_unit_test(test_no_device_hides_the_button),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
