/* cli_install: --install FILE, one bundle package into --state-dir.
 *
 * The running kiosk starts this mode as a separate process for every
 * package that appears in its inbox (app/updater.h), so that verifying,
 * unpacking and validating never hold up a frame and a crash while
 * installing cannot take the exhibit down. It is also the operator's way to
 * install by hand. Its standard output is line-based, for the kiosk:
 *     progress PERCENT WHAT
 *     steps N          (fault points passed: the range of --fault-at)
 *     installed SLOT ID VERSION KEYID|unsigned
 * and on failure one line "refused REASON" (also on stderr), exit 1; a
 * package of the version shown now is not an error: "current REASON",
 * exit 3 (the inbox still holds the package installed last). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/resources.h"
#include "update/install.h"
#include "content/load.h"
#include "core/faultpoint.h"
#include "core/log.h"

typedef struct {
    const kiosk_options *o;
    text_engine *te;
} install_ctx;

static void on_progress(void *ctx, int percent, const char *what)
{
    (void)ctx;
    printf("progress %d %s\n", percent, what);
    fflush(stdout);
}

/* The bundle in dir passes every check the kiosk's start runs, and is the
 * bundle the signed manifest names. */
static bool validate(void *ctx, const char *dir, const pkg_manifest *m, char *err, size_t errlen)
{
    install_ctx *c = ctx;
    diag_list diags;
    bundle *b = app_load_bundle(c->o, dir, c->te, &diags);
    bool ok = b != NULL;
    if (!b) {
        char first[DIAG_MAX_MESSAGE + 256] = "errors";
        for (size_t i = 0; i < diags.count; i++) {
            if (diags.items[i].severity == DIAG_ERROR) {
                diag_format(&diags.items[i], first, sizeof first);
                break;
            }
        }
        log_format_err(err, errlen, "%zu error(s), the first: %s", diags.errors, first);
    } else if (strcmp(b->manifest.id, m->id) != 0 || strcmp(b->manifest.version, m->version) != 0) {
        log_format_err(err, errlen, "manifest.yaml says %s %s, the package %s %s", b->manifest.id,
                       b->manifest.version, m->id, m->version);
        ok = false;
    }
    bundle_free(b);
    diag_free(&diags);
    return ok;
}

/* The version shown now: the current slot's, or the factory bundle's. */
static void shown_version(const kiosk_options *o, char *out, size_t outlen)
{
    out[0] = '\0';
    slots_state s;
    if (slots_read(o->state_dir, &s, NULL, 0) && strcmp(s.current.name, SLOTS_FACTORY) != 0) {
        snprintf(out, outlen, "%s", s.current.version);
        return;
    }
    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load(o->bundle, NULL, &diags);
    if (b)
        snprintf(out, outlen, "%s", b->manifest.version);
    bundle_free(b);
    diag_free(&diags);
}

static int refuse(const char *msg)
{
    printf("refused %s\n", msg);
    fflush(stdout);
    fprintf(stderr, "kiosk: install refused: %s\n", msg);
    return 1;
}

int cli_install(const kiosk_options *o)
{
    /* A file size limit (RLIMIT_FSIZE) is then a write error, reported. */
    signal(SIGXFSZ, SIG_IGN);
    char err[LOG_ERR_MAX];
    pkgkey_public keys[PKGKEY_MAX_TRUSTED];
    int nkeys = 0;
    if (o->trusted_keys && !pkgkey_load_dir(o->trusted_keys, keys, PKGKEY_MAX_TRUSTED, &nkeys, err, sizeof err))
        return refuse(err);
    install_ctx c = {o, NULL};
    atlas *at = NULL;
    if (!app_open_text(&c.te, &at, err, sizeof err)) {
        atlas_close(at);
        text_close(c.te);
        return refuse(err);
    }
    char shown[BUNDLE_MAX_VERSION + 1];
    shown_version(o, shown, sizeof shown);
    install_opts io = {.state_dir = o->state_dir,
                       .keys = keys,
                       .nkeys = nkeys,
                       .allow_unsigned = o->allow_unsigned,
                       .allow_downgrade = o->allow_downgrade,
                       .shown_version = shown,
                       .validate = validate,
                       .progress = on_progress,
                       .ctx = &c};
    if (!o->trusted_keys && !o->allow_unsigned) {
        atlas_close(at);
        text_close(c.te);
        return refuse("no trusted keys (--trusted-keys DIR), and unsigned packages are not allowed");
    }
    if (o->fault_at)
        faultpoint_arm(o->fault_at);
    install_result r;
    bool ok = install_package(o->install, &io, &r, err, sizeof err);
    atlas_close(at);
    text_close(c.te);
    if (!ok && r.already) {
        printf("current %s\n", err);
        fflush(stdout);
        return 3;
    }
    if (!ok)
        return refuse(err);
    printf("steps %ld\n", faultpoint_count());
    printf("installed %s %s %s %s\n", r.slot, r.m.id, r.m.version, r.is_signed ? r.key_id : "unsigned");
    fflush(stdout);
    return 0;
}
