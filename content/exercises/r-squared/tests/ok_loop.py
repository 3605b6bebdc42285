# Plain Python: the mean, then both sums accumulated in one loop.
def r_squared(y_true, y_pred):
    n = len(y_true)
    if n != len(y_pred) or n < 2:
        raise ValueError("bad lengths")
    mean = sum(float(v) for v in y_true) / n
    ss_res = ss_tot = 0.0
    for y, f in zip(y_true, y_pred, strict=True):
        ss_res += (float(y) - float(f)) ** 2
        ss_tot += (float(y) - mean) ** 2
    if ss_tot == 0.0:
        raise ValueError("constant y_true")
    return 1.0 - ss_res / ss_tot
