# Correct arithmetic but no length check: zip() stops at the shorter vector, so vectors of
# different lengths return a number instead of raising ValueError.
def dot_product(a, b):
    return sum(float(x) * float(y) for x, y in zip(a, b, strict=False))
