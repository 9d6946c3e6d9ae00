#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static log_level log_min = LOG_INFO;
static char log_last[LOG_LAST_ERROR_MAX];
static char log_last_module[LOG_MODULE_MAX];
static unsigned long log_errors;

void log_set_level(log_level min) { log_min = min; }
log_level log_get_level(void) { return log_min; }

void log_msg(log_level level, const char *module, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    if (level == LOG_ERROR) {
        log_errors++;
        snprintf(log_last_module, sizeof log_last_module, "%s", module);
        int n = snprintf(log_last, sizeof log_last, "%s: ", module);
        if (n > 0 && (size_t)n < sizeof log_last) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(log_last + n, sizeof log_last - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    if (level < log_min || level >= LOG_OFF)
        return;
    flockfile(stderr);
    fprintf(stderr, "kiosk: [%s] %s: ", names[level], module);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    funlockfile(stderr);
}

const char *log_last_error(unsigned long *count)
{
    if (count)
        *count = log_errors;
    return log_last;
}

const char *log_last_error_module(void) { return log_last_module; }

void log_vformat_err(char *err, size_t errlen, const char *fmt, va_list ap)
{
    if (!err || errlen == 0)
        return;
    int n = vsnprintf(err, errlen, fmt, ap);
    static const char mark[] = "\xE2\x80\xA6"; /* … */
    if (n < 0 || (size_t)n < errlen || errlen < sizeof mark)
        return;
    /* Cut where a character starts, leaving room for the mark and the NUL. */
    size_t end = errlen - sizeof mark;
    while (end > 0 && ((unsigned char)err[end] & 0xC0) == 0x80)
        end--;
    memcpy(err + end, mark, sizeof mark);
}

void log_format_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vformat_err(err, errlen, fmt, ap);
    va_end(ap);
}
