import CLapacke
func _probe() -> Int32 { var a: [Double] = [2]; var b: [Double] = [4]; var ipiv: [drift_lapack_int] = [0]
  return LAPACKE_dgesv(LAPACK_COL_MAJOR, 1, 1, &a, 1, &ipiv, &b, 1) }
