#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>

static log_level log_min = LOG_INFO;

void log_set_level(log_level min) { log_min = min; }
log_level log_get_level(void) { return log_min; }

void log_msg(log_level level, const char *module, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    if (level < log_min || level >= LOG_OFF)
        return;
    fprintf(stderr, "kiosk: [%s] %s: ", names[level], module);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void log_format_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}
