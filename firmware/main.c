/* kiosk: entry point. Parses the command line, reads the site configuration
 * (the run, --status and --rollback), and hands over to a mode. */
#include <stdio.h>

#include "app/app.h"
#include "app/cli.h"
#include "app/config.h"
#include "core/log.h"
#include "core/proctime.h"
#include "app/options.h"
#include "app/privdrop.h"
#include "app/resources.h"
#include "platform/liblog.h"

/* Large: not on the stack; the options point into it for the whole run. */
static kiosk_config g_config;
static char g_config_status[CONFIG_STATUS_MAX];

int main(int argc, char **argv)
{
    proctime_mark(); /* the boot figure counts from here (and from exec) */
    kiosk_options o;
    char err[LOG_ERR_MAX];
    options_defaults(&o);
    switch (options_parse(&o, argc, argv, err, sizeof err)) {
    case OPTIONS_HELP:
        options_usage(stdout);
        return 0;
    case OPTIONS_ERROR:
        fprintf(stderr, "kiosk: %s\n", err);
        return 2;
    case OPTIONS_OK:
        break;
    }
    /* The operator's commands print what they were asked; their log says
     * only what went wrong, unless --verbose. */
    log_level level = o.mode == MODE_STATUS || o.mode == MODE_ROLLBACK ? LOG_WARN : LOG_INFO;
    log_set_level(o.verbosity > 0 ? LOG_DEBUG : o.verbosity < 0 ? LOG_ERROR : level);
    liblog_route(); /* SDL's, ALSA's and libwayland's lines in the same log */
    /* The run and the operator's commands read the site configuration, so
     * that `kiosk --status` finds the state directory the service uses. */
    if (o.mode == MODE_RUN || o.mode == MODE_STATUS || o.mode == MODE_ROLLBACK)
        config_for_run(&g_config, &o, argc, argv, g_config_status, sizeof g_config_status);
    /* The modes that write into the state directory: as its owner, never
     * as root (app/privdrop.h), from before anything is opened there. */
    if ((o.mode == MODE_RUN || o.mode == MODE_INSTALL || o.mode == MODE_ROLLBACK) &&
        !privdrop_to_state_owner(o.state_dir, argc, argv, err, sizeof err)) {
        LOG_E("privdrop", "%s", err);
        return 1;
    }
    switch (o.mode) {
    case MODE_LAYOUT: return cli_layout(&o);
    case MODE_CHECK: return cli_check(&o);
    case MODE_STATS: return cli_stats(&o);
    case MODE_INSTALL: return cli_install(&o);
    case MODE_STATUS:
    case MODE_ROLLBACK:
    case MODE_HELP:
    case MODE_RUN: break;
    }
    if (o.bundle == OPTIONS_DEFAULT_BUNDLE) /* not named: the installed one, never ./content */
        o.bundle = app_default_bundle();
    if (o.mode == MODE_STATUS)
        return cli_status(&o);
    if (o.mode == MODE_ROLLBACK)
        return cli_rollback(&o);
    return app_run(&o);
}
