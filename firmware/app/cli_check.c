/* --check DIR [--sources DIR] [--export]: the curator's validator.
 * It runs bundle_load(), the very function the kiosk loads a bundle with,
 * so "passes --check" and "the kiosk accepts it" cannot drift apart. */
#include <stdio.h>
#include <string.h>

#include "app/resources.h"
#include "app/cli.h"
#include "content/load.h"
#include "content/export.h"
#include "content/diag.h"
#include "core/jsonw.h"

int cli_check(const kiosk_options *o)
{
    bundle_check_opts opts = {.sources = o->sources};
    char err[512];
    text_engine *te = text_open(app_fonts_dir(), err, sizeof err);
    if (!te)
        fprintf(stderr, "kiosk: warning: %s: font coverage and fit are not checked\n", err);
    app_checks checks;
    app_bundle_hooks(&opts, &checks, te);
    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load(o->check_dir, &opts, &diags);
    diag_print(&diags, stderr);
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
