# Plain Python counting with dicts; all candidates collected, then the first within 1e-12 of
# the maximum.
import itertools
import math


def _impurity(labels, criterion):
    counts = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    n = len(labels)
    if criterion == "entropy":
        return -sum(c / n * math.log2(c / n) for c in counts.values())
    return 1.0 - sum((c / n) ** 2 for c in counts.values())


def best_split(X, y, criterion="entropy"):
    if criterion not in ("entropy", "gini"):
        raise ValueError("criterion")
    rows = [[float(v) for v in row] for row in X]
    labels = [int(v) for v in y]
    if len(rows) != len(labels):
        raise ValueError("lengths")
    n = len(labels)
    parent = _impurity(labels, criterion)
    found = []
    for j in range(len(rows[0]) if rows else 0):
        values = sorted({row[j] for row in rows})
        for a, b in itertools.pairwise(values):
            t = (a + b) / 2
            left = [lab for row, lab in zip(rows, labels, strict=True) if row[j] <= t]
            right = [lab for row, lab in zip(rows, labels, strict=True) if row[j] > t]
            gain = parent - len(left) / n * _impurity(left, criterion) - len(right) / n * _impurity(
                right, criterion)
            found.append((j, t, gain))
    if not found:
        raise ValueError("no split")
    top = max(g for _, _, g in found)
    return next(f for f in found if f[2] >= top - 1e-12)
