/* Fuzz target: the bundle loader (content/load.h) and, under it, the YAML
 * tree (content/yamltree.h), the typed field readers and every check.
 *
 * The first input byte picks one of the bundle's five files; the rest of the
 * input becomes that file, next to the valid other files of
 * tests/bundles/minimal (and its sources, so the verbatim check runs). This
 * reaches more code than parsing YAML alone: a file that parses goes on into
 * its loader, the references between files and the checks. The font and fit
 * hooks are cheap stand-ins (the text engine has a target of its own), so the
 * coverage and fit checks run too.
 *
 * Runs from the repository root (it reads tests/bundles/minimal). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/diag.h"
#include "content/load.h"
#include "core/fileio.h"
#include "core/log.h"
#include "support/scratch.h"

#define MINIMAL "tests/bundles/minimal"

static const char *const files[] = {"manifest.yaml", "articles.yaml", "excerpts.yaml", "timeline.yaml",
                                    "strings.yaml"};
#define NFILES (sizeof files / sizeof files[0])

static char g_dir[512];
static char *g_orig[NFILES];
static size_t g_orig_len[NFILES];

static void die(const char *what)
{
    perror(what);
    abort();
}

/* Every input is written as a file, in the scratch directory (run-fuzz.sh
 * puts it on a memory file system, so a run does not wait on a disk). */
static void put_file(const char *name, const void *data, size_t len)
{
    char *p = file_join(g_dir, name);
    if (!p || !scratch_write(p, data, len))
        die(name);
    free(p);
}

/* Stand-ins for the text engine's hooks: every BMP character is covered;
 * a text is one 40-px line per 20 characters' worth of bytes per 400 px. */
static bool has_char(void *ctx, uint32_t cp)
{
    (void)ctx;
    return cp < 0x10000;
}

static int text_height(void *ctx, const char *utf8, int style, int width_px)
{
    (void)ctx;
    (void)style;
    size_t per_line = width_px > 20 ? (size_t)width_px / 20 : 1;
    return (int)(strlen(utf8) / per_line + 1) * 40;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    if (!scratch_dir(g_dir, sizeof g_dir, "fuzz-bundle") || !scratch_remove_at_exit(g_dir))
        die("a scratch directory");
    char err[256];
    for (size_t i = 0; i < NFILES; i++) {
        char *p = file_join(MINIMAL, files[i]);
        g_orig[i] = p ? file_read_all(p, 1 << 20, &g_orig_len[i], err, sizeof err) : NULL;
        if (!g_orig[i]) {
            fprintf(stderr, "fuzz_bundle: %s (run from the repository root)\n", err);
            abort();
        }
        free(p);
        put_file(files[i], g_orig[i], g_orig_len[i]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t which = data[0] % NFILES;
    put_file(files[which], data + 1, size - 1);

    static const bundle_fit_areas fit = {
        .screen_w = 800, .screen_h = 480, .card_w = 600, .card_lines = 3, .article_lines = 2,
        .reader_w = 640, .reader_max_h = 4000, .detail_w = 500, .detail_lines = 2, .detail_max_h = 300,
    };
    bundle_check_opts opts = {
        .sources = MINIMAL "/sources", .has_char = has_char, .text_height = text_height, .fit = &fit,
        /* Half the inputs keep a broken bundle, as the review sheet does. */
        .keep_on_error = (data[0] / NFILES) & 1,
    };
    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load(g_dir, &opts, &diags);
    bundle_free(b);
    diag_free(&diags);

    put_file(files[which], g_orig[which], g_orig_len[which]);
    return 0;
}
