/* --check DIR [--sources DIR] [--export] [--review FILE]: the curator's
 * validator. It runs bundle_load(), the very function the kiosk loads a
 * bundle with, so "passes --check" and "the kiosk accepts it" cannot drift
 * apart. With --review it keeps even a bundle with errors, to show them in
 * the review sheet; the exit status still says whether the check passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/resources.h"
#include "app/cli.h"
#include "content/load.h"
#include "core/log.h"
#include "export/export.h"
#include "content/diag.h"
#include "export/review.h"
#include "core/fileio.h"
#include "core/jsonw.h"

typedef struct {
    const bundle *b;
    const diag_list *d;
    const char *sources;
    font_set *fonts;
    review_stats stats;
} review_job;

static bool write_review(FILE *f, void *ctx)
{
    review_job *j = ctx;
    return review_write(j->b, j->d, j->sources, j->fonts, f, &j->stats);
}

/* The articles the review shows: --sources, else DIR/sources/ when there. */
static char *review_sources(const kiosk_options *o)
{
    if (o->sources)
        return file_is_dir(o->sources) ? strdup(o->sources) : NULL;
    char *own = file_join(o->check_dir, "sources");
    if (own && file_is_dir(own))
        return own;
    free(own);
    return NULL;
}

int cli_check(const kiosk_options *o)
{
    bundle_check_opts opts = {.sources = o->sources, .keep_on_error = o->review != NULL, .audio_decode_all = true};
    char err[LOG_ERR_MAX];
    text_engine *te = text_open(app_fonts_dir(), err, sizeof err);
    if (!te)
        fprintf(stderr, "kiosk: warning: %s: font coverage and fit are not checked\n", err);
    app_checks checks;
    app_bundle_hooks(&opts, &checks, te);
    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load(o->check_dir, &opts, &diags);
    diag_print(&diags, stderr);
    bool failed = diags.errors > 0;
    if (o->review && b) {
        char *src = review_sources(o);
        review_job job = {b, &diags, src, te ? text_fontset(te) : NULL, {0}};
        char why[LOG_ERR_MAX];
        if (file_write_atomic(o->review, write_review, &job, why, sizeof why)) {
            if (why[0])
                fprintf(stderr, "kiosk: warning: %s\n", why);
            fprintf(stderr,
                    "%s: review sheet: %zu events (dates proved by a quote: %zu, by a date_quote: "
                    "%zu, not proved: %zu), %zu of %zu quotes found in their articles\n",
                    o->review, b->event_count, job.stats.dates_by_quote,
                    job.stats.dates_by_date_quote, job.stats.dates_unproved,
                    job.stats.quotes_found, job.stats.sources);
        } else {
            fprintf(stderr, "kiosk: error: %s: %s\n", o->review, why);
            failed = true;
        }
        free(src);
    }
    if (failed && b) {
        bundle_free(b); /* kept only for the review sheet */
        b = NULL;
    }
    char detail[128], summary[DIAG_MAX_MESSAGE], subject[512];
    /* "content/" and "content" are the same bundle: name it without the slash. */
    snprintf(subject, sizeof subject, "%s", o->check_dir);
    for (size_t n = strlen(subject); n > 1 && subject[n - 1] == '/'; n--)
        subject[n - 1] = '\0';
    if (b)
        snprintf(detail, sizeof detail, "%zu excerpts, %zu events, %zu articles",
                 b->excerpt_count, b->event_count, b->article_count);
    fprintf(stderr, "%s\n",
            diag_summary(&diags, subject, b ? detail : NULL, summary,
                         sizeof summary));
    diag_free(&diags);
    text_close(te);
    if (!b)
        return 1;
    if (o->export_json) {
        jsonw w;
        jsonw_init_file(&w, stdout);
        bundle_export_json(b, &w);
        fputc('\n', stdout);
        fflush(stdout);
    }
    bundle_free(b);
    return 0;
}
