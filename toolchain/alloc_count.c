/* alloc_count: linked into build/tools/kiosk-counted, the kiosk `make bench`
 * runs, to count heap allocations per frame (core/frameprof.h).
 *
 * The program's own malloc, calloc, realloc and memalign come first in
 * symbol lookup, so every call in the process (ours, SDL's, FreeType's,
 * HarfBuzz's, glibc's own) lands here; each counts and hands over to
 * glibc's allocator through its exported __libc_ entry points. free and the
 * rest stay glibc's: the blocks are glibc's either way. Atomic: SDL and
 * Mesa allocate on their own threads. Not for the shipped program. */
#include <stddef.h>

#include "core/frameprof.h"

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);

static unsigned long allocs;

static void counted(void) { __atomic_fetch_add(&allocs, 1, __ATOMIC_RELAXED); }

void *malloc(size_t n)
{
    counted();
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    counted();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    counted();
    return __libc_realloc(p, n);
}

void *memalign(size_t align, size_t n)
{
    counted();
    return __libc_memalign(align, n);
}

static unsigned long alloc_count(void) { return __atomic_load_n(&allocs, __ATOMIC_RELAXED); }

__attribute__((constructor)) static void alloc_count_install(void) { frameprof_set_alloc_counter(alloc_count); }
