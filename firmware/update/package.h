/* package: the signed bundle package's table of contents (its "manifest"),
 * the text a signature covers.
 *
 * A bundle package (build/kiosk-bundle pack) is one tar file:
 *     BUNDLE-MANIFEST    this text (PKG_MANIFEST_NAME)
 *     BUNDLE-SIGNATURE   an ed25519 signature over it (update/pkgkey.h);
 *                        absent in an unsigned package
 *     manifest.yaml, timeline.yaml, ...   the bundle's files, in the
 *                        manifest's order
 * The manifest is UTF-8 text, one record per line, fields separated by one
 * space, every line ending in '\n', nothing else:
 *     kiosk-bundle-package 1
 *     id us-china-cyber-dialogues
 *     version 1.2.0
 *     files 6
 *     file 3f5c...(64 hex digits, SHA-256) 10240 articles.yaml
 *     ...
 * Since the signature covers the hash and size of every file, a verified
 * manifest proves every byte of the bundle. Limits (PKG_MAX_*) bound what a
 * package may declare before anything is unpacked, and bundle paths are
 * restricted (content/bundlename.h) so that no name can leave the directory it is
 * unpacked into. libc only; no allocation except pkg_manifest_format. */
#ifndef UPDATE_PACKAGE_H
#define UPDATE_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content/bundlename.h"

#define PKG_FORMAT_LINE "kiosk-bundle-package 1"
#define PKG_MANIFEST_NAME BUNDLE_RESERVED_MANIFEST
#define PKG_SIGNATURE_NAME BUNDLE_RESERVED_SIGNATURE
#define PKG_SUFFIX ".kbundle"

#define PKG_MAX_FILES 256
#define PKG_MAX_FILE_BYTES (16u * 1024 * 1024)  /* one file */
#define PKG_MAX_TOTAL_BYTES (64u * 1024 * 1024) /* all files together */
#define PKG_MAX_MANIFEST_BYTES (64 * 1024)
#define PKG_MAX_ID 64

typedef struct {
    char path[BUNDLE_MAX_PATH + 1];
    uint64_t size;
    unsigned char sha256[32];
} pkg_file;

typedef struct {
    char id[PKG_MAX_ID + 1];
    char version[BUNDLE_MAX_VERSION + 1]; /* dotted numbers, bundle_version_cmp */
    int nfiles;
    pkg_file files[PKG_MAX_FILES];
} pkg_manifest;

/* The manifest text of m (files in m's order) in a new NUL-terminated
 * buffer the caller frees, *len its length; NULL when out of memory. */
char *pkg_manifest_format(const pkg_manifest *m, size_t *len);

/* Parses and checks a manifest text of `len` bytes: the exact format above,
 * every limit, every path (bundle_path_ok), no path twice, a file count equal
 * to the number of file lines. On failure false with "line N: reason" in
 * err. */
bool pkg_manifest_parse(const char *text, size_t len, pkg_manifest *m, char *err, size_t errlen);

/* The file named `path` in m, or NULL. */
const pkg_file *pkg_manifest_find(const pkg_manifest *m, const char *path);

/* The sum of the files' sizes. */
uint64_t pkg_manifest_total(const pkg_manifest *m);

#endif
