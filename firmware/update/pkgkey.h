/* pkgkey: ed25519 keys and signatures of bundle packages (libsodium).
 *
 * Why libsodium: Debian's well-kept, audited implementation of ed25519
 * with a small, hard-to-misuse API; nothing here is cryptography of our own.
 *
 * Key files are one line of text, so an operator can read, copy and compare
 * them:
 *     kiosk-ed25519-public KEYID PUBLIC(64 hex digits)
 *     kiosk-ed25519-secret KEYID SECRET(128 hex digits)
 * The key id is the first 8 bytes of the SHA-256 of the public key, in hex:
 * what `inspect`, the log and the operator menu show of a signer. The
 * signature entry of a package (PKG_SIGNATURE_NAME) is one line too:
 *     kiosk-ed25519-signature KEYID SIGNATURE(128 hex digits)
 * over the exact bytes of the package's manifest (update/package.h).
 * A kiosk trusts the public keys in one directory (every regular *.pub file
 * in it). Errors go to a caller's buffer. */
#ifndef UPDATE_PKGKEY_H
#define UPDATE_PKGKEY_H

#include <stdbool.h>
#include <stddef.h>

#define PKGKEY_ID_CHARS 16
#define PKGKEY_MAX_TRUSTED 32
#define PKGKEY_SIG_TEXT_MAX 200 /* bytes of a signature line, '\n' included */

typedef struct {
    unsigned char pk[32];
    char id[PKGKEY_ID_CHARS + 1];
} pkgkey_public;

typedef struct {
    unsigned char sk[64];
    pkgkey_public pub;
} pkgkey_secret;

/* A new key pair (false when libsodium cannot start). */
bool pkgkey_generate(pkgkey_secret *k);

/* Writes a key file, created new (an existing file is never replaced:
 * "File exists"); the secret one with mode 0600, fsync'ed. */
bool pkgkey_write_public(const char *path, const pkgkey_public *k, char *err, size_t errlen);
bool pkgkey_write_secret(const char *path, const pkgkey_secret *k, char *err, size_t errlen);

/* Reads a key file (a regular file; the id in it must be the key's). */
bool pkgkey_read_public(const char *path, pkgkey_public *k, char *err, size_t errlen);
bool pkgkey_read_secret(const char *path, pkgkey_secret *k, char *err, size_t errlen);

/* The trusted keys: every regular file named *.pub in dir, in name order,
 * at most `max`. A file that does not read as a key is an error (a typo in
 * a key must not go unnoticed): false with "FILE: reason". */
bool pkgkey_load_dir(const char *dir, pkgkey_public *keys, int max, int *n, char *err, size_t errlen);

/* The signature line of msg by k, NUL-terminated, in out
 * (PKGKEY_SIG_TEXT_MAX bytes); its length without the NUL in *len. */
bool pkgkey_sign(const pkgkey_secret *k, const void *msg, size_t mlen, char *out, size_t *len);

/* The key id a signature line names (without verifying anything): false
 * when it is not a signature line. */
bool pkgkey_signature_id(const char *sig, size_t slen, char id[PKGKEY_ID_CHARS + 1]);

/* True when sig is a signature over msg by one of the n keys (*which its
 * index). Otherwise false with the reason: "not a signature line", "signed
 * by key ID, which is not trusted", "signature by key ID does not match the
 * manifest". */
bool pkgkey_verify(const char *sig, size_t slen, const void *msg, size_t mlen, const pkgkey_public *keys, int n,
                   int *which, char *err, size_t errlen);

#endif
