#ifndef DRIFT_C_MALLOC_COUNTER_H
#define DRIFT_C_MALLOC_COUNTER_H

#include <stdint.h>

/// Allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign,
/// valloc) made by every thread of the process since it started.
uint64_t drift_malloc_count_total(void);

/// Allocations made by the calling thread since it started.
uint64_t drift_malloc_count_thread(void);

/// Frees (of non-null pointers) by every thread since the process started.
uint64_t drift_free_count_total(void);

/// 1 when this file's `malloc` is the one the process calls (the executable's
/// definitions interpose on glibc's); 0 when the counter cannot see allocations.
int drift_malloc_counter_active(void);

/// Bytes of heap in use right now, over every arena and mmapped chunk (glibc
/// `mallinfo2`: uordblks + hblkhd).
uint64_t drift_heap_bytes_in_use(void);

/// Returns free heap memory to the system (glibc `malloc_trim(0)`), so that a
/// following RSS reading starts from what is live.
void drift_heap_trim(void);

#endif
