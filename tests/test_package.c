/* Bundle packages, keys, slots and the installer, in-process: every check a
 * package must pass, each hostile package with the message it gets, the
 * A/B state with its trial and rollback, and the installer's steps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "update/install.h"
#include "update/package.h"
#include "update/pkgarchive.h"
#include "update/pkgkey.h"
#include "update/lastresult.h"
#include "update/slots.h"
#include "update/verdicts.h"
#include "core/fileio.h"
#include "support/pkgfix.h"
#include "support/subproc.h"
#include "support/scratch.h"

/* ---- fixtures ----------------------------------------------------------- */

static char g_dir[512];
static pkgkey_secret g_key, g_other;
static pkgkey_public g_trusted[1];

/* A small bundle-like directory (the mechanics do not read YAML). */
static void make_bundle(const char *dir, const char *version)
{
    char p[1024], v[64];
    mkdir(dir, 0755);
    snprintf(p, sizeof p, "%s/manifest.yaml", dir);
    assert_true(scratch_write_text(p, "id: t\n"));
    snprintf(p, sizeof p, "%s/version.yaml", dir);
    snprintf(v, sizeof v, "version: \"%s\"\n", version);
    assert_true(scratch_write_text(p, v));
    snprintf(p, sizeof p, "%s/img", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/img/a.txt", dir);
    assert_true(scratch_write_text(p, "一二三\n"));
}

static void pack(const char *version, const pkgkey_secret *key, const char *out)
{
    char src[1024], err[512];
    snprintf(src, sizeof src, "%s/src-%s", g_dir, version);
    make_bundle(src, version);
    static pkg_manifest m;
    assert_true(pkg_scan_dir(src, "t", version, &m, err, sizeof err));
    if (!pkg_write(src, &m, key, out, err, sizeof err))
        fail_msg("%s", err);
}

static int setup(void **state)
{
    (void)state;
    assert_true(subproc_tmpdir(g_dir, sizeof g_dir));
    assert_true(pkgkey_generate(&g_key));
    assert_true(pkgkey_generate(&g_other));
    g_trusted[0] = g_key.pub;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    scratch_rm_rf(g_dir);
    return 0;
}

static bool read_pkg(const char *path, pkg_trust trust, char *err, size_t errlen)
{
    static pkg_info info;
    pkg_read_opts o = {trust, g_trusted, 1, NULL};
    return pkg_read(path, &o, &info, err, errlen);
}

static void assert_refused(const char *path, const char *needle)
{
    char err[1024] = "";
    if (read_pkg(path, PKG_VERIFY, err, sizeof err))
        fail_msg("%s was accepted; expected '%s'", path, needle);
    if (!strstr(err, needle))
        fail_msg("message '%s' lacks '%s'", err, needle);
}

/* ---- paths, versions, the manifest text -------------------------------- */

static void test_paths(void **state)
{
    (void)state;
    static const char *const good[] = {"manifest.yaml", "img/a.png", "a-b_c.9", "d1/d2/d3/d4/f"};
    static const struct {
        const char *path, *why;
    } bad[] = {
        {"", "empty"},
        {"/etc/passwd", "absolute"},
        {"../x", "starts with '.'"},
        {"a/../../x", "starts with '.'"},
        {"a//b", "empty path component"},
        {".hidden", "starts with '.'"},
        {"a\\b", "not allowed"},
        {"a b", "not allowed"},
        {"中.yaml", "not allowed"},
        {"d1/d2/d3/d4/d5/f", "directories deep"},
        {"BUNDLE-MANIFEST", "reserved"},
        {"a/", "empty path component"},
    };
    char err[256];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!bundle_path_ok(good[i], err, sizeof err))
            fail_msg("'%s' refused: %s", good[i], err);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (bundle_path_ok(bad[i].path, err, sizeof err))
            fail_msg("'%s' accepted", bad[i].path);
        if (!strstr(err, bad[i].why))
            fail_msg("'%s': '%s' lacks '%s'", bad[i].path, err, bad[i].why);
    }
    char longp[BUNDLE_MAX_PATH + 2];
    memset(longp, 'a', sizeof longp - 1);
    longp[sizeof longp - 1] = '\0';
    assert_false(bundle_path_ok(longp, err, sizeof err));
    assert_non_null(strstr(err, "longer than"));
}

static void test_versions(void **state)
{
    (void)state;
    assert_true(bundle_version_ok("1"));
    assert_true(bundle_version_ok("1.0.0"));
    assert_true(bundle_version_ok("2026.12.1.3"));
    assert_false(bundle_version_ok(""));
    assert_false(bundle_version_ok("1..0"));
    assert_false(bundle_version_ok("1.0."));
    assert_false(bundle_version_ok("v1"));
    assert_false(bundle_version_ok("1.2.3.4.5"));
    assert_false(bundle_version_ok("1234567890"));
    assert_true(bundle_version_cmp("1.2", "1.2.0") == 0);
    assert_true(bundle_version_cmp("1.2", "1.10") < 0);
    assert_true(bundle_version_cmp("2", "1.99.99") > 0);
    assert_true(bundle_version_cmp("1.0.1", "1.0.0") > 0);
}

static void test_manifest_round_trip(void **state)
{
    (void)state;
    static pkg_manifest m, back;
    memset(&m, 0, sizeof m);
    strcpy(m.id, "us-china");
    strcpy(m.version, "1.2.0");
    m.nfiles = 2;
    strcpy(m.files[0].path, "a.yaml");
    m.files[0].size = 10;
    memset(m.files[0].sha256, 0xab, 32);
    strcpy(m.files[1].path, "img/b.png");
    m.files[1].size = 0;
    size_t len;
    char *text = pkg_manifest_format(&m, &len);
    assert_non_null(text);
    char err[256];
    if (!pkg_manifest_parse(text, len, &back, err, sizeof err))
        fail_msg("%s", err);
    assert_memory_equal(&m, &back, sizeof m);
    free(text);
}

static void test_manifest_errors(void **state)
{
    (void)state;
    static const char h[] = "0000000000000000000000000000000000000000000000000000000000000000";
    static char text[1024];
    static const struct {
        const char *body, *why;
    } cases[] = {
        {"kiosk-bundle-package 2\n", "line 1: not a bundle package manifest"},
        {"kiosk-bundle-package 1\nid a b\n", "line 2: id"},
        {"kiosk-bundle-package 1\nid t\nversion 1.x\n", "line 3: version"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 0\n", "line 4: files"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 1\nfile %s 10737418240 big.bin\n",
         "line 5: size 10737418240 is over the limit"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 1\nfile %s 1 ../x\n", "line 5: path '../x'"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 2\nfile %s 1 a\nfile %s 1 a\n", "line 6: 'a' listed twice"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 2\nfile %s 1 a\n", "'files 2' but 1 file lines"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 1\nfile %s 1 a", "line 5: no newline"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 1\nfile XYZ 1 a\n", "line 5: expected 64 lowercase hex"},
        {"kiosk-bundle-package 1\nid t\nversion 1\n", "line 4: missing 'files'"},
        {"kiosk-bundle-package 1\nid t\nversion 1\nfiles 1\nfile %s 01 a\n", "not a plain number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, cases[i].body, h, h);
        static pkg_manifest m;
        char err[256] = "";
        if (pkg_manifest_parse(text, strlen(text), &m, err, sizeof err))
            fail_msg("case %zu accepted", i);
        if (!strstr(err, cases[i].why))
            fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].why);
    }
    /* A NUL inside a line. */
    static const char nul[] = "kiosk-bundle-package 1\nid t\0x\n";
    static pkg_manifest m;
    char err[256];
    assert_false(pkg_manifest_parse(nul, sizeof nul - 1, &m, err, sizeof err));
    assert_non_null(strstr(err, "line 2: NUL byte"));
}

/* ---- keys --------------------------------------------------------------- */

static void test_key_files(void **state)
{
    (void)state;
    char pub[1024], sec[1024], err[512];
    snprintf(pub, sizeof pub, "%s/k.pub", g_dir);
    snprintf(sec, sizeof sec, "%s/k.key", g_dir);
    assert_true(pkgkey_write_secret(sec, &g_key, err, sizeof err));
    assert_true(pkgkey_write_public(pub, &g_key.pub, err, sizeof err));
    struct stat st;
    assert_int_equal(stat(sec, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* Never overwritten. */
    assert_false(pkgkey_write_secret(sec, &g_key, err, sizeof err));
    assert_non_null(strstr(err, "File exists"));
    pkgkey_secret s;
    pkgkey_public p;
    assert_true(pkgkey_read_secret(sec, &s, err, sizeof err));
    assert_true(pkgkey_read_public(pub, &p, err, sizeof err));
    assert_memory_equal(s.sk, g_key.sk, 64);
    assert_memory_equal(p.pk, g_key.pub.pk, 32);
    assert_string_equal(p.id, g_key.pub.id);
    /* A key file whose id was edited. */
    char bad[1024];
    snprintf(bad, sizeof bad, "%s/bad.pub", g_dir);
    size_t len;
    char *text = subproc_read_file(pub, &len);
    text[21] = text[21] == '0' ? '1' : '0';
    assert_true(scratch_write_text(bad, text));
    free(text);
    assert_false(pkgkey_read_public(bad, &p, err, sizeof err));
    assert_non_null(strstr(err, "does not belong to the key"));
    /* A directory of keys with a broken one is an error, naming it. */
    pkgkey_public keys[4];
    int n;
    assert_false(pkgkey_load_dir(g_dir, keys, 4, &n, err, sizeof err));
    assert_non_null(strstr(err, "bad.pub"));
    unlink(bad);
    assert_true(pkgkey_load_dir(g_dir, keys, 4, &n, err, sizeof err));
    assert_int_equal(n, 1);
    unlink(pub);
    unlink(sec);
}

/* ---- reading packages --------------------------------------------------- */

static void test_round_trip_and_deterministic(void **state)
{
    (void)state;
    char a[1024], b[1024], err[512];
    snprintf(a, sizeof a, "%s/a.kbundle", g_dir);
    snprintf(b, sizeof b, "%s/b.kbundle", g_dir);
    pack("1.0.0", &g_key, a);
    pack("1.0.0", &g_key, b);
    size_t la, lb;
    char *ta = subproc_read_file(a, &la), *tb = subproc_read_file(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    free(ta);
    free(tb);
    if (!read_pkg(a, PKG_VERIFY, err, sizeof err))
        fail_msg("%s", err);
    static pkg_info info;
    pkg_read_opts o = {PKG_VERIFY, g_trusted, 1, NULL};
    assert_true(pkg_read(a, &o, &info, err, sizeof err));
    assert_int_equal(info.m.nfiles, 3);
    assert_string_equal(info.m.files[0].path, "img/a.txt");
    assert_string_equal(info.m.version, "1.0.0");
    assert_true(info.is_signed);
    assert_string_equal(info.key_id, g_key.pub.id);
}

static void test_untrusted_and_unsigned(void **state)
{
    (void)state;
    char p[1024], u[1024], err[512];
    snprintf(p, sizeof p, "%s/other.kbundle", g_dir);
    snprintf(u, sizeof u, "%s/unsigned.kbundle", g_dir);
    pack("1.0.0", &g_other, p);
    pack("1.0.0", NULL, u);
    char want[128];
    snprintf(want, sizeof want, "signed by key %s, which is not trusted", g_other.pub.id);
    assert_refused(p, want);
    assert_refused(u, "the package is not signed");
    assert_true(read_pkg(u, PKG_VERIFY_OR_UNSIGNED, err, sizeof err));
    /* Allowing unsigned packages does not let an untrusted signature in. */
    assert_false(read_pkg(p, PKG_VERIFY_OR_UNSIGNED, err, sizeof err));
    assert_true(read_pkg(p, PKG_INSPECT, err, sizeof err));
}

/* Offsets of each entry's data in a tar: 512-byte header, then data. */
static void test_every_flipped_byte_in_every_entry(void **state)
{
    (void)state;
    char p[1024], q[1024];
    snprintf(p, sizeof p, "%s/flip.kbundle", g_dir);
    snprintf(q, sizeof q, "%s/flipped.kbundle", g_dir);
    pack("1.0.0", &g_key, p);
    size_t len;
    unsigned char *orig = (unsigned char *)subproc_read_file(p, &len);
    /* Walk the tar: a ustar header gives the name at 0, the size in octal
     * at 124; pax headers ('x') are entries too. */
    int data_entries = 0;
    for (size_t off = 0; off + 512 <= len && orig[off];) {
        size_t size = strtoul((char *)orig + off + 124, NULL, 8);
        char type = (char)orig[off + 156];
        if (size > 0 && type != 'x' && type != 'g') {
            /* One byte in the middle of this entry's data. */
            unsigned char *c = malloc(len);
            memcpy(c, orig, len);
            c[off + 512 + size / 2] ^= 0x20;
            assert_true(scratch_write(q, c, len));
            free(c);
            char err[512] = "";
            if (read_pkg(q, PKG_VERIFY, err, sizeof err))
                fail_msg("a flipped byte in '%.100s' was accepted", (char *)orig + off);
            bool named = strstr(err, "does not match") || strstr(err, "not a signature line") ||
                         strstr(err, "not a bundle package manifest");
            if (!named)
                fail_msg("flipped '%.100s': unexpected message '%s'", (char *)orig + off, err);
            data_entries++;
        }
        off += 512 + (size + 511) / 512 * 512;
    }
    assert_int_equal(data_entries, 2 + 3); /* manifest, signature, three files */
    free(orig);
}

static void test_truncated(void **state)
{
    (void)state;
    char p[1024], q[1024];
    snprintf(p, sizeof p, "%s/trunc.kbundle", g_dir);
    snprintf(q, sizeof q, "%s/truncated.kbundle", g_dir);
    pack("1.0.0", &g_key, p);
    size_t len;
    char *orig = subproc_read_file(p, &len);
    /* The end of the last file's data (the tar is padded after it). */
    size_t end = 0;
    for (size_t off = 0; off + 512 <= len && orig[off];) {
        size_t size = strtoul(orig + off + 124, NULL, 8);
        off += 512 + (size + 511) / 512 * 512;
        end = off - ((size + 511) / 512 * 512 - size);
    }
    assert_true(end > 2048);
    /* Cut anywhere before it (a prime step meets headers, data and padding). */
    int refused = 0, cuts = 0;
    for (size_t cut = 0; cut < end; cut += 97) {
        assert_true(scratch_write(q, orig, cut));
        char err[512];
        cuts++;
        if (!read_pkg(q, PKG_VERIFY, err, sizeof err))
            refused++;
        else
            fail_msg("cut at %zu accepted", cut);
    }
    assert_int_equal(refused, cuts);
    free(orig);
}

static void test_hostile_entries(void **state)
{
    (void)state;
    char p[1024], m[1024], sig[PKGKEY_SIG_TEXT_MAX];
    snprintf(p, sizeof p, "%s/hostile.kbundle", g_dir);
    pkgfix_signed_manifest(&g_key, "1.0.0", "a.yaml", "x: 1\n", m, sizeof m, sig);
    const pkgfix_entry M = {PKG_MANIFEST_NAME, AE_IFREG, m, strlen(m)};
    const pkgfix_entry S = {PKG_SIGNATURE_NAME, AE_IFREG, sig, strlen(sig)};
    const pkgfix_entry A = {"a.yaml", AE_IFREG, "x: 1\n", 5};

    pkgfix_entry ok[] = {M, S, A};
    pkgfix_write_tar(p, ok, 3);
    char err[512];
    if (!read_pkg(p, PKG_VERIFY, err, sizeof err))
        fail_msg("the well-formed package was refused: %s", err);

    pkgfix_entry link[] = {M, S, {"a.yaml", AE_IFLNK, NULL, 0}};
    pkgfix_write_tar(p, link, 3);
    assert_refused(p, "entry 'a.yaml' is a link");

    pkgfix_entry dev[] = {M, S, {"a.yaml", AE_IFCHR, NULL, 0}};
    pkgfix_write_tar(p, dev, 3);
    assert_refused(p, "is a special file");

    pkgfix_entry dir[] = {M, S, {"img", AE_IFDIR, NULL, 0}, A};
    pkgfix_write_tar(p, dir, 4);
    assert_refused(p, "entry 'img/' is a directory");

    pkgfix_entry traversal[] = {M, S, {"../a.yaml", AE_IFREG, "x: 1\n", 5}};
    pkgfix_write_tar(p, traversal, 3);
    assert_refused(p, "entry '../a.yaml' where the manifest has a.yaml");

    pkgfix_entry extra[] = {M, S, A, {"evil.sh", AE_IFREG, "rm -rf /\n", 9}};
    pkgfix_write_tar(p, extra, 4);
    assert_refused(p, "entry 'evil.sh' is not in the manifest");

    pkgfix_entry missing[] = {M, S};
    pkgfix_write_tar(p, missing, 2);
    assert_refused(p, "a.yaml is missing");

    pkgfix_entry order[] = {S, M, A};
    pkgfix_write_tar(p, order, 3);
    assert_refused(p, "the first entry is 'BUNDLE-SIGNATURE'");

    pkgfix_entry longer[] = {M, S, {"a.yaml", AE_IFREG, "x: 1\nmore\n", 10}};
    pkgfix_write_tar(p, longer, 3);
    assert_refused(p, "10 bytes where the manifest says 5");

    /* A signed manifest that lists a path outside the slot: the signature
     * holds (a trusted key signed it) and the path is still refused. */
    pkgfix_signed_manifest(&g_key, "1.0.0", "../../etc/cron.d/x", "x: 1\n", m, sizeof m, sig);
    pkgfix_entry signed_traversal[] = {{PKG_MANIFEST_NAME, AE_IFREG, m, strlen(m)},
                                {PKG_SIGNATURE_NAME, AE_IFREG, sig, strlen(sig)},
                                {"../../etc/cron.d/x", AE_IFREG, "x: 1\n", 5}};
    pkgfix_write_tar(p, signed_traversal, 3);
    assert_refused(p, "path '../../etc/cron.d/x'");

    /* Ten gigabytes declared, signed: refused before a byte is unpacked. */
    snprintf(m, sizeof m,
             "kiosk-bundle-package 1\nid t\nversion 1.0.0\nfiles 1\nfile %064d 10737418240 big.bin\n", 0);
    size_t slen;
    assert_true(pkgkey_sign(&g_key, m, strlen(m), sig, &slen));
    pkgfix_entry big[] = {{PKG_MANIFEST_NAME, AE_IFREG, m, strlen(m)}, {PKG_SIGNATURE_NAME, AE_IFREG, sig, slen}};
    pkgfix_write_tar(p, big, 2);
    assert_refused(p, "size 10737418240 is over the limit");

    /* Not a tar at all; a FIFO; a directory. */
    snprintf(p, sizeof p, "%s/junk.kbundle", g_dir);
    assert_true(scratch_write_text(p, "PK\x03\x04 this is a zip file, or is it\n"));
    assert_refused(p, "not a readable package");
    snprintf(p, sizeof p, "%s/fifo.kbundle", g_dir);
    assert_int_equal(mkfifo(p, 0644), 0);
    assert_refused(p, "not a regular file");
    unlink(p);
    assert_refused(g_dir, "not a regular file");
}

/* ---- slots -------------------------------------------------------------- */

static void test_slots_trial_and_rollback(void **state)
{
    (void)state;
    char sd[1024], err[512], msg[512];
    snprintf(sd, sizeof sd, "%s/slots-state", g_dir);
    mkdir(sd, 0755);
    slots_state s;
    assert_true(slots_read(sd, &s, err, sizeof err));
    assert_string_equal(s.current.name, SLOTS_FACTORY);
    assert_string_equal(slots_inactive(&s), "a");
    assert_true(slots_commit(sd, &s, "a", "1.0.0", err, sizeof err));
    assert_true(slots_confirm(sd, &s, err, sizeof err));
    assert_true(slots_commit(sd, &s, "b", "1.1.0", err, sizeof err));
    assert_string_equal(slots_inactive(&s), "a");
    /* Three starts on trial count tries; the fourth rolls back to a. */
    for (int i = 1; i <= SLOTS_MAX_TRIES; i++) {
        assert_true(slots_begin(sd, SLOTS_MAX_TRIES, &s, msg, sizeof msg, err, sizeof err));
        assert_string_equal(s.current.name, "b");
        assert_int_equal(s.tries, i);
        assert_string_equal(msg, "");
    }
    assert_true(slots_begin(sd, SLOTS_MAX_TRIES, &s, msg, sizeof msg, err, sizeof err));
    assert_string_equal(s.current.name, "a");
    assert_string_equal(s.current.version, "1.0.0");
    assert_false(s.trial);
    assert_string_equal(msg,
                        "rolled back to slot a (version 1.0.0): slot b (version 1.1.0) did not reach a healthy point in 3 starts");
    slots_state back;
    assert_true(slots_read(sd, &back, err, sizeof err));
    assert_memory_equal(&back, &s, sizeof s);
    /* A slot that does not load goes back too; after a, the factory. */
    assert_true(slots_fail(sd, &s, "does not load", msg, sizeof msg, err, sizeof err));
    assert_string_equal(s.current.name, SLOTS_FACTORY);
    assert_string_equal(msg, "rolled back to the factory bundle: slot a (version 1.0.0) does not load");
    /* A damaged state file: said, and the factory bundle. */
    char path[1100];
    snprintf(path, sizeof path, "%s/slots/state", sd);
    assert_true(scratch_write_text(path, "kiosk-slots 1\ncurrent c 1\n"));
    assert_false(slots_read(sd, &s, err, sizeof err));
    assert_non_null(strstr(err, "slots/state: line 2: bad value 'c 1'"));
    assert_true(slots_begin(sd, SLOTS_MAX_TRIES, &s, msg, sizeof msg, err, sizeof err));
    assert_string_equal(s.current.name, SLOTS_FACTORY);
    assert_non_null(strstr(msg, "showing the factory bundle"));
}

static void test_slots_rolled_back_versions(void **state)
{
    (void)state;
    char sd[1024], err[512], msg[512], path[1100];
    snprintf(sd, sizeof sd, "%s/slots-rb", g_dir);
    snprintf(path, sizeof path, "%s/slots/state", sd);
    mkdir(sd, 0755);
    slots_state s;
    assert_true(slots_read(sd, &s, err, sizeof err));
    assert_true(slots_commit(sd, &s, "a", "1.0.0", err, sizeof err));
    assert_true(slots_confirm(sd, &s, err, sizeof err));
    assert_true(slots_commit(sd, &s, "b", "1.1.0", err, sizeof err));
    /* Withdrawn: the version is kept, in the same file as the switch. */
    assert_true(slots_fail(sd, &s, "withdrawn by the operator", msg, sizeof msg, err, sizeof err));
    assert_string_equal(
        msg, "rolled back to slot a (version 1.0.0): slot b (version 1.1.0) withdrawn by the operator");
    assert_true(slots_was_rolled_back(&s, "1.1.0"));
    assert_true(slots_was_rolled_back(&s, "1.1"));
    assert_false(slots_was_rolled_back(&s, "1.0.0"));
    char *text = subproc_read_file(path, NULL);
    assert_string_equal(
        text, "kiosk-slots 1\ncurrent a 1.0.0\nprevious factory\ntrial 0\ntries 0\nrolled-back 1.1.0\n");
    free(text);
    slots_state back;
    assert_true(slots_read(sd, &back, err, sizeof err));
    assert_memory_equal(&back, &s, sizeof s);
    /* Installed again (by hand): off the list. */
    assert_true(slots_commit(sd, &s, "b", "1.1.0", err, sizeof err));
    assert_false(slots_was_rolled_back(&s, "1.1.0"));
    assert_int_equal(s.nrolled_back, 0);
    /* The newest SLOTS_MAX_ROLLED_BACK are kept. */
    for (int i = 0; i < SLOTS_MAX_ROLLED_BACK + 2; i++) {
        char v[16];
        snprintf(v, sizeof v, "2.0.%d", i);
        assert_true(slots_confirm(sd, &s, err, sizeof err));
        assert_true(slots_commit(sd, &s, slots_inactive(&s), v, err, sizeof err));
        assert_true(slots_fail(sd, &s, "does not load", msg, sizeof msg, err, sizeof err));
    }
    assert_int_equal(s.nrolled_back, SLOTS_MAX_ROLLED_BACK);
    assert_false(slots_was_rolled_back(&s, "2.0.1"));
    assert_true(slots_was_rolled_back(&s, "2.0.2"));
    assert_true(slots_was_rolled_back(&s, "2.0.9"));
    assert_true(slots_read(sd, &back, err, sizeof err));
    assert_memory_equal(&back, &s, sizeof s);
    /* A damaged list is a damaged state. */
    static const char *const bad[] = {"rolled-back \n", "rolled-back 1.x\n", "rolled-back 1.0 1.0.0\n",
                                      "rolled-back 1 2 3 4 5 6 7 8 9\n", "rolled-back 1.0\nextra\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char t[256];
        snprintf(t, sizeof t, "kiosk-slots 1\ncurrent a 1.0.0\nprevious factory\ntrial 0\ntries 0\n%s",
                 bad[i]);
        assert_true(scratch_write_text(path, t));
        if (slots_read(sd, &s, err, sizeof err))
            fail_msg("'%s' was read", bad[i]);
        assert_non_null(strstr(err, "slots/state: line "));
    }
}

static void test_slots_between_processes(void **state)
{
    (void)state;
    char sd[1024], err[512], msg[512];
    snprintf(sd, sizeof sd, "%s/slots-lock", g_dir);
    mkdir(sd, 0755);
    /* The lock: one holder at a time (two open files conflict even in one
     * process, as two processes do). */
    int fd = slots_lock(sd, 0, err, sizeof err);
    assert_true(fd >= 0);
    assert_true(slots_locked_elsewhere(sd));
    assert_int_equal(slots_lock(sd, 50, err, sizeof err), SLOTS_BUSY);
    assert_non_null(strstr(err, "another process is installing or rolling back"));
    slots_unlock(fd);
    assert_false(slots_locked_elsewhere(sd));
    fd = slots_lock(sd, 0, err, sizeof err);
    assert_true(fd >= 0);
    slots_unlock(fd);
    char missing[1100];
    snprintf(missing, sizeof missing, "%s/none", sd);
    assert_int_equal(slots_lock(missing, 0, err, sizeof err), -1);

    /* A confirmation after another process rolled the slot back writes
     * nothing and hands back what that process wrote. */
    slots_state kiosk, other;
    slots_stamp stamp = {0};
    assert_true(slots_read(sd, &kiosk, err, sizeof err));
    assert_true(slots_commit(sd, &kiosk, "a", "1.0.0", err, sizeof err));
    assert_true(slots_confirm(sd, &kiosk, err, sizeof err));
    assert_true(slots_commit(sd, &kiosk, "b", "1.1.0", err, sizeof err));
    assert_true(slots_stamp_changed(sd, &stamp));
    assert_false(slots_stamp_changed(sd, &stamp));
    assert_true(slots_read(sd, &other, err, sizeof err));
    assert_true(slots_fail(sd, &other, "withdrawn by the operator", msg, sizeof msg, err, sizeof err));
    assert_true(slots_stamp_changed(sd, &stamp));
    assert_true(slots_confirm(sd, &kiosk, err, sizeof err));
    assert_string_equal(kiosk.current.name, "a");
    assert_false(kiosk.trial);
    assert_false(slots_stamp_changed(sd, &stamp));
    /* The same for a slot that does not load: nothing rolled back twice. */
    slots_ref b = {"b", "1.1.0"};
    kiosk.current = b;
    assert_true(slots_fail(sd, &kiosk, "does not load", msg, sizeof msg, err, sizeof err));
    assert_string_equal(msg, "");
    assert_string_equal(kiosk.current.name, "a");
    assert_false(slots_stamp_changed(sd, &stamp));
}

/* ---- the inbox's verdicts ------------------------------------------------ */

static void test_verdicts(void **state)
{
    (void)state;
    char sd[1024], inbox[1024], p[1200], err[512];
    snprintf(sd, sizeof sd, "%s/verdicts", g_dir);
    snprintf(inbox, sizeof inbox, "%s/verdicts-inbox", g_dir);
    mkdir(sd, 0755);
    mkdir(inbox, 0755);
    verdict_list l;
    verdicts_init(&l);
    assert_true(verdicts_load(sd, &l, err, sizeof err));
    assert_int_equal(l.n, 0);
    /* Names as a sync tool may leave them: spaces, '%', a newline. */
    static const char *const names[] = {"b.kbundle", "a copy.kbundle", "100%.kbundle", "line\nbreak.kbundle"};
    int dfd = open(inbox, O_RDONLY | O_DIRECTORY);
    assert_true(dfd >= 0);
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", inbox, names[i]);
        assert_true(scratch_write_text(p, names[i]));
        verdict v = {.when = 1763800000 + (long long)i, .kind = i == 0 ? VERDICT_INSTALLED : VERDICT_REFUSED};
        snprintf(v.name, sizeof v.name, "%s", names[i]);
        assert_true(verdicts_stat(dfd, names[i], &v.size, &v.mtime_ns));
        if (i == 0)
            strcpy(v.version, "1.2.0");
        else
            snprintf(v.reason, sizeof v.reason, "refused\tfor reason %zu", i);
        assert_non_null(verdicts_put(&l, &v));
    }
    assert_string_equal(l.v[0].name, "100%.kbundle"); /* in name order */
    assert_true(verdicts_save(sd, &l, err, sizeof err));
    snprintf(p, sizeof p, "%s/%s", sd, VERDICTS_FILE);
    char *text = subproc_read_file(p, NULL);
    assert_non_null(strstr(text, "kiosk-inbox 1\nrefused 12 "));
    assert_non_null(strstr(text, " - 100%25.kbundle refused for reason 2\n"));
    assert_non_null(strstr(text, " - a%20copy.kbundle "));
    assert_non_null(strstr(text, " 1.2.0 b.kbundle\n"));
    assert_non_null(strstr(text, " - line%0Abreak.kbundle "));
    free(text);
    verdict_list back;
    verdicts_init(&back);
    assert_true(verdicts_load(sd, &back, err, sizeof err));
    assert_int_equal(back.n, 4);
    for (size_t i = 0; i < 4; i++) {
        long long size, mtime;
        assert_true(verdicts_stat(dfd, names[i], &size, &mtime));
        const verdict *v = verdicts_find(&back, names[i], size, mtime);
        assert_non_null(v);
        assert_int_equal(v->when, 1763800000 + (long long)i);
        assert_int_equal(v->kind, i == 0 ? VERDICT_INSTALLED : VERDICT_REFUSED);
        assert_null(verdicts_find(&back, names[i], size + 1, mtime));
        assert_null(verdicts_find(&back, names[i], size, mtime + 1));
    }
    /* A file changed or gone is dropped; a file copied again is a new one. */
    snprintf(p, sizeof p, "%s/a copy.kbundle", inbox);
    unlink(p);
    snprintf(p, sizeof p, "%s/b.kbundle", inbox);
    assert_true(scratch_write_text(p, "other bytes"));
    verdicts_prune(&back, inbox);
    assert_int_equal(back.n, 2);
    assert_string_equal(back.v[0].name, "100%.kbundle");
    assert_string_equal(back.v[1].name, "line\nbreak.kbundle");
    /* Kinds only a running kiosk keeps are never written. */
    verdict later = {.name = "later.kbundle", .kind = VERDICT_LATER};
    assert_non_null(verdicts_put(&back, &later));
    verdicts_drop_kind(&back, VERDICT_REFUSED);
    assert_int_equal(back.n, 1);
    assert_true(verdicts_save(sd, &back, err, sizeof err));
    assert_true(verdicts_load(sd, &back, err, sizeof err));
    assert_int_equal(back.n, 0);
    /* A damaged line is skipped, the others kept, the first problem said. */
    snprintf(p, sizeof p, "%s/%s", sd, VERDICTS_FILE);
    assert_true(
        scratch_write_text(p, "kiosk-inbox 1\nrefused 1 2 3 - a.kbundle why\ninstalled x 2 3 - b.kbundle\n"
                              "shown 1 2 3 1.0.0 c.kbundle\nrefused 1 2 3 - ../d.kbundle\n"));
    assert_false(verdicts_load(sd, &back, err, sizeof err));
    assert_non_null(strstr(err, "inbox-verdicts: line 3: not a verdict"));
    assert_int_equal(back.n, 2);
    assert_string_equal(back.v[0].reason, "why");
    assert_string_equal(back.v[1].version, "1.0.0");
    assert_true(scratch_write_text(p, "kiosk-slots 1\n"));
    assert_false(verdicts_load(sd, &back, err, sizeof err));
    assert_non_null(strstr(err, "line 1: expected 'kiosk-inbox 1'"));
    /* No more than VERDICTS_MAX. */
    verdicts_free(&back);
    for (int i = 0; i < VERDICTS_MAX; i++) {
        verdict v = {.kind = VERDICT_REFUSED};
        snprintf(v.name, sizeof v.name, "p%05d.kbundle", i);
        assert_non_null(verdicts_put(&back, &v));
    }
    verdict one_more = {.name = "z.kbundle"};
    assert_null(verdicts_put(&back, &one_more));
    assert_non_null(verdicts_put(&back, &back.v[7])); /* replacing is not adding */
    verdicts_free(&back);
    verdicts_free(&l);
    close(dfd);
}

static void test_last_result(void **state)
{
    (void)state;
    char sd[1024], p[1100], err[512], text[LASTRESULT_MAX];
    snprintf(sd, sizeof sd, "%s/lastresult", g_dir);
    mkdir(sd, 0755);
    long long when;
    assert_true(lastresult_read(sd, &when, text, sizeof text, err, sizeof err));
    assert_int_equal(when, 0);
    assert_string_equal(text, "");
    assert_true(lastresult_write(sd, "x.kbundle refused:\nsecond line", err, sizeof err));
    assert_true(lastresult_read(sd, &when, text, sizeof text, err, sizeof err));
    assert_true(when > 0);
    assert_string_equal(text, "x.kbundle refused: second line");
    snprintf(p, sizeof p, "%s/%s", sd, LASTRESULT_FILE);
    assert_true(scratch_write_text(p, "yesterday it worked\n"));
    assert_false(lastresult_read(sd, &when, text, sizeof text, err, sizeof err));
    assert_non_null(strstr(err, "last-update: not one line 'SECONDS TEXT'"));
}

/* ---- the installer ------------------------------------------------------ */

static int validations;
static bool count_validate(void *ctx, const char *dir, const pkg_manifest *m, char *err, size_t errlen)
{
    (void)ctx;
    (void)m;
    validations++;
    char p[1024];
    snprintf(p, sizeof p, "%s/img/a.txt", dir);
    if (!file_is_regular(p)) {
        snprintf(err, errlen, "img/a.txt missing");
        return false;
    }
    return true;
}

static void test_install_steps(void **state)
{
    (void)state;
    char sd[1024], p1[1024], p2[1024], p0[1024], err[1024];
    snprintf(sd, sizeof sd, "%s/inst-state", g_dir);
    mkdir(sd, 0755);
    snprintf(p0, sizeof p0, "%s/v0.kbundle", g_dir);
    snprintf(p1, sizeof p1, "%s/v1.kbundle", g_dir);
    snprintf(p2, sizeof p2, "%s/v2.kbundle", g_dir);
    pack("0.9.0", &g_key, p0);
    pack("1.0.0", &g_key, p1);
    pack("1.1.0", &g_key, p2);
    install_opts o = {.state_dir = sd, .keys = g_trusted, .nkeys = 1, .shown_version = "0.9.5",
                      .validate = count_validate};
    static install_result r;
    if (!install_package(p1, &o, &r, err, sizeof err))
        fail_msg("%s", err);
    assert_string_equal(r.slot, "a");
    slots_state s;
    assert_true(slots_read(sd, &s, err, sizeof err));
    assert_string_equal(s.current.name, "a");
    assert_true(s.trial);
    /* On trial: no second install. */
    assert_false(install_package(p2, &o, &r, err, sizeof err));
    assert_non_null(strstr(err, "still on trial"));
    assert_true(slots_confirm(sd, &s, err, sizeof err));
    /* Older than shown: refused (a replayed package), unless allowed. */
    o.shown_version = "1.0.0";
    assert_false(install_package(p0, &o, &r, err, sizeof err));
    assert_non_null(strstr(err, "version 0.9.0 is not newer than version 1.0.0 shown now"));
    assert_false(install_package(p1, &o, &r, err, sizeof err));
    assert_true(r.already);
    int before = validations;
    assert_true(install_package(p2, &o, &r, err, sizeof err));
    assert_int_equal(validations, before + 1);
    assert_string_equal(r.slot, "b");
    assert_true(slots_read(sd, &s, err, sizeof err));
    assert_string_equal(s.previous.name, "a");
    assert_string_equal(s.previous.version, "1.0.0");
    assert_true(slots_confirm(sd, &s, err, sizeof err));
    /* The next install writes a, the previous slot: the state first stops
     * naming it, so a failed install leaves current b and previous factory. */
    o.shown_version = "1.1.0";
    o.allow_downgrade = true;
    char bad[1024];
    snprintf(bad, sizeof bad, "%s/bad.kbundle", g_dir);
    char src[600], victim[700];
    snprintf(src, sizeof src, "%s/src-bad", g_dir);
    make_bundle(src, "2.0.0");
    snprintf(victim, sizeof victim, "%s/img/a.txt", src);
    unlink(victim);
    static pkg_manifest m;
    assert_true(pkg_scan_dir(src, "t", "2.0.0", &m, err, sizeof err));
    assert_true(pkg_write(src, &m, &g_key, bad, err, sizeof err));
    assert_false(install_package(bad, &o, &r, err, sizeof err));
    assert_non_null(strstr(err, "does not pass the checks: img/a.txt missing"));
    assert_true(slots_read(sd, &s, err, sizeof err));
    assert_string_equal(s.current.name, "b");
    assert_false(s.trial);
    assert_string_equal(s.previous.name, SLOTS_FACTORY);
    /* A downgrade when allowed. */
    assert_true(install_package(p1, &o, &r, err, sizeof err));
    assert_string_equal(r.slot, "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_manifest_round_trip),
        cmocka_unit_test(test_manifest_errors),
        cmocka_unit_test(test_key_files),
        cmocka_unit_test(test_round_trip_and_deterministic),
        cmocka_unit_test(test_untrusted_and_unsigned),
        cmocka_unit_test(test_every_flipped_byte_in_every_entry),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_hostile_entries),
        cmocka_unit_test(test_slots_trial_and_rollback),
        cmocka_unit_test(test_slots_rolled_back_versions),
        cmocka_unit_test(test_slots_between_processes),
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_last_result),
        cmocka_unit_test(test_install_steps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
