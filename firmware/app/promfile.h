/* promfile: the kiosk's health as a Prometheus text-format file, for a fleet.
 *
 * With --metrics-dir DIR (config key metrics_dir) the kiosk replaces
 * DIR/kiosk.prom atomically (core/fileio.h) once a minute of program time.
 * DIR is the directory node_exporter's textfile collector reads
 * (prometheus-node-exporter, --collector.textfile.directory), so a
 * conference's ten kiosks are watched with the monitoring it already has,
 * without a server of ours and without a write per frame. The format is the
 * Prometheus text exposition format 0.0.4: "# HELP", "# TYPE", then
 * `name{label="value"} number` lines; label values escaped (\\ \" \n).
 * Labels take values from small sets (the bundle's id and version, a log
 * module's name, a count's name), never a message: each distinct value of a
 * label is a series of its own in Prometheus. */
#ifndef APP_PROMFILE_H
#define APP_PROMFILE_H

#include <stdbool.h>
#include <stddef.h>

#define PROMFILE_NAME "kiosk.prom"
#define PROMFILE_MAX_BYTES 4096

typedef struct {
    const char *bundle_id, *bundle_version; /* "" when the error screen shows */
    double uptime_s;                         /* program time */
    unsigned long frames_drawn;
    double last_frame_unix;                  /* wall clock of the last frame drawn; 0: none */
    long rss_bytes;                          /* -1: unknown */
    const char *last_error_module;           /* the module of the last error logged; "" when none */
    unsigned long errors;                    /* errors logged */
    int sessions_today, touches_today, reader_today, timeline_today;
    bool open;                               /* within opening hours */
    int config_errors;                       /* errors of the site configuration (its lines not applied) */
    unsigned long updates_installed, updates_refused;
} promfile_sample;

/* The file's text into buf; its length, or 0 when buf is too small. */
size_t promfile_format(const promfile_sample *m, char *buf, size_t len);

/* Writes DIR/kiosk.prom atomically; false with "FILE: reason" in err. */
bool promfile_write(const char *dir, const promfile_sample *m, char *err, size_t errlen);

#endif
