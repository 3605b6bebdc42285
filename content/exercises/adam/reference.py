import numpy as np


def adam_step(params, grads, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    params = np.asarray(params, dtype=float)
    grads = np.asarray(grads, dtype=float)
    m = beta1 * np.asarray(m, dtype=float) + (1 - beta1) * grads
    v = beta2 * np.asarray(v, dtype=float) + (1 - beta2) * grads**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    new_params = params - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_params, m, v
