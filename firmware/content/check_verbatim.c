/* check_verbatim: texts against the source articles (content/check_verbatim.h). */
#include "content/check_verbatim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/verbatim.h"
#include "core/fileio.h"
#include "core/log.h"
#include "core/utf8.h"

bool check_verbatim_begin(loader *L, size_t count)
{
    L->article_norm = calloc(count, sizeof *L->article_norm);
    L->article_norm_lines = calloc(count, sizeof *L->article_norm_lines);
    return L->article_norm != NULL && L->article_norm_lines != NULL;
}

void check_verbatim_source(loader *L, size_t i, loader_pos at)
{
    const bundle_article *a = &L->b->articles[i];
    if (!L->sources || !a->file)
        return;
    char *path = file_join(L->sources, a->file);
    if (!path)
        return;
    char why[LOG_ERR_MAX];
    size_t len;
    char *text = file_read_all(path, BUNDLE_MAX_SOURCE_BYTES, &len, why, sizeof why);
    if (!text) {
        loader_error(L, at, "source file '%s' %s in %s: %s", a->file,
                     strstr(why, "No such file") ? "not found" : "cannot be read", L->sources, why);
        free(path);
        return;
    }
    size_t bad = utf8_invalid_offset(text, len);
    if (bad != UTF8_VALID) {
        loader_error(L, at, "source file %s: invalid UTF-8 at byte offset %zu", path, bad);
    } else {
        L->article_norm[i] = verbatim_normalise(text, len, true);
        L->article_norm_lines[i] = verbatim_normalise(text, len, false);
        if (!L->article_norm[i] || !L->article_norm_lines[i])
            loader_error(L, at, "out of memory");
    }
    free(text);
    free(path);
}

void check_verbatim_text(loader *L, size_t a, const char *text, loader_pos at, const char *what,
                         const char *label, bool soft)
{
    if (!L->article_norm || !L->article_norm[a] || !text)
        return;
    char *q = verbatim_normalise(text, strlen(text), false);
    if (!q) {
        loader_error(L, at, "out of memory");
        return;
    }
    verbatim_match m;
    if (verbatim_find(L->article_norm[a], q, &m) && !m.found) {
        const char *file = L->b->articles[a].file;
        char qc[32], ac[32];
        char msg[DIAG_MAX_MESSAGE];
        if (m.matched_chars == 0)
            snprintf(msg, sizeof msg,
                     "%s: %s not found in %s; not even its first character %s is in the article",
                     what, label, file, loader_char_desc(m.quote_char, qc, sizeof qc));
        else if (m.article_char)
            snprintf(msg, sizeof msg,
                     "%s: %s not found in %s; the first %zu characters match, then %s differs "
                     "(the article has %s)",
                     what, label, file, m.matched_chars,
                     loader_char_desc(m.quote_char, qc, sizeof qc),
                     loader_char_desc(m.article_char, ac, sizeof ac));
        else
            snprintf(msg, sizeof msg,
                     "%s: %s not found in %s; the first %zu characters match, then %s differs "
                     "(the article ends there)",
                     what, label, file, m.matched_chars,
                     loader_char_desc(m.quote_char, qc, sizeof qc));
        if (soft)
            loader_warn(L, at, "%s", msg);
        else
            loader_error(L, at, "%s", msg);
    }
    free(q);
}

void check_verbatim_date_quote(loader *L, size_t a, const char *text, loader_pos at,
                               const char *what)
{
    if (L->article_norm_lines && L->article_norm_lines[a] && text) {
        char *q = verbatim_normalise(text, strlen(text), false);
        bool found = q && strstr(L->article_norm_lines[a], q);
        free(q);
        if (found)
            return;
    }
    check_verbatim_text(L, a, text, at, what, "date_quote", false);
}

void check_verbatim_end(loader *L)
{
    for (size_t i = 0; i < L->b->article_count; i++) {
        if (L->article_norm)
            free(L->article_norm[i]);
        if (L->article_norm_lines)
            free(L->article_norm_lines[i]);
    }
    free(L->article_norm);
    free(L->article_norm_lines);
    L->article_norm = NULL;
    L->article_norm_lines = NULL;
}
