# Row by row with plain Python floats.
import math


def bias_variance(samples, true_var, ddof):
    if getattr(samples, "ndim", 0) != 2 or len(samples) == 0:
        raise ValueError("samples must be (R, n)")
    if ddof < 0 or samples.shape[1] <= ddof:
        raise ValueError("bad ddof")
    estimates = []
    for row in samples:
        values = [float(v) for v in row]
        mean = math.fsum(values) / len(values)
        estimates.append(math.fsum((v - mean) ** 2 for v in values) / (len(values) - ddof))
    r = len(estimates)
    average = math.fsum(estimates) / r
    variance = math.fsum((e - average) ** 2 for e in estimates) / r
    mse = math.fsum((e - true_var) ** 2 for e in estimates) / r
    return average - true_var, variance, mse
