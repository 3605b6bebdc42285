# Wrong formula: sum(a) * sum(b) instead of sum(a_i * b_i). The hidden cases of every seed
# must catch it (the known-mistake hint names it).
def dot_product(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return float(sum(a)) * float(sum(b))
