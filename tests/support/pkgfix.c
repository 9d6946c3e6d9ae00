/* pkgfix: hand-made bundle packages for tests (support/pkgfix.h). */
#include "support/pkgfix.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

void pkgfix_write_tar(const char *path, const pkgfix_entry *e, int n)
{
    struct archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
    for (int i = 0; i < n; i++) {
        struct archive_entry *ae = archive_entry_new();
        archive_entry_set_pathname(ae, e[i].name);
        archive_entry_set_filetype(ae, (unsigned)e[i].type);
        archive_entry_set_perm(ae, 0644);
        if (e[i].type == AE_IFLNK)
            archive_entry_set_symlink(ae, "/etc/passwd");
        archive_entry_set_size(ae, e[i].type == AE_IFREG ? (la_int64_t)e[i].len : 0);
        assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
        if (e[i].type == AE_IFREG)
            assert_int_equal(archive_write_data(a, e[i].data, e[i].len), (la_ssize_t)e[i].len);
        archive_entry_free(ae);
    }
    assert_int_equal(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
}

void pkgfix_signed_manifest(const pkgkey_secret *key, const char *version, const char *name, const char *data,
                            char *text, size_t cap, char *sig)
{
    assert_true(sodium_init() >= 0);
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)data, strlen(data));
    char hex[65];
    for (int k = 0; k < 32; k++)
        snprintf(hex + 2 * k, 3, "%02x", h[k]);
    snprintf(text, cap, "kiosk-bundle-package 1\nid t\nversion %s\nfiles 1\nfile %s %zu %s\n", version, hex,
             strlen(data), name);
    size_t slen;
    assert_true(pkgkey_sign(key, text, strlen(text), sig, &slen));
}
