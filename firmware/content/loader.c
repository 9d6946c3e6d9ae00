/* loader: the reporting functions of the per-load state
 * (content/load_private.h) that the schema readers, the file loaders and the
 * checks call: every problem becomes a record of the load's diag_list. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/load_private.h"
#include "core/log.h"
#include "core/utf8.h"

static void report(loader *L, diag_severity sev, loader_pos at, const char *fmt, va_list ap)
{
    char msg[DIAG_MAX_MESSAGE];
    log_vformat_err(msg, sizeof msg, fmt, ap);
    diag_add_at(L->d, sev, L->file, at.line, at.col, "%s", msg);
}

void loader_error(loader *L, loader_pos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

void loader_warn(loader *L, loader_pos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

char *loader_strdup(loader *L, const char *s)
{
    char *c = strdup(s);
    if (!c)
        loader_error(L, LOADER_WHOLE_FILE, "out of memory");
    return c;
}

const char *loader_char_desc(uint32_t cp, char *buf, size_t len)
{
    char u[5] = {0};
    if (cp >= 0x20 && cp != 0x7F && utf8_encode(cp, u) > 0)
        snprintf(buf, len, "'%s' (U+%04X)", u, (unsigned)cp);
    else
        snprintf(buf, len, "U+%04X", (unsigned)cp);
    return buf;
}
