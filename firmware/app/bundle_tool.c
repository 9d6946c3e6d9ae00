/* bundle_tool: build/kiosk-bundle, the operator's tool for bundle packages
 * (app/bundle_tool.h). */
#include "app/bundle_tool.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/resources.h"
#include "content/load.h"
#include "update/pkgarchive.h"
#include "core/log.h"

static void usage(FILE *out)
{
    fputs("usage: kiosk-bundle COMMAND ...\n"
          "Signed bundle packages for the exhibit kiosk.\n\n"
          "  keygen NAME                        write NAME.key (secret, mode 0600) and NAME.pub\n"
          "  pack DIR -o FILE [--key NAME.key] [--sources DIR]\n"
          "                                     validate the bundle in DIR as --check does, then\n"
          "                                     write it as one package, signed with the key\n"
          "  verify FILE (--pub NAME.pub | --trusted-keys DIR)\n"
          "                                     check the signature and every file's hash\n"
          "  inspect FILE                       id, version, signer, files (signature not verified)\n"
          "\nExit status: 0 ok, 1 refused or failed, 2 bad command line.\n",
          out);
}

static int bad_usage(const char *msg)
{
    fprintf(stderr, "kiosk-bundle: %s (see --help)\n", msg);
    return 2;
}

static int keygen(const char *name)
{
    char pub[4096], sec[4096], err[600];
    if (snprintf(pub, sizeof pub, "%s.pub", name) >= (int)sizeof pub ||
        snprintf(sec, sizeof sec, "%s.key", name) >= (int)sizeof sec)
        return bad_usage("name too long");
    pkgkey_secret k;
    if (!pkgkey_generate(&k)) {
        fprintf(stderr, "kiosk-bundle: libsodium cannot start\n");
        return 1;
    }
    if (!pkgkey_write_secret(sec, &k, err, sizeof err) || !pkgkey_write_public(pub, &k.pub, err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        return 1;
    }
    printf("key %s\n  secret: %s (keep it off the kiosk)\n  public: %s (copy it into the kiosk's trusted keys)\n",
           k.pub.id, sec, pub);
    return 0;
}

static int pack(const char *dir, const char *out, const char *keyfile, const char *sources)
{
    char err[LOG_ERR_MAX];
    pkgkey_secret key;
    if (keyfile && !pkgkey_read_secret(keyfile, &key, err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        return 1;
    }
    /* The same checks as --check and the kiosk's start. */
    kiosk_options o;
    options_defaults(&o);
    o.mode = MODE_CHECK; /* --check's checks: no source articles is a warning */
    o.sources = sources;
    o.audio_decode_all = true; /* a package is made once: every narration file decoded to its end */
    text_engine *te = NULL;
    atlas *at = NULL;
    if (!app_open_text(&te, &at, err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        atlas_close(at);
        text_close(te);
        return 1;
    }
    diag_list diags;
    bundle *b = app_load_bundle(&o, dir, te, &diags);
    int status = 1;
    pkg_manifest *m = NULL;
    if (!b) {
        fprintf(stderr, "kiosk-bundle: %s: %zu error(s); not packed\n", dir, diags.errors);
        goto out;
    }
    static pkg_manifest manifest; /* large */
    m = &manifest;
    if (!pkg_scan_dir(dir, b->manifest.id, b->manifest.version, m, err, sizeof err) ||
        !pkg_write(dir, m, keyfile ? &key : NULL, out, err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        goto out;
    }
    printf("%s: %s %s, %d files, %" PRIu64 " bytes, %s%s\n", out, m->id, m->version, m->nfiles,
           pkg_manifest_total(m), keyfile ? "signed by " : "UNSIGNED", keyfile ? key.pub.id : "");
    if (!keyfile)
        fprintf(stderr, "kiosk-bundle: warning: unsigned; a kiosk installs it only with --allow-unsigned\n");
    status = 0;
out:
    bundle_free(b);
    diag_free(&diags);
    atlas_close(at);
    text_close(te);
    return status;
}

static int verify(const char *file, const char *pub, const char *dir)
{
    char err[LOG_ERR_MAX];
    pkgkey_public keys[PKGKEY_MAX_TRUSTED];
    int n = 0;
    if (pub && !pkgkey_read_public(pub, &keys[0], err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        return 1;
    }
    if (pub)
        n = 1;
    else if (!pkgkey_load_dir(dir, keys, PKGKEY_MAX_TRUSTED, &n, err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        return 1;
    }
    static pkg_info info; /* large */
    pkg_read_opts ro = {PKG_VERIFY, keys, n, NULL};
    if (!pkg_read(file, &ro, &info, err, sizeof err)) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        return 1;
    }
    printf("%s: good signature by %s; %s %s, %d files, every hash matches\n", file, info.key_id, info.m.id,
           info.m.version, info.m.nfiles);
    return 0;
}

static int inspect(const char *file)
{
    char err[LOG_ERR_MAX];
    static pkg_info info; /* large */
    pkg_read_opts ro = {PKG_INSPECT, NULL, 0, NULL};
    bool ok = pkg_read(file, &ro, &info, err, sizeof err);
    if (info.m.nfiles > 0 || ok) {
        printf("id       %s\nversion  %s\nsigner   %s\nfiles    %d, %" PRIu64 " bytes\n", info.m.id, info.m.version,
               info.is_signed ? info.key_id : "(unsigned)", info.m.nfiles, pkg_manifest_total(&info.m));
        for (int i = 0; i < info.m.nfiles; i++) {
            char hex[17];
            for (int k = 0; k < 8; k++)
                snprintf(hex + 2 * k, 3, "%02x", info.m.files[i].sha256[k]);
            printf("  %10" PRIu64 "  %s…  %s\n", info.m.files[i].size, hex, info.m.files[i].path);
        }
        if (info.is_signed)
            printf("(the signature was not verified: use verify)\n");
    }
    if (!ok) {
        fprintf(stderr, "kiosk-bundle: %s\n", err);
        return 1;
    }
    return 0;
}

int bundle_tool_main(int argc, char **argv)
{
    if (argc < 2)
        return bad_usage("missing command");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    const char *pos = NULL, *out = NULL, *key = NULL, *sources = NULL, *pub = NULL, *trusted = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "-o")               ? &out
                            : !strcmp(a, "--key")          ? &key
                            : !strcmp(a, "--sources")      ? &sources
                            : !strcmp(a, "--pub")          ? &pub
                            : !strcmp(a, "--trusted-keys") ? &trusted
                                                           : NULL;
        if (slot) {
            if (i + 1 >= argc)
                return bad_usage("an option is missing its value");
            *slot = argv[++i];
        } else if (a[0] == '-') {
            fprintf(stderr, "kiosk-bundle: unknown option '%s' (see --help)\n", a);
            return 2;
        } else if (!pos) {
            pos = a;
        } else {
            fprintf(stderr, "kiosk-bundle: unexpected argument '%s' (see --help)\n", a);
            return 2;
        }
    }
    if (!pos)
        return bad_usage("missing argument");
    if (!strcmp(cmd, "keygen") && !out && !key && !sources && !pub && !trusted)
        return keygen(pos);
    if (!strcmp(cmd, "pack") && out && !pub && !trusted)
        return pack(pos, out, key, sources);
    if (!strcmp(cmd, "verify") && (pub != NULL) != (trusted != NULL) && !out && !key && !sources)
        return verify(pos, pub, trusted);
    if (!strcmp(cmd, "inspect") && !out && !key && !sources && !pub && !trusted)
        return inspect(pos);
    if (strcmp(cmd, "keygen") && strcmp(cmd, "pack") && strcmp(cmd, "verify") && strcmp(cmd, "inspect")) {
        fprintf(stderr, "kiosk-bundle: unknown command '%s' (see --help)\n", cmd);
        return 2;
    }
    return bad_usage("wrong options for this command");
}
