# A correct solution written the way students often do: a Python loop, summing left to right
# (np.sum in the reference adds pairwise, so the two round differently: the tolerance must
# accept both on every seed).
def dot_product(a, b):
    if len(a) != len(b):
        raise ValueError(f"lengths differ: {len(a)} and {len(b)}")
    total = 0.0
    for x, y in zip(a, b, strict=False):
        total += float(x) * float(y)
    return total
