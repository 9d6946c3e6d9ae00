/* pkgarchive: writing and reading bundle package files (update/package.h
 * gives the layout) with libarchive.
 *
 * Why libarchive and tar: a package is then an ordinary POSIX tar file that
 * an operator can list with `tar tvf` and that any tool can make; libarchive
 * is Debian's maintained reader, and we enable only its tar format and no
 * compression filter, so nothing else of it is reachable from a package.
 *
 * Reading trusts nothing before the signature: the first entry must be the
 * manifest (bounded size), the second the signature; the signature is
 * checked against the trusted keys before the manifest is even parsed. The
 * files must then follow in the manifest's order, each a plain regular file
 * (no links, devices, directories) of exactly its declared size, hashed
 * while it streams to the caller's sink; nothing may follow them. Any
 * deviation stops the read with "PACKAGE: reason". Errors to a caller's
 * buffer; no global state. */
#ifndef UPDATE_PKGARCHIVE_H
#define UPDATE_PKGARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "update/package.h"
#include "update/pkgkey.h"

/* ---- writing ------------------------------------------------------------ */

/* Lists the regular files under `dir` (names starting with '.' are not
 * bundle files and are skipped), checks their paths and the limits, and
 * hashes them into m (files in byte order of their paths); id and version
 * are the caller's (from the bundle's manifest.yaml). A symbolic link or
 * special file is an error. */
bool pkg_scan_dir(const char *dir, const char *id, const char *version, pkg_manifest *m, char *err,
                  size_t errlen);

/* Writes the package of the bundle in `dir`, described by m (pkg_scan_dir),
 * to `out` atomically, signed by key (NULL: unsigned). Deterministic: the
 * same files and key give the same bytes (times are SOURCE_DATE_EPOCH or
 * 0, owners 0). A file that changed since the scan is an error. */
bool pkg_write(const char *dir, const pkg_manifest *m, const pkgkey_secret *key, const char *out, char *err,
               size_t errlen);

/* ---- reading ------------------------------------------------------------ */

/* Where the files of a package go while it is read. open() is called for
 * each file (path checked by bundle_path_ok, size as declared), then write()
 * with its bytes in order, then close(ok): ok false when the file is being
 * abandoned. Any of them returning false stops the read with the sink's
 * message. A NULL sink only verifies. */
typedef struct {
    void *ctx;
    bool (*open)(void *ctx, const char *path, uint64_t size, char *err, size_t errlen);
    bool (*write)(void *ctx, const void *buf, size_t n, char *err, size_t errlen);
    bool (*close)(void *ctx, bool ok, char *err, size_t errlen);
} pkg_sink;

typedef enum {
    PKG_VERIFY,           /* a signature by one of `keys` is required */
    PKG_VERIFY_OR_UNSIGNED, /* as PKG_VERIFY, but a package without signature passes */
    PKG_INSPECT,          /* signatures are read, not verified (inspect) */
} pkg_trust;

typedef struct {
    pkg_trust trust;
    const pkgkey_public *keys;
    int nkeys;
    const pkg_sink *sink;
} pkg_read_opts;

typedef struct {
    pkg_manifest m;
    bool is_signed;
    char key_id[PKGKEY_ID_CHARS + 1]; /* the signer's, when signed */
    uint64_t package_bytes;          /* size of the package file */
} pkg_info;

/* Reads the package file `path` (a regular file; never a blocking open) per
 * opts. True when every check passed and every file went to the sink. On
 * failure false with "PATH: reason" in err; *info holds what was read. */
bool pkg_read(const char *path, const pkg_read_opts *opts, pkg_info *info, char *err, size_t errlen);

#endif
