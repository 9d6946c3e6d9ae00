/* load: bundle_load() (content/load.h): it creates the per-load state
 * (content/load_private.h, whose reporting functions are content/loader.c's)
 * and runs the loaders.
 *
 * Loading a bundle directory: the directory must exist and hold at least one
 * of the five files; every file is parsed (a missing or unparsable one is an
 * error of its own and the others are still read); the sources directory of
 * the verbatim check is decided; then the files are loaded, each by its
 * loader (load_*.c), in the order their references need. Any error refuses
 * the whole bundle; the load state is freed either way. */
#include "content/load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content/check_refs.h"
#include "content/check_verbatim.h"
#include "content/load_articles.h"
#include "content/load_excerpts.h"
#include "content/load_manifest.h"
#include "content/load_strings.h"
#include "content/load_timeline.h"
#include "content/load_private.h"
#include "content/schema.h"
#include "content/yamltree.h"
#include "core/fileio.h"
#include "core/utf8.h"

/* The five files of a bundle, by loader_file. */
static const char *const file_names[LOADER_FILE_COUNT] = {
    "manifest.yaml", "articles.yaml", "excerpts.yaml", "timeline.yaml", "strings.yaml"};

/* The order the files are loaded in: articles first (everything refers to
 * them), the manifest after the excerpts and events its attract loop names. */
static const loader_file load_order[LOADER_FILE_COUNT] = {
    LOADER_ARTICLES, LOADER_EXCERPTS, LOADER_TIMELINE, LOADER_MANIFEST, LOADER_STRINGS};

/* ---- loading --------------------------------------------------------------- */

/* Decides where the source articles are, or that the check is skipped (with
 * a warning, unless the articles are optional for this load). */
static void find_sources(loader *L, const char *dir)
{
    L->file = dir;
    if (L->opts->sources) {
        if (file_is_dir(L->opts->sources))
            L->sources = strdup(L->opts->sources);
        else
            loader_error(L, LOADER_WHOLE_FILE, "sources directory '%s' does not exist",
                         L->opts->sources);
        return;
    }
    char *own = file_join(dir, "sources");
    if (own && file_is_dir(own)) {
        L->sources = own;
        return;
    }
    free(own);
    if (!L->opts->sources_optional)
        loader_warn(L, LOADER_WHOLE_FILE,
                    "no source articles (no --sources DIR and no %s/sources/): the verbatim check of "
                    "excerpts and quotes is skipped",
                    dir);
}

/* Parses every file there is; L->have[f] tells which can be loaded. */
static void parse_files(loader *L)
{
    for (int f = 0; f < LOADER_FILE_COUNT; f++) {
        L->file = L->paths[f];
        if (!file_is_regular(L->paths[f])) {
            if (f == LOADER_MANIFEST)
                loader_error(L, LOADER_WHOLE_FILE,
                             "missing manifest.yaml: every bundle has one (id, version, titles, "
                             "settings)");
            else
                loader_error(L, LOADER_WHOLE_FILE, "missing file: a bundle needs %s",
                             file_names[f]);
            continue;
        }
        ydoc_error err;
        if (!ydoc_load(L->paths[f], BUNDLE_MAX_FILE_BYTES, &L->docs[f], &err)) {
            loader_error(L, (loader_pos){err.line, err.column}, "%s", err.message);
            continue;
        }
        const ynode *root = L->docs[f].root;
        if (!root)
            loader_error(L, LOADER_WHOLE_FILE, "the file is empty");
        else if (root->kind != YNODE_MAP)
            loader_error(L, loader_at(root),
                         "expected a mapping (key: value lines) at the top of the file, got %s",
                         schema_kind_desc(root));
        else
            L->have[f] = true;
    }
}

static void load_file(loader *L, loader_file f)
{
    L->file = L->paths[f];
    const ynode *root = L->docs[f].root;
    switch (f) {
    case LOADER_ARTICLES: load_articles(L, root); break;
    case LOADER_EXCERPTS: load_excerpts(L, root); break;
    case LOADER_TIMELINE: load_timeline(L, root); break;
    case LOADER_MANIFEST: load_manifest(L, root); break;
    case LOADER_STRINGS: load_strings(L, root); break;
    case LOADER_FILE_COUNT: break;
    }
}

static void loader_free(loader *L)
{
    for (int f = 0; f < LOADER_FILE_COUNT; f++) {
        ydoc_free(&L->docs[f]);
        free(L->paths[f]);
    }
    check_verbatim_end(L);
    check_refs_free(L);
    free(L->sources);
}

bundle *bundle_load(const char *dir, const bundle_check_opts *opts, diag_list *diags)
{
    static const bundle_check_opts no_opts;
    size_t errors_before = diags->errors;
    loader L = {.d = diags, .opts = opts ? opts : &no_opts};
    bundle *b = calloc(1, sizeof *b);
    char *d = strdup(dir);
    if (!b || !d) {
        free(b);
        free(d);
        diag_add(diags, DIAG_ERROR, dir, 0, "out of memory");
        return NULL;
    }
    /* "content/" and "content" name the same bundle: keep messages tidy. */
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = '\0';
    b->dir = d;
    L.b = b;
    L.file = d;
    load_manifest_defaults(&b->manifest);

    struct stat st;
    if (stat(d, &st) != 0) {
        loader_error(&L, LOADER_WHOLE_FILE, "cannot open the bundle directory: %s",
                     strerror(errno));
        goto done;
    }
    if (!S_ISDIR(st.st_mode)) {
        loader_error(&L, LOADER_WHOLE_FILE,
                     "not a directory: a bundle is a directory of YAML files");
        goto done;
    }
    bool any = false;
    for (int f = 0; f < LOADER_FILE_COUNT; f++) {
        L.paths[f] = file_join(d, file_names[f]);
        if (!L.paths[f]) {
            loader_error(&L, LOADER_WHOLE_FILE, "out of memory");
            goto done;
        }
        any = any || file_is_regular(L.paths[f]);
    }
    if (!any) {
        loader_error(&L, LOADER_WHOLE_FILE,
                     "not a bundle: none of manifest.yaml, articles.yaml, excerpts.yaml, "
                     "timeline.yaml, strings.yaml is here (is the directory empty?)");
        goto done;
    }
    parse_files(&L);
    find_sources(&L, d);
    b->verbatim_checked = L.sources != NULL;
    for (int i = 0; i < LOADER_FILE_COUNT; i++)
        if (L.have[load_order[i]])
            load_file(&L, load_order[i]);

done:
    loader_free(&L);
    if (diags->errors > errors_before && !L.opts->keep_on_error) {
        bundle_free(b);
        return NULL;
    }
    return b;
}
