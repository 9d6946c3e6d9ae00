/* Fuzz target: the site configuration file (app/config.h config_parse), the
 * opening hours inside it included. A file that parses must hold values the
 * kiosk can use as they are, and so must every line without an error of a
 * file with errors (a rotation of 0/90/180/270, a size within
 * limits, every number within its setting's, a PIN of digits, hours whose
 * spans are in order within a day), which the target checks; every error
 * line must start with FILE:LINE. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/config.h"
#include "app/settings.h"
#include "core/log.h"

static kiosk_config g_cfg;

static bool hours_ok(const hours_schedule *h)
{
    for (int d = 0; d < 7; d++) {
        if (h->n[d] < 0 || h->n[d] > HOURS_MAX_SPANS)
            return false;
        for (int i = 0; i < h->n[d]; i++) {
            const hours_span *s = &h->span[d][i];
            if (s->open < 0 || s->close > 1440 || s->open >= s->close)
                return false;
            if (i > 0 && s->open < h->span[d][i - 1].close)
                return false;
        }
    }
    return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool ok = config_parse(&g_cfg, "f.conf", "/etc/kiosk", (const char *)data, size);
    if (ok != (g_cfg.nerrors == 0))
        abort();
    int kept = g_cfg.nerrors < CONFIG_MAX_ERRORS ? g_cfg.nerrors : CONFIG_MAX_ERRORS;
    for (int i = 0; i < kept; i++)
        if (strncmp(g_cfg.errors[i], "f.conf:", 7) != 0 || !memchr(g_cfg.errors[i], '\0', CONFIG_ERROR_MAX))
            abort();
    if (!hours_ok(&g_cfg.hours))
        abort();
    if ((g_cfg.set & CONFIG_ROTATION) && g_cfg.rotate % 90 != 0)
        abort();
    if ((g_cfg.set & CONFIG_SIZE) && (g_cfg.width < 1 || g_cfg.height < 1 || g_cfg.width > OPTIONS_MAX_SIDE ||
                                       g_cfg.height > OPTIONS_MAX_SIDE))
        abort();
    if ((g_cfg.set & CONFIG_PIN) && strspn(g_cfg.pin, "0123456789") != strlen(g_cfg.pin))
        abort();
    /* Every number the file set is within its setting's limits. */
    for (size_t i = 0; i < settings_count; i++) {
        const setting_spec *s = &settings_table[i];
        if (!(g_cfg.set & s->bit) || s->type != SETTING_INT)
            continue;
        int v = *(const int *)((const char *)&g_cfg + s->conf);
        if (v < s->lo || v > s->hi || (s->step && (v - s->lo) % s->step))
            abort();
    }
    /* The lines without errors apply, whatever the others hold. */
    kiosk_options o;
    options_defaults(&o);
    config_apply(&g_cfg, &o);
    return 0;
}
