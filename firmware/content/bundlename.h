/* bundlename: what may name a file of a bundle, and what a bundle version
 * is. The loaders check narration paths and the manifest's version with
 * these rules, and the package format (update/package.h) holds every file
 * it carries and every version it declares to the same ones, so a bundle
 * that loads can be packed and a package that verifies can be loaded.
 * libc only; no allocation. */
#ifndef CONTENT_BUNDLENAME_H
#define CONTENT_BUNDLENAME_H

#include <stdbool.h>
#include <stddef.h>

#define BUNDLE_MAX_PATH 200  /* bytes of one bundle path */
#define BUNDLE_MAX_DEPTH 4   /* directories in a path */
#define BUNDLE_MAX_VERSION 32

/* The names a package (update/package.h) gives its own table of contents
 * and signature: never a bundle file's. */
#define BUNDLE_RESERVED_MANIFEST "BUNDLE-MANIFEST"
#define BUNDLE_RESERVED_SIGNATURE "BUNDLE-SIGNATURE"

/* True for the characters of a path component (and of a package id):
 * A-Z a-z 0-9 . _ - */
bool bundle_name_char_ok(char c);

/* True when `path` may name a file of a bundle: relative, at most
 * BUNDLE_MAX_PATH bytes and BUNDLE_MAX_DEPTH directories, components of
 * [A-Za-z0-9._-] that neither start with '.' nor are empty (so no "..",
 * no hidden files, no "//"), and not one of the reserved names.
 * Otherwise false with the reason in err. */
bool bundle_path_ok(const char *path, char *err, size_t errlen);

/* True when `v` is a version: 1 to 4 numbers of 1 to 9 digits joined by
 * '.', e.g. "1.0.0". */
bool bundle_version_ok(const char *v);

/* Orders two valid versions numerically, part by part, a missing part
 * counting as 0 ("1.2" == "1.2.0" < "1.10"): <0, 0 or >0. */
int bundle_version_cmp(const char *a, const char *b);

#endif
