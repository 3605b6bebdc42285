# Vote ties broken by first appearance among the neighbours (what Counter.most_common does)
# instead of by the smallest label.
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    Xtr, Xte = np.asarray(X_train, float), np.asarray(X_test, float)
    y = np.asarray(y_train)
    if len(Xtr) != len(y) or Xtr.shape[1] != Xte.shape[1] or not 1 <= k <= len(y):
        raise ValueError("bad input")
    d2 = ((Xte[:, None, :] - Xtr[None, :, :]) ** 2).sum(axis=2)
    out = []
    for row in np.argsort(d2, axis=1, kind="stable")[:, :k]:
        counts = {}
        for label in y[row].tolist():
            counts[label] = counts.get(label, 0) + 1
        out.append(max(counts, key=counts.get))
    return np.array(out)
