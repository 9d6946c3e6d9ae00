#include "support/texttest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/utf8.h"

const char *texttest_fonts_dir(void)
{
    const char *d = getenv("KIOSK_FONTS_DIR");
    return d && *d ? d : "fonts";
}

text_engine *texttest_open(void)
{
    char err[512] = "";
    text_engine *te = text_open(texttest_fonts_dir(), err, sizeof err);
    if (!te)
        fail_msg("text_open: %s", err);
    return te;
}

uint32_t texttest_first_cp(const char *s, size_t n)
{
    uint32_t cp = 0;
    return utf8_decode(s, n, &cp) ? cp : 0;
}

uint32_t texttest_last_cp(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp = 0;
    return utf8_decode(s + i, n - i, &cp) ? cp : 0;
}
