/* bench: `make bench`, the exhibit's figures against its peers, measured in
 * one run on this machine. Run from the repository root (the Makefile does).
 *
 * Release build, 1920x1080, the default bundle. Every kiosk run is headless
 * (SDL's software renderer, the virtual clock: a frame is 1/60 s of program
 * time however long it takes) except the two CPU figures, which need real
 * time: those run in a real window on an X server (Xvfb, through xvfb-run).
 * Per-frame figures come from the kiosk's --profile (core/frameprof.h),
 * allocations from build/tools/kiosk-counted (toolchain/alloc_count.c).
 *
 * The peers (toolchain/peer_sdl2ttf.c) show the same reader screen: same
 * excerpt, fonts, sizes, column and window, scrolled the same distance.
 *
 * Output: a table (figure, value, unit, target, met/missed), then one line
 * per figure, `BENCH <name> <value> <unit>`. BENCHMARKS.md explains them. */
#define _DEFAULT_SOURCE /* realpath */
#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/resources.h"
#include "content/load.h"
#include "platform/panel.h"
#include "platform/speech.h"
#include "text/layout.h"
#include "ui/geometry.h"

extern char **environ;

#define BENCH_W 1920
#define BENCH_H 1080
#define BENCH_STARTS 7           /* startup runs; the median is reported */
#define BENCH_LAYOUT_REPS 5      /* cold layout runs; the median is reported */
#define BENCH_SESSION_S 600      /* the session: 10 minutes of program time */
#define BENCH_PEER_FRAMES 360    /* frames of the peers' scroll */
#define BENCH_IDLE_S 10          /* wall seconds on the still home screen */
#define BENCH_ATTRACT_S 60       /* wall seconds of attract loop in a window */
#define BENCH_SCROLL_EXCERPT 14  /* the longest excerpt: it scrolls at 1080p */
#define BENCH_MAX_FRAMES 40000
#define BENCH_MAX_FIGS 64
#define BENCH_LISTENS 7          /* Listen starts; the median is reported */

static const char *kiosk = "build/kiosk", *counted = "build/tools/kiosk-counted", *peer = "build/tools/peer_sdl2ttf";
static char tmp[256]; /* a private directory for scripts and profiles */

/* ---- figures ------------------------------------------------------------ */

typedef struct {
    char name[64];
    double value;
    const char *unit;
    char op;       /* '<': value must be <= target, '>': >=, 0: no target */
    double target;
} figure;

static figure figs[BENCH_MAX_FIGS];
static int nfigs;

static double put(const char *name, double value, const char *unit, char op, double target)
{
    if (nfigs < BENCH_MAX_FIGS)
        figs[nfigs++] = (figure){"", value, unit, op, target};
    snprintf(figs[nfigs - 1].name, sizeof figs[0].name, "%s", name);
    return value;
}

static double get(const char *name)
{
    for (int i = 0; i < nfigs; i++)
        if (strcmp(figs[i].name, name) == 0)
            return figs[i].value;
    return NAN;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench: %s: %s\n", what, why);
    exit(1);
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of v[0..n) (sorted in place); NAN when n is 0. */
static double quantile(double *v, int n, double q)
{
    if (n <= 0)
        return NAN;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)ceil(q * n) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* ---- profiles (core/frameprof.h) ------------------------------------------ */

typedef struct {
    double t;
    char scene[16];
    int drawn;
    double ours_us, sdl_us;
    long allocs, allocs_ours;
} frame_rec;

typedef struct {
    frame_rec *f;
    int n;
    double first_frame_ms; /* CLOCK_MONOTONIC of the first frame, ms; NAN: none */
    double maxrss_mb, atlas_bytes, glyphs;
} profile;

static void profile_read(const char *path, profile *p)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, "no profile written (did the run fail?)");
    if (!p->f && !(p->f = malloc(BENCH_MAX_FRAMES * sizeof *p->f)))
        die("profile", "out of memory");
    p->n = 0;
    p->first_frame_ms = p->maxrss_mb = NAN;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        frame_rec r;
        long long ns;
        long rss;
        double ab, gl;
        if (sscanf(line, "F %*u %lf %15s %d %lf %lf %ld %ld", &r.t, r.scene, &r.drawn, &r.ours_us, &r.sdl_us,
                   &r.allocs, &r.allocs_ours) == 7) {
            if (p->n < BENCH_MAX_FRAMES)
                p->f[p->n++] = r;
        } else if (sscanf(line, "P %lld", &ns) == 1) {
            p->first_frame_ms = (double)ns / 1e6;
        } else if (sscanf(line, "Q %ld %lf %lf", &rss, &ab, &gl) == 3) {
            p->maxrss_mb = (double)rss / 1024.0;
            p->atlas_bytes = ab;
            p->glyphs = gl;
        }
    }
    fclose(f);
}

/* Figures of the drawn frames of `scene` with t in [t0, t1). */
typedef struct {
    int frames;
    double p50, p99, ours_p50, sdl_p50, allocs, allocs_ours;
} frame_figs;

static frame_figs frames_of(const profile *p, const char *scene, double t0, double t1)
{
    static double tot[BENCH_MAX_FRAMES], ours[BENCH_MAX_FRAMES], sdl[BENCH_MAX_FRAMES];
    frame_figs r = {0};
    long allocs = 0, allocs_ours = 0;
    for (int i = 0; i < p->n; i++) {
        const frame_rec *f = &p->f[i];
        if (!f->drawn || f->t < t0 || f->t >= t1 || strcmp(f->scene, scene) != 0)
            continue;
        tot[r.frames] = f->ours_us + f->sdl_us;
        ours[r.frames] = f->ours_us;
        sdl[r.frames] = f->sdl_us;
        allocs += f->allocs;
        allocs_ours += f->allocs_ours;
        r.frames++;
    }
    r.p50 = quantile(tot, r.frames, 0.5);
    r.p99 = quantile(tot, r.frames, 0.99);
    r.ours_p50 = quantile(ours, r.frames, 0.5);
    r.sdl_p50 = quantile(sdl, r.frames, 0.5);
    r.allocs = r.frames ? (double)allocs / r.frames : NAN;
    r.allocs_ours = r.frames ? (double)allocs_ours / r.frames : NAN;
    return r;
}

/* ---- processes ---------------------------------------------------------- */

/* Runs argv (stdout and stderr to /dev/null unless keep_output); returns
 * CLOCK_MONOTONIC (ms) at the spawn. Dies when it fails. */
static double run(char *const argv[], int keep_output)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (!keep_output) {
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid;
    double t0 = mono_ms();
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        die(argv[0], strerror(rc));
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            die(argv[0], strerror(errno));
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        char cmd[2048] = "";
        for (int i = 0; argv[i]; i++)
            snprintf(cmd + strlen(cmd), sizeof cmd - strlen(cmd), "%s ", argv[i]);
        die(cmd, "failed");
    }
    return t0;
}

static void path_in_tmp(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", tmp, name); }

static void write_file(const char *name, const char *text)
{
    char path[512];
    path_in_tmp(path, sizeof path, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        die(path, "cannot write");
}

/* Appends to s (cap bytes, *n used) the taps from the attract loop to the
 * reader at BENCH_SCROLL_EXCERPT (the longest excerpt: it scrolls at 1080p):
 * wake at time `wake`, open the reader at `open`, then "next" that many
 * times from a second later. */
static void script_to_long_excerpt(char *s, size_t cap, size_t *n, double wake, double open)
{
    *n += (size_t)snprintf(s + *n, cap - *n, "%.1f tap 960 540\n%.1f tap 500 700\n", wake, open);
    for (int i = 0; i < BENCH_SCROLL_EXCERPT; i++)
        *n += (size_t)snprintf(s + *n, cap - *n, "%.1f tap 1700 1000\n", open + 1 + i * 0.6);
}

/* ---- the scenarios -------------------------------------------------------- */

/* startup_ms: spawn to the first frame presented, median of n runs. */
static double startup_of(char *const argv[], const char *prof_path, int n)
{
    double ms[BENCH_STARTS];
    profile p = {0};
    for (int i = 0; i < n; i++) {
        double t0 = run(argv, 0);
        profile_read(prof_path, &p);
        if (isnan(p.first_frame_ms))
            die(argv[0], "no first frame in the profile");
        ms[i] = p.first_frame_ms - t0;
    }
    free(p.f);
    return quantile(ms, n, 0.5);
}

/* The session script: attract loop, then a visitor reads (excerpt
 * BENCH_SCROLL_EXCERPT, flung up and down), then pans the timeline, walks
 * away; the idle return brings the attract loop back until the end. Times
 * in s; coordinates for 1920x1080 (the traced targets of those screens). */
#define S_WAKE 240.0
#define S_SCROLL0 252.0 /* reader flings from here ... */
#define S_SCROLL1 282.0 /* ... to here */
#define S_FLING0 286.0  /* timeline flings from here ... */
#define S_FLING1 316.0  /* ... to here */
static void write_session(void)
{
    char s[8192];
    size_t n = 0;
    script_to_long_excerpt(s, sizeof s, &n, S_WAKE, S_WAKE + 1);
    for (double t = S_SCROLL0; t < S_SCROLL1; t += 1.0)
        n += (size_t)snprintf(s + n, sizeof s - n, "%.2f drag 960 820 960 420 0.12\n%.2f drag 960 420 960 820 0.12\n",
                              t, t + 0.5);
    n += (size_t)snprintf(s + n, sizeof s - n, "%.1f tap 160 65\n%.1f tap 1400 700\n%.1f pinch 960 600 200 700 0.5\n",
                          S_SCROLL1 + 1, S_SCROLL1 + 2, S_SCROLL1 + 3);
    for (int i = 0; S_FLING0 + i * 0.6 < S_FLING1; i++)
        n += (size_t)snprintf(s + n, sizeof s - n, "%.2f drag %d 600 %d 600 0.12\n", S_FLING0 + i * 0.6,
                              i % 2 ? 600 : 1300, i % 2 ? 1300 : 600);
    write_file("session.txt", s);
}

static void session(void)
{
    char script[512], prof[512], trace[512], frames[32];
    write_session();
    path_in_tmp(script, sizeof script, "session.txt");
    path_in_tmp(prof, sizeof prof, "session.prof");
    path_in_tmp(trace, sizeof trace, "session.jsonl");
    snprintf(frames, sizeof frames, "%d", BENCH_SESSION_S * 60);
    char *argv[] = {(char *)counted, "--headless", "--size", "1920x1080", "--bundle", "content", "--frames", frames,
                    "--script", script, "--profile", prof, "--trace", trace, "--quiet", NULL};
    setenv("SOURCE_DATE_EPOCH", "1763800000", 1);
    run(argv, 0);
    profile p = {0};
    profile_read(prof, &p);

    /* The attract loop's transitions once the visitor has left (the idle
     * return): every card was laid out in the first four minutes, so these
     * are the steady state; frames within a cross-fade of a card change. */
    FILE *f = fopen(trace, "r");
    if (!f)
        die(trace, "cannot read");
    char line[8192];
    static double ttot[BENCH_MAX_FRAMES], tours[BENCH_MAX_FRAMES], tsdl[BENCH_MAX_FRAMES];
    int nt = 0;
    long allocs = 0, allocs_ours = 0;
    double after = S_FLING1;
    while (fgets(line, sizeof line, f)) {
        double t;
        if (!strstr(line, "\"event\":\"attract\"") || sscanf(line, "{\"t\":%lf", &t) != 1 || t < after)
            continue;
        for (int i = 0; i < p.n; i++) {
            const frame_rec *r = &p.f[i];
            if (r->drawn && r->t >= t && r->t < t + 0.9 && strcmp(r->scene, "attract") == 0 && nt < BENCH_MAX_FRAMES) {
                ttot[nt] = r->ours_us + r->sdl_us;
                tours[nt] = r->ours_us;
                tsdl[nt] = r->sdl_us;
                allocs += r->allocs;
                allocs_ours += r->allocs_ours;
                nt++;
            }
        }
    }
    fclose(f);
    if (nt == 0)
        die("session", "no attract transition in the profile");
    put("frame_us_p50_attract", quantile(ttot, nt, 0.5), "us", '<', 16667);
    put("frame_us_p99_attract", quantile(ttot, nt, 0.99), "us", '<', 16667);
    put("ours_us_p50_attract", quantile(tours, nt, 0.5), "us", 0, 0);
    put("sdl_us_p50_attract", quantile(tsdl, nt, 0.5), "us", 0, 0);
    put("allocs_per_frame_attract", (double)allocs / nt, "allocs", '<', 0);
    put("ours_allocs_per_frame_attract", (double)allocs_ours / nt, "allocs", '<', 0);

    /* Scroll and fling: the second half of each (the first brings glyphs
     * and layouts in). */
    struct {
        const char *name, *scene;
        double t0, t1;
    } sc[] = {{"scroll", "reader", (S_SCROLL0 + S_SCROLL1) / 2, S_SCROLL1},
              {"fling", "timeline", (S_FLING0 + S_FLING1) / 2, S_FLING1 + 2}};
    for (size_t k = 0; k < sizeof sc / sizeof sc[0]; k++) {
        frame_figs ff = frames_of(&p, sc[k].scene, sc[k].t0, sc[k].t1);
        if (ff.frames < 60)
            die(sc[k].name, "fewer than 60 frames drawn: the script missed its screen");
        char name[64];
        snprintf(name, sizeof name, "frame_us_p50_%s", sc[k].name);
        put(name, ff.p50, "us", '<', 16667);
        snprintf(name, sizeof name, "frame_us_p99_%s", sc[k].name);
        put(name, ff.p99, "us", '<', 16667);
        snprintf(name, sizeof name, "ours_us_p50_%s", sc[k].name);
        put(name, ff.ours_p50, "us", 0, 0);
        snprintf(name, sizeof name, "sdl_us_p50_%s", sc[k].name);
        put(name, ff.sdl_p50, "us", 0, 0);
        snprintf(name, sizeof name, "allocs_per_frame_%s", sc[k].name);
        put(name, ff.allocs, "allocs", '<', 0);
        snprintf(name, sizeof name, "ours_allocs_per_frame_%s", sc[k].name);
        put(name, ff.allocs_ours, "allocs", '<', 0);
    }
    put("peak_rss_mb", p.maxrss_mb, "MB", '<', 48);
    put("atlas_bytes", p.atlas_bytes, "bytes", 0, 0);
    put("glyphs_cached", p.glyphs, "glyphs", 0, 0);
    free(p.f);
}

/* The reader screen of the scroll scene, for the peers: sizes and areas
 * from the same metrics the kiosk uses. */
static int write_peer_screen(const bundle *b)
{
    ui_geometry m;
    ui_geometry_compute(&m, BENCH_W, BENCH_H, panel_assumed_px_per_mm(BENCH_W, BENCH_H), false);
    const bundle_excerpt *e = &b->excerpts[BENCH_SCROLL_EXCERPT];
    char path[512];
    path_in_tmp(path, sizeof path, "peer-screen.txt");
    FILE *f = fopen(path, "w");
    if (!f)
        die(path, "cannot write");
    /* The distance the reader scrolls this excerpt (its trace said 175 px
     * at 1080p): the peers scroll as far. */
    fprintf(f, "%d %d %d %d %d %d %d %d %d\n%s\n", BENCH_W, BENCH_H, (int)m.reader.col_x, (int)m.reader.col_w,
            (int)m.reader.view.y, (int)m.reader.view.h, m.text_px[STYLE_TITLE], m.text_px[STYLE_BODY], 175,
            e->heading.s[BUNDLE_ZH]);
    for (size_t i = 0; i < e->paragraph_count; i++)
        fprintf(f, "%s\n", e->paragraphs[i]);
    if (fclose(f) != 0)
        die(path, "cannot write");
    return m.text_px[STYLE_BODY];
}

static void peers(void)
{
    char screen[512], prof[512], frames[32];
    path_in_tmp(screen, sizeof screen, "peer-screen.txt");
    path_in_tmp(prof, sizeof prof, "peer.prof");
    const char *modes[] = {"naive", "cached"};
    for (int k = 0; k < 2; k++) {
        char *one[] = {(char *)peer, (char *)modes[k], screen, (char *)app_fonts_dir(), "1", prof, NULL};
        double start = startup_of(one, prof, BENCH_STARTS);
        snprintf(frames, sizeof frames, "%d", BENCH_PEER_FRAMES);
        char *argv[] = {(char *)peer, (char *)modes[k], screen, (char *)app_fonts_dir(), frames, prof, NULL};
        run(argv, 0);
        profile p = {0};
        profile_read(prof, &p);
        frame_figs ff = frames_of(&p, "reader", 1.0 / 60 - 1e-9, 1e9); /* all but the first frame */
        char name[64];
        snprintf(name, sizeof name, "sdl2ttf_%s_frame_us_p50_scroll", modes[k]);
        put(name, ff.p50, "us", 0, 0);
        snprintf(name, sizeof name, "sdl2ttf_%s_startup_ms", modes[k]);
        put(name, start, "ms", 0, 0);
        snprintf(name, sizeof name, "sdl2ttf_%s_peak_rss_mb", modes[k]);
        put(name, p.maxrss_mb, "MB", 0, 0);
        free(p.f);
    }
}

/* layout_all_ms: a cold engine shapes and lays out every excerpt (heading
 * and passage at the reader's sizes and column) and every event card
 * (title and summary, both languages, at the card's width). */
static void layout_all(const bundle *b, int body_px)
{
    ui_geometry m;
    ui_geometry_compute(&m, BENCH_W, BENCH_H, panel_assumed_px_per_mm(BENCH_W, BENCH_H), false);
    double ms[BENCH_LAYOUT_REPS];
    unsigned long layouts = 0, glyphs = 0;
    for (int rep = 0; rep < BENCH_LAYOUT_REPS; rep++) {
        char err[512];
        double t0 = mono_ms();
        text_engine *te = text_open(app_fonts_dir(), err, sizeof err);
        if (!te)
            die("text_open", err);
        layouts = glyphs = 0;
        text_params head = {.style = STYLE_TITLE, .size_px = m.text_px[STYLE_TITLE], .width_px = (int)m.reader.col_w};
        text_params body = {.style = STYLE_BODY, .size_px = body_px, .width_px = (int)m.reader.col_w, .justify = true};
        for (size_t i = 0; i < b->excerpt_count; i++) {
            const bundle_excerpt *e = &b->excerpts[i];
            const char *h = e->heading.s[BUNDLE_ZH];
            const text_layout *l = text_lay_out(te, h, strlen(h), &head);
            glyphs += l ? l->glyph_count : 0;
            layouts++;
            for (size_t k = 0; k < e->paragraph_count; k++, layouts++) {
                l = text_lay_out(te, e->paragraphs[k], strlen(e->paragraphs[k]), &body);
                glyphs += l ? l->glyph_count : 0;
            }
        }
        text_params ct = {.style = STYLE_TITLE, .size_px = m.text_px[STYLE_TITLE], .width_px = (int)m.timeline.card_text.w};
        text_params cb = {.style = STYLE_BODY, .size_px = body_px, .width_px = (int)m.timeline.card_text.w, .justify = true};
        for (size_t i = 0; i < b->event_count; i++) {
            const bundle_event *e = &b->events[i];
            for (int lang = 0; lang < 2; lang++, layouts += 2) {
                const char *t = e->title.s[lang], *s = e->summary.s[lang];
                const text_layout *l = text_lay_out(te, t, strlen(t), &ct);
                glyphs += l ? l->glyph_count : 0;
                l = text_lay_out(te, s, strlen(s), &cb);
                glyphs += l ? l->glyph_count : 0;
            }
        }
        ms[rep] = mono_ms() - t0;
        text_close(te);
    }
    put("layout_all_ms", quantile(ms, BENCH_LAYOUT_REPS, 0.5), "ms", '<', 30);
    printf("bench: layout_all: %lu layouts, %lu glyphs, engine opened cold each time, median of %d\n", layouts, glyphs,
           BENCH_LAYOUT_REPS);
}

/* CPU of the kiosk in a real window on Xvfb over `secs` wall seconds,
 * after a 3 s start; also the frames it drew then (from its profile). */
static void window_cpu(const char *script, int secs, double *cpu_pct, double *renders)
{
    char prof[512], frames[32], sh[4096], out[512];
    path_in_tmp(prof, sizeof prof, "window.prof");
    path_in_tmp(out, sizeof out, "window.out");
    snprintf(frames, sizeof frames, "%d", (secs + 5) * 60);
    /* The shell inside xvfb-run reads the process's CPU ticks from /proc
     * at the start and the end of the window. */
    snprintf(sh, sizeof sh,
             "xvfb-run -a -s '-screen 0 1920x1080x24' sh -c '"
             "%s --size 1920x1080 --bundle content --quiet --frames %s --profile %s %s%s & pid=$!; "
             "sleep 3; a=$(cut -d\" \" -f14,15 /proc/$pid/stat); sleep %d; b=$(cut -d\" \" -f14,15 /proc/$pid/stat); "
             "wait $pid; echo $a $b $(getconf CLK_TCK)' >%s 2>/dev/null",
             kiosk, frames, prof, script ? "--script " : "", script ? script : "", secs, out);
    if (system(sh) != 0)
        die("xvfb-run", "the window run failed (is xvfb installed? make deps)");
    FILE *f = fopen(out, "r");
    double a1, a2, b1, b2, hz;
    if (!f || fscanf(f, "%lf %lf %lf %lf %lf", &a1, &a2, &b1, &b2, &hz) != 5)
        die(out, "no CPU reading");
    fclose(f);
    *cpu_pct = 100.0 * ((b1 + b2) - (a1 + a2)) / hz / secs;
    profile p = {0};
    profile_read(prof, &p);
    int n = 0;
    for (int i = 0; i < p.n; i++)
        n += p.f[i].drawn && p.f[i].t >= 3 && p.f[i].t < 3 + secs;
    *renders = n;
    free(p.f);
}

/* ---- the Chromium peer (make bench-peers) ---------------------------------- */

/* The reader screen of the scroll scene as a static page, same font files
 * (@font-face on the bundled subsets), sizes and column. */
static void write_html(const bundle *b, const char *path)
{
    ui_geometry m;
    ui_geometry_compute(&m, BENCH_W, BENCH_H, panel_assumed_px_per_mm(BENCH_W, BENCH_H), false);
    const bundle_excerpt *e = &b->excerpts[BENCH_SCROLL_EXCERPT];
    char fonts[PATH_MAX];
    if (!realpath(app_fonts_dir(), fonts))
        die(app_fonts_dir(), strerror(errno));
    FILE *f = fopen(path, "w");
    if (!f)
        die(path, "cannot write");
    fprintf(f,
            "<!doctype html><html lang=\"zh-Hans\"><meta charset=\"utf-8\"><style>\n"
            "@font-face{font-family:KSans;src:url(\"file://%s/NotoSansSC-Regular.otf\")}\n"
            "@font-face{font-family:KSerifBold;src:url(\"file://%s/NotoSerifSC-Bold.otf\")}\n"
            "html,body{margin:0;background:#0f1216;color:#ece8e1;width:%dpx;height:%dpx;overflow:hidden}\n"
            "main{position:absolute;left:%dpx;width:%dpx;top:%dpx;height:%dpx;overflow:hidden}\n"
            "h1{font:%dpx KSerifBold;margin:0 0 %dpx}p{font:%dpx/1.7 KSans;margin:0 0 %dpx;text-align:justify}\n"
            "</style><main><h1>%s</h1>\n",
            fonts, fonts, BENCH_W, BENCH_H, (int)m.reader.col_x, (int)m.reader.col_w, (int)m.reader.view.y,
            (int)m.reader.view.h, m.text_px[STYLE_TITLE], m.text_px[STYLE_BODY], m.text_px[STYLE_BODY],
            m.text_px[STYLE_BODY], e->heading.s[BUNDLE_ZH]);
    for (size_t i = 0; i < e->paragraph_count; i++)
        fprintf(f, "<p>%s</p>\n", e->paragraphs[i]);
    fputs("</main></html>\n", f);
    if (fclose(f) != 0)
        die(path, "cannot write");
}

/* Memory (kB) of every process in process group pgid: the sum of their
 * proportional set sizes (PSS: a page shared by n of them counts 1/n in
 * each), so libraries the browser's processes share are not counted many
 * times over (their summed RSS would be). */
static long group_pss_kb(pid_t pgid)
{
    DIR *d = opendir("/proc");
    long total = 0;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] < '1' || de->d_name[0] > '9')
            continue;
        char path[300], buf[1024];
        snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        const char *p = strrchr(buf, ')'); /* after the command name: state ppid pgrp */
        long pg = 0;
        if (!p || sscanf(p + 2, "%*c %*d %ld", &pg) != 1 || pg != pgid)
            continue;
        snprintf(path, sizeof path, "/proc/%s/smaps_rollup", de->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        long kb;
        while (fgets(buf, sizeof buf, f))
            if (sscanf(buf, "Pss: %ld kB", &kb) == 1)
                total += kb;
        fclose(f);
    }
    if (d)
        closedir(d);
    return total;
}

/* Chromium, headless, showing the page until its screenshot is written:
 * wall time (ms) from the spawn to its exit, and the peak of the summed
 * PSS of all its processes, sampled every 5 ms. */
static void chromium_once(const char *page, const char *shot, double *ms, double *peak_mb)
{
    char url[PATH_MAX + 16], shotarg[PATH_MAX + 16];
    snprintf(url, sizeof url, "file://%s", page);
    snprintf(shotarg, sizeof shotarg, "--screenshot=%s", shot);
    char *argv[] = {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-extensions", "--no-first-run",
                    "--window-size=1920,1080", "--hide-scrollbars", shotarg, url, NULL};
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    posix_spawnattr_setpgroup(&at, 0); /* its own group: all its processes are counted */
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    double t0 = mono_ms();
    if (posix_spawn(&pid, argv[0], &fa, &at, argv, environ) != 0)
        die(argv[0], "cannot start (make deps installs Debian's chromium)");
    long peak = 0;
    int st;
    while (waitpid(pid, &st, WNOHANG) == 0) {
        long kb = group_pss_kb(pid);
        peak = kb > peak ? kb : peak;
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    *ms = mono_ms() - t0;
    *peak_mb = (double)peak / 1024.0;
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || access(shot, F_OK) != 0)
        die("chromium", "no screenshot");
}

static void chromium_peer(const bundle *b)
{
    char page[512], shot[512];
    path_in_tmp(page, sizeof page, "reader.html");
    path_in_tmp(shot, sizeof shot, "chromium.png");
    write_html(b, page);
    double ms[BENCH_STARTS], mb[BENCH_STARTS];
    for (int i = 0; i < BENCH_STARTS; i++) {
        unlink(shot);
        chromium_once(page, shot, &ms[i], &mb[i]);
    }
    put("chromium_startup_ms", quantile(ms, BENCH_STARTS, 0.5), "ms", 0, 0);
    put("chromium_peak_pss_mb", quantile(mb, BENCH_STARTS, 0.5), "MB", 0, 0);

    /* Ours on the same screen: the reader at that excerpt, its peak RSS. */
    char script[512], prof[512];
    path_in_tmp(script, sizeof script, "reader.txt");
    char s[2048];
    size_t n = 0;
    script_to_long_excerpt(s, sizeof s, &n, 0.5, 1.0);
    write_file("reader.txt", s);
    path_in_tmp(prof, sizeof prof, "reader.prof");
    char *argv[] = {(char *)kiosk, "--headless", "--size", "1920x1080", "--bundle", "content", "--frames", "900",
                    "--script", script, "--profile", prof, "--quiet", NULL};
    run(argv, 0);
    profile p = {0};
    profile_read(prof, &p);
    put("reader_peak_rss_mb", p.maxrss_mb, "MB", 0, 0);
    free(p.f);
    put("ratio_startup_ms_chromium", get("chromium_startup_ms") / get("startup_ms"), "x", '>', 20);
    /* Ours as RSS (peak, all its pages), theirs as PSS: against us. */
    put("ratio_peak_rss_mb_chromium", get("chromium_peak_pss_mb") / get("reader_peak_rss_mb"), "x", '>', 10);
}

/* ---- Listen (platform/speech.h) --------------------------------------------- */

/* listen_first_sound_ms: real time from Listen's start on an excerpt (the
 * reader's first, in Mandarin) to its first non-silent sample handed to
 * the audio device (SDL's disk driver, as the tests), median of
 * BENCH_LISTENS. */
static void listen_first_sound(const bundle *b)
{
    char raw[512];
    path_in_tmp(raw, sizeof raw, "listen.raw");
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        die("SDL audio (disk driver)", SDL_GetError());
    static listen_sentence sent[LISTEN_MAX_SENTENCES];
    size_t n = 0;
    const bundle_excerpt *e = &b->excerpts[0];
    for (size_t i = 0; i < e->paragraph_count; i++)
        n += reading_split(e->paragraphs[i], (uint16_t)i, sent + n, LISTEN_MAX_SENTENCES - n);
    double ms[BENCH_LISTENS];
    char err[512];
    /* One synthesiser for all the starts, as the kiosk has (espeak-ng does
     * not survive being initialised again in a process). */
    speech *sp = speech_open(&(speech_config){NULL, 80, 100, false}, err, sizeof err);
    if (!sp)
        die("speech_open", err);
    const listen_backend *be = speech_backend(sp);
    /* The same sentences from a narration file (the test fixture: 13.5 s
     * of Ogg Opus), decoded on the worker instead of synthesised. */
    bundle_audio narr = {.file = "ex-origin.zh.opus", .path = "tests/data/narration/ex-origin.zh.opus",
                         .seconds = 13.48};
    double narr_ms[BENCH_LISTENS];
    for (int k = 0; k < 2 * BENCH_LISTENS; k++) {
        double *out = k < BENCH_LISTENS ? &ms[k] : &narr_ms[k - BENCH_LISTENS];
        if (!be->start(be->user, sent, n, BUNDLE_ZH, k < BENCH_LISTENS ? NULL : &narr, 0))
            die("Listen", "cannot start");
        double t0 = mono_ms();
        while ((*out = speech_first_sound_ms(sp)) < 0 && mono_ms() - t0 < 5000)
            nanosleep(&(struct timespec){0, 200000}, NULL);
        be->stop(be->user, 0);
        if (*out < 0)
            die("Listen", "no sound within 5 s");
    }
    speech_close(sp);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    unsetenv("SDL_AUDIODRIVER"); /* the other runs are silent: sound to the disk paces a headless run */
    put("listen_first_sound_ms", quantile(ms, BENCH_LISTENS, 0.5), "ms", '<', 300);
    put("listen_first_sound_narration_ms", quantile(narr_ms, BENCH_LISTENS, 0.5), "ms", '<', 300);
}

/* Frames over the 60 Hz budget while Listen plays and the visitor flings
 * the passage it reads (the kiosk headless, sound to SDL's disk driver):
 * the synthesis runs on its worker, so none should be. */
static void listen_fling(void)
{
    char script[512], prof[512], trace[512], raw[512];
    path_in_tmp(trace, sizeof trace, "listen-find.jsonl");
    path_in_tmp(raw, sizeof raw, "listen-fling.raw");
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    /* Where the reader's Listen button is: the traced targets. */
    char s[4096];
    size_t n = 0;
    script_to_long_excerpt(s, sizeof s, &n, 0.5, 1.0);
    write_file("listen.txt", s);
    path_in_tmp(script, sizeof script, "listen.txt");
    char *find[] = {(char *)kiosk, "--headless", "--size", "1920x1080", "--bundle", "content", "--frames", "720",
                    "--script", script, "--trace", trace, "--config", "none", "--quiet", NULL};
    run(find, 0);
    FILE *f = fopen(trace, "r");
    char line[65536];
    int lx = -1, ly = -1;
    while (f && fgets(line, sizeof line, f)) {
        const char *t = strstr(line, "{\"id\":\"listen\"");
        int x, y, w, h;
        if (t && strstr(line, "\"scene\":\"reader\"") &&
            sscanf(t, "{\"id\":\"listen\",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d", &x, &y, &w, &h) == 4) {
            lx = x + w / 2;
            ly = y + h / 2;
        }
    }
    if (f)
        fclose(f);
    if (lx < 0)
        die("listen", "no Listen button traced in the reader (is espeak-ng's audio there?)");
    /* The same flings twice: after a tap on Listen, and silent (the
     * baseline: the software renderer has outliers of its own). */
    char drags[2048], silent[8192];
    size_t nd = 0;
    for (double t = 13.0; t < 33.0; t += 1.0)
        nd += (size_t)snprintf(drags + nd, sizeof drags - nd,
                               "%.2f drag 960 820 960 420 0.12\n%.2f drag 960 420 960 820 0.12\n", t, t + 0.5);
    snprintf(silent, sizeof silent, "%s%s", s, drags);
    snprintf(s + n, sizeof s - n, "12.0 tap %d %d\n%s", lx, ly, drags);
    double t0 = -1, t1 = 1e9, start_frame_ms = 0;
    int frames[2] = {0, 0}, over[2] = {0, 0};
    for (int run_k = 0; run_k < 2; run_k++) {
        write_file("listen.txt", run_k == 0 ? s : silent);
        path_in_tmp(prof, sizeof prof, "listen.prof");
        path_in_tmp(trace, sizeof trace, "listen.jsonl");
        char *argv[] = {(char *)counted, "--headless", "--size", "1920x1080", "--bundle", "content", "--frames",
                        "2040", "--script", script, "--profile", prof, "--trace", trace, "--config", "none",
                        "--quiet", NULL};
        run(argv, 0);
        if (run_k == 0) {
            /* Playback: from the start to the stop (or the run's end). */
            f = fopen(trace, "r");
            while (f && fgets(line, sizeof line, f)) {
                double t;
                if (!strstr(line, "\"event\":\"listen\"") || sscanf(line, "{\"t\":%lf", &t) != 1)
                    continue;
                if (strstr(line, "\"phase\":\"start\"") && t0 < 0)
                    t0 = t;
                else if (strstr(line, "\"phase\":\"stop\"") && t0 >= 0 && t < t1)
                    t1 = t;
            }
            if (f)
                fclose(f);
            if (t0 < 0)
                die("listen", "Listen did not start");
        }
        profile p = {0};
        profile_read(prof, &p);
        for (int i = 0; i < p.n; i++) {
            const frame_rec *r = &p.f[i];
            /* (The trace's times are rounded to the millisecond.) */
            if (!r->drawn || r->t < t0 - 0.0011 || r->t >= t1 || strcmp(r->scene, "reader") != 0)
                continue;
            /* The tap's own frame is apart: headless, on the virtual clock,
             * the start waits there until the whole utterance is
             * synthesised, so that the sound does not depend on the
             * worker's speed (platform/speech.h); on a device's real clock
             * the start returns at once and the first sound follows
             * (listen_first_sound_ms). */
            if (r->t < t0 + 0.0011) {
                if (run_k == 0)
                    start_frame_ms = (r->ours_us + r->sdl_us) / 1000.0;
                continue;
            }
            frames[run_k]++;
            over[run_k] += r->ours_us + r->sdl_us > 16667;
        }
        free(p.f);
    }
    unsetenv("SDL_AUDIODRIVER");
    put("listen_start_frame_virtual_ms", start_frame_ms, "ms", 0, 0);
    put("listen_frames_drawn", frames[0], "frames", 0, 0);
    put("listen_frames_over_budget", over[0], "frames", '<', over[1]);
    put("silent_frames_over_budget", over[1], "frames", 0, 0);
}

static void print_table(void)
{
    printf("\n%-40s %14s %-7s %-12s %s\n", "figure", "value", "unit", "target", "");
    for (int i = 0; i < nfigs; i++) {
        const figure *g = &figs[i];
        char target[32] = "";
        const char *verdict = "";
        if (g->op) {
            snprintf(target, sizeof target, "%s %g", g->op == '<' ? "<=" : ">=", g->target);
            verdict = (g->op == '<' ? g->value <= g->target : g->value >= g->target) ? "met" : "MISSED";
        }
        printf("%-40s %14.2f %-7s %-12s %s\n", g->name, g->value, g->unit, target, verdict);
    }
    printf("\n");
    for (int i = 0; i < nfigs; i++)
        printf("BENCH %s %.3f %s\n", figs[i].name, figs[i].value, figs[i].unit);
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--no-window") == 0;
    int chromium = argc > 1 && strcmp(argv[1], "--chromium") == 0;
    snprintf(tmp, sizeof tmp, "%s/kiosk-bench-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp))
        die(tmp, strerror(errno));

    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load("content", NULL, &diags);
    if (!b || b->excerpt_count <= BENCH_SCROLL_EXCERPT)
        die("content", "the default bundle does not load");
    diag_free(&diags);
    int body_px = write_peer_screen(b);
    printf("bench: %dx%d, default bundle (%zu excerpts, %zu events), body %d px\n", BENCH_W, BENCH_H,
           b->excerpt_count, b->event_count, body_px);

    char prof[512];
    path_in_tmp(prof, sizeof prof, "start.prof");
    char *start[] = {(char *)kiosk, "--headless", "--size", "1920x1080", "--bundle", "content", "--frames", "2",
                     "--profile", prof, "--quiet", NULL};
    /* The kiosk keeps the fit check's verdict in $XDG_CACHE_HOME/kiosk
     * (app/fitcache.h): a private cache, filled by the first run, for the
     * usual start; an empty one each time for the first start after an
     * update. */
    char cache[600];
    snprintf(cache, sizeof cache, "%s/cache-cold", tmp);
    setenv("XDG_CACHE_HOME", cache, 1);
    double cold[BENCH_STARTS];
    for (int i = 0; i < BENCH_STARTS; i++) {
        char rm[700];
        snprintf(rm, sizeof rm, "rm -rf '%s'", cache);
        if (system(rm) != 0)
            die(cache, "cannot empty");
        cold[i] = startup_of(start, prof, 1);
    }
    snprintf(cache, sizeof cache, "%s/cache", tmp);
    setenv("XDG_CACHE_HOME", cache, 1);
    run(start, 0); /* fills the cache */
    put("startup_ms", startup_of(start, prof, BENCH_STARTS), "ms", '<', 50);
    put("startup_cold_ms", quantile(cold, BENCH_STARTS, 0.5), "ms", 0, 0);
    char *help[] = {(char *)kiosk, "--help", NULL};
    double exec[BENCH_STARTS];
    for (int i = 0; i < BENCH_STARTS; i++) {
        double t0 = mono_ms();
        run(help, 0);
        exec[i] = mono_ms() - t0;
    }
    put("exec_ms", quantile(exec, BENCH_STARTS, 0.5), "ms", 0, 0);
    if (chromium) { /* make bench-peers: ours against Chromium only */
        printf("bench: Chromium, headless, the same reader screen as a static page ...\n");
        fflush(stdout);
        chromium_peer(b);
        bundle_free(b);
        print_table();
        char rm[600];
        snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
        return system(rm) == 0 ? 0 : 1;
    }
    layout_all(b, body_px);
    listen_first_sound(b);
    bundle_free(b);

    printf("bench: the %d s session (attract, reader, timeline, attract) ...\n", BENCH_SESSION_S);
    fflush(stdout);
    session();
    printf("bench: Listen ...\n");
    fflush(stdout);
    listen_fling();
    printf("bench: the SDL2_ttf peers ...\n");
    fflush(stdout);
    peers();
    put("ratio_frame_us_p50_scroll_sdl2ttf_naive", get("sdl2ttf_naive_frame_us_p50_scroll") / get("frame_us_p50_scroll"),
        "x", '>', 20);
    put("ratio_frame_us_p50_scroll_sdl2ttf_cached",
        get("sdl2ttf_cached_frame_us_p50_scroll") / get("frame_us_p50_scroll"), "x", 0, 0);
    put("ratio_startup_ms_sdl2ttf_naive", get("sdl2ttf_naive_startup_ms") / get("startup_ms"), "x", 0, 0);
    put("ratio_peak_rss_mb_sdl2ttf_naive", get("sdl2ttf_naive_peak_rss_mb") / get("peak_rss_mb"), "x", 0, 0);

    if (!quick) {
        double cpu, renders;
        printf("bench: %d s on the still home screen in a window (Xvfb) ...\n", BENCH_IDLE_S);
        fflush(stdout);
        write_file("home.txt", "0.5 tap 960 540\n");
        char home[512];
        path_in_tmp(home, sizeof home, "home.txt");
        window_cpu(home, BENCH_IDLE_S, &cpu, &renders);
        put("idle_cpu_pct", cpu, "%", '<', 1);
        put("idle_renders", renders, "frames", 0, 0);
        printf("bench: %d s of attract loop in a window (Xvfb) ...\n", BENCH_ATTRACT_S);
        fflush(stdout);
        window_cpu(NULL, BENCH_ATTRACT_S, &cpu, &renders);
        put("attract_cpu_pct", cpu, "%", '<', 2);
        put("attract_renders_per_min", renders * 60.0 / BENCH_ATTRACT_S, "frames", 0, 0);
    }
    print_table();
    char rm[600];
    snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
    return system(rm) == 0 ? 0 : 1;
}
