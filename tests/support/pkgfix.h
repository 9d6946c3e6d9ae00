/* pkgfix: bundle packages no packer would make, for the tests that check
 * what the reader and the kiosk do with them: a tar written entry by entry
 * (links, devices, directories, any name) and a manifest for one file,
 * signed with a given key. */
#ifndef TESTS_SUPPORT_PKGFIX_H
#define TESTS_SUPPORT_PKGFIX_H

#include <stddef.h>

#include "update/pkgkey.h"

typedef struct {
    const char *name;
    int type; /* AE_IFREG, AE_IFLNK (to /etc/passwd), AE_IFDIR, AE_IFCHR */
    const char *data;
    size_t len;
} pkgfix_entry;

/* Writes the entries as a pax tar to path (fails the test on error). */
void pkgfix_write_tar(const char *path, const pkgfix_entry *e, int n);

/* The manifest text (cap bytes) of a package of one file `name` holding
 * `data`, version `version`, and its signature line by key in sig
 * (PKGKEY_SIG_TEXT_MAX bytes). */
void pkgfix_signed_manifest(const pkgkey_secret *key, const char *version, const char *name, const char *data,
                            char *text, size_t cap, char *sig);

#endif
