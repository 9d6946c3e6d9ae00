/* Fuzz target: the A/B slot state file (update/slots.h slots_read). The
 * input is written as STATE/slots/state in a temporary state directory. A
 * state that reads must name real slots and a valid version (the installer
 * and the loader trust what slots_read returns) and versions rolled back
 * that are versions, which the target checks. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "update/package.h"
#include "update/slots.h"
#include "core/log.h"
#include "support/scratch.h"

static char g_dir[512];
static char g_slots[600];
static char g_file[700];

static bool ref_ok(const slots_ref *r)
{
    if (strcmp(r->name, SLOTS_FACTORY) == 0)
        return true;
    return (strcmp(r->name, "a") == 0 || strcmp(r->name, "b") == 0) && bundle_version_ok(r->version);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    if (!scratch_dir(g_dir, sizeof g_dir, "fuzz-slots") || !scratch_remove_at_exit(g_dir)) {
        perror("fuzz_slots: a scratch directory");
        abort();
    }
    snprintf(g_slots, sizeof g_slots, "%s/slots", g_dir);
    snprintf(g_file, sizeof g_file, "%s/state", g_slots);
    if (mkdir(g_slots, 0700) != 0) {
        perror(g_slots);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scratch_write(g_file, data, size)) {
        perror(g_file);
        abort();
    }
    slots_state s;
    char err[512];
    if (slots_read(g_dir, &s, err, sizeof err)) {
        if (!ref_ok(&s.current) || !ref_ok(&s.previous) || s.tries < 0 || s.nrolled_back < 0 ||
            s.nrolled_back > SLOTS_MAX_ROLLED_BACK)
            abort();
        for (int i = 0; i < s.nrolled_back; i++)
            if (!bundle_version_ok(s.rolled_back[i]))
                abort();
        slots_inactive(&s);
    }
    return 0;
}
