/* bundle_tool: build/kiosk-bundle, the operator's tool for bundle packages:
 *   keygen NAME            an ed25519 key pair (update/pkgkey.h)
 *   pack DIR -o FILE       the bundle validated with the very checks of
 *                          `kiosk --check` (app/resources.h), then written as
 *                          one signed package (update/pkgarchive.h)
 *   verify FILE            signature and every hash against a public key
 *   inspect FILE           what a package holds, without trusting it
 * It runs on the curator's machine, not on the kiosk (the secret key never
 * goes there). */
#ifndef APP_BUNDLE_TOOL_H
#define APP_BUNDLE_TOOL_H

/* The whole program; returns its exit status (0 ok, 1 failed, 2 usage). */
int bundle_tool_main(int argc, char **argv);

#endif
