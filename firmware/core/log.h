/* log: leveled, module-tagged messages on stderr.
 *
 * One line per message: "kiosk: [warn] bundle: content/manifest.yaml:3: ...".
 * Nothing in the frame loop logs; messages are for state changes and errors.
 * A line is written whole, whatever thread logs it (the libraries' lines,
 * platform/liblog.h, may come from SDL's threads); the record of the last
 * error (below) is not guarded: the kiosk's own errors are its main
 * thread's. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF } log_level;

/* Messages below `min` are dropped. Default: LOG_INFO. */
void log_set_level(log_level min);
log_level log_get_level(void);

void log_msg(log_level level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The last error logged (whatever the level filter), "module: message", ""
 * when none; and how many were logged. For the kiosk's health metrics. */
#define LOG_LAST_ERROR_MAX 256
const char *log_last_error(unsigned long *count);

/* The module of the last error logged, "" when none: one of the few names
 * the code logs under, never a message (a metric's label takes it, and a
 * label with a message in it would be a new series for every message). */
#define LOG_MODULE_MAX 32
const char *log_last_error_module(void);

/* The size of an error buffer of the "char *err, size_t errlen" convention
 * of the modules: every caller declares its buffers with it, so a message
 * passed up through several layers is never cut shorter on the way. */
#define LOG_ERR_MAX 1024

/* Formats a message into a caller's error buffer (err NULL or errlen 0:
 * nothing). A message longer than the buffer is cut at a character and
 * ends with "…", so a cut never passes for the whole message. */
void log_format_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same, from a va_list. */
void log_vformat_err(char *err, size_t errlen, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

#define LOG_D(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define LOG_I(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define LOG_W(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define LOG_E(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
