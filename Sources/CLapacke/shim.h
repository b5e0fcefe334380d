#ifndef DRIFT_CLAPACKE_SHIM_H
#define DRIFT_CLAPACKE_SHIM_H

// Debian's liblapacke-dev installs lapacke.h in /usr/include and the CBLAS
// header of its reference BLAS in the multiarch folder.
#include <lapacke.h>
#include <cblas.h>

// lapack_int is a macro, which Swift cannot import; a typedef makes it a type.
// On Debian it is a 32-bit int.
typedef lapack_int drift_lapack_int;

#endif
