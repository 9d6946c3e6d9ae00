/* bench: timing figures for the text engine, with a baseline measured in the
 * same run. Run from the repository root (`make bench`).
 *
 * Cases (a table, so that drawing figures can be added as more cases):
 *   layout-cold   fresh engine; shape + break + lay out every paragraph of
 *                 the five articles at 1080 px, body 32 px, justified
 *   layout-warm   the same requests again: every one a cache hit
 *   ttf-naive     the peer: SDL2_ttf, same font file and size, naive wrapping
 *                 with TTF_MeasureUTF8 (as many characters as fit, no rules)
 * Each case runs BENCH_REPS times; the best and mean are printed, with
 * paragraphs/s and glyphs/s, and the ratio of our engine to the baseline. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL_ttf.h>

#include "text/layout.h"

#define BENCH_ARTICLES_DIR "../shared/articles"
#define BENCH_MAX_PARAS 4096
#define BENCH_REPS 5
#define BENCH_WIDTH 1080
#define BENCH_SIZE 32

typedef struct {
    char *text; /* NUL-terminated copy */
    size_t len;
} bench_para;

typedef struct {
    bench_para paras[BENCH_MAX_PARAS];
    int count;
    const char *fonts_dir;
    /* results of the last run of a case */
    unsigned long glyphs, lines;
} bench_ctx;

typedef struct {
    const char *name;
    const char *what;
    void (*setup)(bench_ctx *);
    void (*run)(bench_ctx *);   /* the timed part */
    void (*teardown)(bench_ctx *);
    double best_ms, mean_ms;
    unsigned long glyphs, lines;
} bench_case;

static double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- text engine ------------------------------------------------------ */

static text_engine *bench_te;

static void bench_lay_out_all(bench_ctx *c)
{
    text_params p = {.style = STYLE_BODY, .size_px = BENCH_SIZE, .width_px = BENCH_WIDTH, .justify = true};
    c->glyphs = c->lines = 0;
    for (int i = 0; i < c->count; i++) {
        const text_layout *l = text_lay_out(bench_te, c->paras[i].text, c->paras[i].len, &p);
        if (!l) {
            fprintf(stderr, "bench: out of memory\n");
            exit(1);
        }
        c->glyphs += l->glyph_count;
        c->lines += l->line_count;
    }
}

static void bench_open(bench_ctx *c)
{
    char err[512];
    bench_te = text_open(c->fonts_dir, err, sizeof err);
    if (!bench_te) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
}

static void bench_close(bench_ctx *c)
{
    (void)c;
    text_close(bench_te);
    bench_te = NULL;
}

/* Warm: open and fill the cache outside the timing. The cache holds
 * TEXT_CACHE_CAPACITY layouts, fewer than the paragraphs, so the warm case
 * repeats a screenful: the first TEXT_CACHE_CAPACITY paragraphs. */
static int bench_saved_count;
static void bench_warm_setup(bench_ctx *c)
{
    bench_open(c);
    bench_saved_count = c->count;
    if (c->count > TEXT_CACHE_CAPACITY)
        c->count = TEXT_CACHE_CAPACITY;
    bench_lay_out_all(c);
}

static void bench_warm_run(bench_ctx *c)
{
    /* 100 frames asking for the same screenful. */
    unsigned long g = 0, l = 0;
    for (int f = 0; f < 100; f++) {
        bench_lay_out_all(c);
        g += c->glyphs;
        l += c->lines;
    }
    c->glyphs = g;
    c->lines = l;
}

static void bench_warm_teardown(bench_ctx *c)
{
    c->count = bench_saved_count;
    bench_close(c);
}

/* ---- SDL2_ttf baseline ------------------------------------------------ */

static TTF_Font *bench_ttf;

static void bench_ttf_setup(bench_ctx *c)
{
    char err[512];
    font_set *fs = fontset_open(c->fonts_dir, err, sizeof err);
    if (!fs) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    int index = 0;
    const char *path = fontset_path(fs, FONTSET_SANS, &index);
    if (TTF_Init() != 0) {
        fprintf(stderr, "bench: TTF_Init: %s\n", TTF_GetError());
        exit(1);
    }
    bench_ttf = TTF_OpenFontIndex(path, BENCH_SIZE, index);
    fontset_close(fs);
    if (!bench_ttf) {
        fprintf(stderr, "bench: TTF_OpenFontIndex: %s\n", TTF_GetError());
        exit(1);
    }
}

static void bench_ttf_run(bench_ctx *c)
{
    c->glyphs = c->lines = 0;
    for (int i = 0; i < c->count; i++) {
        const char *s = c->paras[i].text;
        while (*s) {
            int extent = 0, count = 0;
            if (TTF_MeasureUTF8(bench_ttf, s, BENCH_WIDTH, &extent, &count) != 0 || count <= 0)
                count = 1;
            /* count is in characters: advance that many UTF-8 sequences. */
            for (int k = 0; k < count && *s; k++) {
                s++;
                while ((*s & 0xC0) == 0x80)
                    s++;
            }
            c->glyphs += (unsigned long)count;
            c->lines++;
        }
    }
}

static void bench_ttf_teardown(bench_ctx *c)
{
    (void)c;
    TTF_CloseFont(bench_ttf);
    TTF_Quit();
}

/* ---- driver ------------------------------------------------------------ */

static int bench_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void bench_load(bench_ctx *c)
{
    DIR *d = opendir(BENCH_ARTICLES_DIR);
    if (!d) {
        fprintf(stderr, "bench: cannot open %s (run from the repository root)\n", BENCH_ARTICLES_DIR);
        exit(1);
    }
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 16) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], bench_name_cmp);
    for (int f = 0; f < n; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", BENCH_ARTICLES_DIR, names[f]);
        free(names[f]);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            continue;
        char line[1 << 16];
        while (fgets(line, sizeof line, fp) && c->count < BENCH_MAX_PARAS) {
            size_t l = strcspn(line, "\r\n");
            if (l == 0)
                continue;
            line[l] = '\0';
            c->paras[c->count].text = strdup(line);
            c->paras[c->count].len = l;
            c->count++;
        }
        fclose(fp);
    }
}

int main(void)
{
    static bench_ctx ctx;
    const char *dir = getenv("KIOSK_FONTS_DIR");
    ctx.fonts_dir = dir && *dir ? dir : "fonts";
    bench_load(&ctx);

    bench_case cases[] = {
        {"layout-cold", "fresh engine: shape, break, lay out every paragraph", bench_open, bench_lay_out_all,
         bench_close, 0, 0, 0, 0},
        {"layout-warm", "cached: one screenful asked 100 times", bench_warm_setup, bench_warm_run,
         bench_warm_teardown, 0, 0, 0, 0},
        {"ttf-naive", "SDL2_ttf TTF_MeasureUTF8 wrapping, same font and size", bench_ttf_setup, bench_ttf_run,
         bench_ttf_teardown, 0, 0, 0, 0},
    };
    const int ncases = (int)(sizeof cases / sizeof cases[0]);
    printf("bench: %d paragraphs of the five articles, width %d px, size %d px, %d repetitions\n", ctx.count,
           BENCH_WIDTH, BENCH_SIZE, BENCH_REPS);
    for (int k = 0; k < ncases; k++) {
        bench_case *bc = &cases[k];
        double sum = 0, best = 1e30;
        for (int r = 0; r < BENCH_REPS; r++) {
            bc->setup(&ctx);
            double t0 = bench_now();
            bc->run(&ctx);
            double ms = bench_now() - t0;
            bc->teardown(&ctx);
            sum += ms;
            if (ms < best)
                best = ms;
        }
        bc->best_ms = best;
        bc->mean_ms = sum / BENCH_REPS;
        bc->glyphs = ctx.glyphs;
        bc->lines = ctx.lines;
        unsigned long paras = (unsigned long)(k == 1 ? 100 * TEXT_CACHE_CAPACITY : ctx.count);
        printf("  %-12s best %9.3f ms  mean %9.3f ms  %10.0f paragraphs/s  %12.0f glyphs/s  (%lu lines)  %s\n",
               bc->name, bc->best_ms, bc->mean_ms, (double)paras / (bc->best_ms / 1e3),
               (double)bc->glyphs / (bc->best_ms / 1e3), bc->lines, bc->what);
    }
    printf("  ratio layout-cold / ttf-naive: %.2f (time; our engine also shapes, applies clreq rules and justifies)\n",
           cases[0].best_ms / cases[2].best_ms);
    for (int i = 0; i < ctx.count; i++)
        free(ctx.paras[i].text);
    return 0;
}
