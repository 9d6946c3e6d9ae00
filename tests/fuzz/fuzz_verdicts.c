/* Fuzz target: the inbox's verdicts file (update/verdicts.h
 * verdicts_load). The input is written as STATE/inbox-verdicts in a
 * temporary state directory. Whatever loads must be what the kiosk relies
 * on: names in strict order, one entry a name, each a usable file name (no
 * '/', not "." or ".."), a valid version or none, a kind the file may hold;
 * and written back and loaded again, the same list. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "support/scratch.h"
#include "update/verdicts.h"

static char g_dir[512];
static char g_file[700];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    if (!scratch_dir(g_dir, sizeof g_dir, "fuzz-verdicts") || !scratch_remove_at_exit(g_dir)) {
        perror("fuzz_verdicts: a scratch directory");
        abort();
    }
    snprintf(g_file, sizeof g_file, "%s/%s", g_dir, VERDICTS_FILE);
    return 0;
}

static bool entry_ok(const verdict *v)
{
    return v->name[0] && !strchr(v->name, '/') && strcmp(v->name, ".") != 0 && strcmp(v->name, "..") != 0 &&
           (!v->version[0] || bundle_version_ok(v->version)) && v->size >= 0 &&
           (v->kind == VERDICT_INSTALLED || v->kind == VERDICT_REFUSED || v->kind == VERDICT_SHOWN);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scratch_write(g_file, data, size)) {
        perror(g_file);
        abort();
    }
    verdict_list l, again;
    verdicts_init(&l);
    verdicts_init(&again);
    char err[512];
    verdicts_load(g_dir, &l, err, sizeof err);
    for (size_t i = 0; i < l.n; i++)
        if (!entry_ok(&l.v[i]) || (i > 0 && strcmp(l.v[i - 1].name, l.v[i].name) >= 0))
            abort();
    if (!verdicts_save(g_dir, &l, err, sizeof err) || !verdicts_load(g_dir, &again, err, sizeof err) ||
        again.n != l.n)
        abort();
    for (size_t i = 0; i < l.n; i++) {
        const verdict *a = &l.v[i], *b = &again.v[i];
        if (strcmp(a->name, b->name) || a->size != b->size || a->mtime_ns != b->mtime_ns ||
            a->when != b->when || a->kind != b->kind || strcmp(a->version, b->version) ||
            strcmp(a->reason, b->reason))
            abort();
    }
    verdicts_free(&l);
    verdicts_free(&again);
    return 0;
}
