/* liblog: the libraries' lines in the kiosk's log (platform/liblog.h). */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include "platform/liblog.h"

#include <SDL.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"

/* alsa/error.h's snd_lib_error_handler_t and wayland-util.h's wl_log_func_t,
 * as those headers declare them. */
typedef void (*alsa_handler)(const char *file, int line, const char *function, int err, const char *fmt, ...);
typedef void (*wayland_handler)(const char *fmt, va_list ap);

static void from_sdl(void *user, int category, SDL_LogPriority priority, const char *message)
{
    (void)user;
    (void)category;
    log_level l = priority >= SDL_LOG_PRIORITY_ERROR  ? LOG_ERROR
                  : priority == SDL_LOG_PRIORITY_WARN ? LOG_WARN
                  : priority == SDL_LOG_PRIORITY_INFO ? LOG_INFO
                                                      : LOG_DEBUG;
    log_msg(l, "sdl", "%s", message);
}

/* alsa-lib's own lines read "ALSA lib FILE:LINE:(FUNCTION) MESSAGE[: ERROR]". */
static void from_alsa(const char *file, int line, const char *function, int err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void from_alsa(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    if (log_get_level() > LOG_DEBUG)
        return;
    char msg[LOG_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    log_vformat_err(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_msg(LOG_DEBUG, "alsa", "%s:%d (%s): %s%s%s", file ? file : "?", line, function ? function : "?", msg,
            err ? ": " : "", err ? strerror(err < 0 ? -err : err) : "");
}

static void from_wayland(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void from_wayland(const char *fmt, va_list ap)
{
    if (log_get_level() > LOG_DEBUG)
        return;
    char msg[LOG_ERR_MAX];
    log_vformat_err(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    log_msg(LOG_DEBUG, "wayland", "%s", msg);
}

void liblog_route(void)
{
    SDL_LogSetOutputFunction(from_sdl, NULL);
    int (*set_alsa)(alsa_handler) = (int (*)(alsa_handler))dlsym(RTLD_DEFAULT, "snd_lib_error_set_handler");
    if (set_alsa)
        set_alsa(from_alsa);
    void (*set_wayland)(wayland_handler) =
        (void (*)(wayland_handler))dlsym(RTLD_DEFAULT, "wl_log_set_handler_client");
    if (set_wayland)
        set_wayland(from_wayland);
}
