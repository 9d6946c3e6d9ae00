/* diag: the list of diagnostics and its printed forms (content/diag.h). */
#include "content/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

void diag_init(diag_list *l)
{
    memset(l, 0, sizeof *l);
}

void diag_free(diag_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].file);
        free(l->items[i].message);
    }
    free(l->items);
    diag_init(l);
}

static void add(diag_list *l, diag_severity sev, const char *file, int line, int column,
                const char *fmt, va_list ap)
{
    if (sev == DIAG_ERROR)
        l->errors++;
    else
        l->warnings++;
    if (l->count >= DIAG_MAX_ENTRIES) {
        l->dropped++;
        return;
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        diag *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            l->dropped++;
            return;
        }
        l->items = items;
        l->cap = cap;
    }
    char msg[DIAG_MAX_MESSAGE];
    log_vformat_err(msg, sizeof msg, fmt, ap);
    diag *d = &l->items[l->count];
    d->severity = sev;
    d->line = line;
    d->column = column;
    d->file = strdup(file ? file : "");
    d->message = strdup(msg);
    if (!d->file || !d->message) {
        free(d->file);
        free(d->message);
        l->dropped++;
        return;
    }
    l->count++;
}

void diag_add(diag_list *l, diag_severity sev, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(l, sev, file, line, 0, fmt, ap);
    va_end(ap);
}

void diag_add_at(diag_list *l, diag_severity sev, const char *file, int line, int column,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(l, sev, file, line, column, fmt, ap);
    va_end(ap);
}

char *diag_format(const diag *d, char *buf, size_t len)
{
    snprintf(buf, len, "%s:%d: %s: %s", d->file, d->line,
             d->severity == DIAG_ERROR ? "error" : "warning", d->message);
    return buf;
}

void diag_print(const diag_list *l, FILE *out)
{
    char line[DIAG_MAX_MESSAGE + 512];
    for (size_t i = 0; i < l->count; i++)
        fprintf(out, "%s\n", diag_format(&l->items[i], line, sizeof line));
    if (l->dropped)
        fprintf(out, "(%zu more not shown)\n", l->dropped);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

char *diag_summary(const diag_list *l, const char *subject, const char *ok_detail, char *buf,
                   size_t len)
{
    if (l->errors) {
        if (l->warnings)
            snprintf(buf, len, "%s: %zu %s, %zu %s", subject, l->errors,
                     plural(l->errors, "error", "errors"), l->warnings,
                     plural(l->warnings, "warning", "warnings"));
        else
            snprintf(buf, len, "%s: %zu %s", subject, l->errors,
                     plural(l->errors, "error", "errors"));
        return buf;
    }
    char warn[64] = "";
    if (l->warnings)
        snprintf(warn, sizeof warn, ", %zu %s", l->warnings,
                 plural(l->warnings, "warning", "warnings"));
    if (ok_detail)
        snprintf(buf, len, "%s: ok (%s)%s", subject, ok_detail, warn);
    else
        snprintf(buf, len, "%s: ok%s", subject, warn);
    return buf;
}

bool diag_has(const diag_list *l, diag_severity sev, const char *file_suffix, int line,
              const char *substring)
{
    for (size_t i = 0; i < l->count; i++) {
        const diag *d = &l->items[i];
        if (d->severity != sev || (line >= 0 && d->line != line))
            continue;
        if (file_suffix) {
            size_t fl = strlen(d->file), sl = strlen(file_suffix);
            if (sl > fl || strcmp(d->file + fl - sl, file_suffix) != 0)
                continue;
        }
        if (substring && !strstr(d->message, substring))
            continue;
        return true;
    }
    return false;
}
