# Gaussian elimination with partial pivoting written with plain Python loops over lists.
def determinant(A):
    rows = [[float(v) for v in row] for row in A]
    n = len(rows)
    if any(len(row) != n for row in rows) or getattr(A, "ndim", 2) != 2:
        raise ValueError("A must be square")
    det = 1.0
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(rows[i][k]))
        if rows[p][k] == 0.0:
            return 0.0
        if p != k:
            rows[k], rows[p] = rows[p], rows[k]
            det = -det
        pivot = rows[k][k]
        det *= pivot
        for i in range(k + 1, n):
            f = rows[i][k] / pivot
            for j in range(k, n):
                rows[i][j] -= f * rows[k][j]
    return det
