/* liblog: the lines the libraries under SDL write, in the kiosk's own log
 * (core/log.h), so that every line the kiosk writes has the one form
 * "kiosk: [level] module: message".
 *
 *  - SDL's log (SDL_Log and its kin), through SDL_LogSetOutputFunction, as
 *    module "sdl" at SDL's priority (verbose as debug, critical as error).
 *  - ALSA's error lines ("ALSA lib confmisc.c:855:(parse_card) cannot find
 *    card '0'", what alsa-lib prints while SDL looks for a sound card that is
 *    not there) and libwayland's ("error: XDG_RUNTIME_DIR is invalid or not
 *    set", SDL trying Wayland on a machine without a session), as modules
 *    "alsa" and "wayland" at the debug level: each is one step of SDL's
 *    search for a device, whose outcome the kiosk logs itself in one line
 *    (no display found, no audio device); --verbose shows the steps.
 *
 * The two handlers are installed with the libraries' own functions,
 * snd_lib_error_set_handler() and wl_log_set_handler_client(), looked up in
 * the running process with dlsym(): Debian's libSDL2 is linked with
 * libasound and libwayland-client, so they are loaded with it, and the
 * kiosk neither links them nor includes their headers for two handlers. An
 * SDL that loads them privately (dlopen) leaves their lines as they are.
 * SDL's log needs no lookup. */
#ifndef PLATFORM_LIBLOG_H
#define PLATFORM_LIBLOG_H

/* Routes the libraries' lines (above) into core/log; once, before SDL
 * starts (the level set with log_set_level() applies to them). */
void liblog_route(void);

#endif
