/* Fuzz target: the input script parser (platform/script.h script_parse),
 * with and without a picture size to check coordinates against. A parsed
 * script's times must never decrease and its fingers must be in range. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "platform/script.h"

static void parse(const char *text, int w, int h)
{
    script sc;
    char err[512];
    if (!script_parse(text, "fuzz", w, h, &sc, err, sizeof err))
        return;
    for (size_t i = 0; i < sc.count; i++) {
        const script_event *e = &sc.ev[i];
        if (e->finger < 0 || e->finger > SCRIPT_MAX_FINGER || (i > 0 && e->t < sc.ev[i - 1].t) ||
            memchr(e->name, '\0', sizeof e->name) == NULL)
            abort();
        script_kind_name(e->kind);
    }
    script_free(&sc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    if (!quiet) {
        log_set_level(LOG_OFF);
        quiet = true;
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    parse(text, 0, 0);
    parse(text, 1920, 1080);
    free(text);
    return 0;
}
