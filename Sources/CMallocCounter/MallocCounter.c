// A malloc counter for drift-bench, in the spirit of swift-nio's
// IntegrationTests/tests_04_performance (style.md section 5).
//
// The executable defines malloc and friends; the dynamic linker binds every
// shared library's calls (libswiftCore, Foundation, libdispatch, libc itself)
// to the executable's definitions first, so this counts all of them. Each one
// counts and forwards to glibc's internal entry points (__libc_malloc, ...),
// which glibc exports for exactly this purpose. Linked only into drift-bench.
//
// The counters are a relaxed atomic (all threads) and a thread-local (initial-exec
// TLS of the executable, which needs no allocation). Neither calls into anything
// that might allocate, so there is no recursion.
#define _GNU_SOURCE
#include "CMallocCounter.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <malloc.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static uint64_t total_allocations;
static uint64_t total_frees;
static __thread uint64_t thread_allocations __attribute__((tls_model("initial-exec")));
static volatile int seen_malloc;

static inline void count_allocation(void) {
    __atomic_fetch_add(&total_allocations, 1, __ATOMIC_RELAXED);
    thread_allocations += 1;
}

void *malloc(size_t size) {
    seen_malloc = 1;
    count_allocation();
    return __libc_malloc(size);
}

void free(void *pointer) {
    if (pointer) __atomic_fetch_add(&total_frees, 1, __ATOMIC_RELAXED);
    __libc_free(pointer);
}

void *calloc(size_t count, size_t size) {
    count_allocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_allocation();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

void *valloc(size_t size) {
    count_allocation();
    return __libc_memalign((size_t)sysconf(_SC_PAGESIZE), size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_allocation();
    void *pointer = __libc_memalign(alignment, size);
    if (!pointer && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

uint64_t drift_malloc_count_total(void) { return __atomic_load_n(&total_allocations, __ATOMIC_RELAXED); }
uint64_t drift_malloc_count_thread(void) { return thread_allocations; }
uint64_t drift_free_count_total(void) { return __atomic_load_n(&total_frees, __ATOMIC_RELAXED); }

int drift_malloc_counter_active(void) {
    // Ask for memory through the public name and see whether this file saw it.
    uint64_t before = thread_allocations;
    void *volatile probe = malloc(24);
    free(probe);
    return thread_allocations > before && seen_malloc;
}

uint64_t drift_heap_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return (uint64_t)info.uordblks + (uint64_t)info.hblkhd;
}

void drift_heap_trim(void) { malloc_trim(0); }
