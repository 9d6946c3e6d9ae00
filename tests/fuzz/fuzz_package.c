/* Fuzz target: the package reader (update/pkgarchive.h pkg_read) and the
 * manifest parser (update/package.h pkg_manifest_parse).
 *
 * Each input is parsed as a manifest text, then written to a temporary file
 * and read as a package twice: with PKG_INSPECT (signatures read, not
 * verified) and with PKG_VERIFY against the fixed test key
 * tests/fuzz/keys/fuzz.pub. The seeds are real packages signed by that key,
 * so mutations get past the signature into the files; a sink takes the files
 * so their checks (order, sizes, hashes) run as in an install.
 *
 * Runs from the repository root (it reads the key). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "update/package.h"
#include "update/pkgarchive.h"
#include "update/pkgkey.h"
#include "core/log.h"
#include "support/scratch.h"

#define FUZZ_KEY "tests/fuzz/keys/fuzz.pub"

static pkgkey_public g_key;
static pkg_manifest g_manifest; /* large: not on the stack */
static pkg_info g_info;

/* The sink an installer would be: it only counts, and refuses files
 * written past their declared size (the reader must never do that). */
typedef struct {
    uint64_t declared, written;
    bool open;
} sink_state;

static bool sink_open(void *ctx, const char *path, uint64_t size, char *err, size_t errlen)
{
    sink_state *s = ctx;
    (void)err;
    (void)errlen;
    if (s->open || strlen(path) > BUNDLE_MAX_PATH)
        abort();
    *s = (sink_state){.declared = size, .open = true};
    return true;
}

static bool sink_write(void *ctx, const void *buf, size_t n, char *err, size_t errlen)
{
    sink_state *s = ctx;
    (void)buf;
    (void)err;
    (void)errlen;
    if (!s->open)
        abort();
    s->written += n;
    if (s->written > s->declared)
        abort();
    return true;
}

static bool sink_close(void *ctx, bool ok, char *err, size_t errlen)
{
    sink_state *s = ctx;
    (void)err;
    (void)errlen;
    if (!s->open || (ok && s->written != s->declared))
        abort();
    s->open = false;
    return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    log_set_level(LOG_OFF);
    char err[512];
    if (!pkgkey_read_public(FUZZ_KEY, &g_key, err, sizeof err)) {
        fprintf(stderr, "fuzz_package: %s (run from the repository root)\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    pkg_manifest_parse((const char *)data, size, &g_manifest, err, sizeof err);

    const char *path = scratch_input("fuzz-package", data, size);
    if (!path) {
        perror("fuzz_package: the input file");
        abort();
    }
    sink_state st;
    pkg_sink sink = {.ctx = &st, .open = sink_open, .write = sink_write, .close = sink_close};
    pkg_read_opts inspect = {.trust = PKG_INSPECT};
    pkg_read(path, &inspect, &g_info, err, sizeof err);
    st = (sink_state){0};
    pkg_read_opts verify = {.trust = PKG_VERIFY, .keys = &g_key, .nkeys = 1, .sink = &sink};
    pkg_read(path, &verify, &g_info, err, sizeof err);
    return 0;
}
