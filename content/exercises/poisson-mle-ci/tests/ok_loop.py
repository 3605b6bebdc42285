# Row by row with math.sqrt, counting covering intervals.
import math


def poisson_ci_coverage(counts, lam, z=1.96):
    if getattr(counts, "ndim", 0) != 2 or counts.shape[0] == 0 or counts.shape[1] == 0:
        raise ValueError("counts must be (R, n)")
    if lam <= 0 or z <= 0:
        raise ValueError("lam and z must be positive")
    n = counts.shape[1]
    hits = 0
    widths = []
    for row in counts:
        values = [int(v) for v in row]
        if min(values) < 0:
            raise ValueError("negative count")
        lam_hat = sum(values) / n
        half = z * math.sqrt(lam_hat / n)
        if lam_hat - half <= lam <= lam_hat + half:
            hits += 1
        widths.append(2 * half)
    return hits / len(counts), math.fsum(widths) / len(widths)
