# One test point at a time: sort (distance, index) pairs, count votes in a dict, pick the
# highest count and then the smallest label.
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    if len(X_train) != len(y_train) or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("shapes")
    if k < 1 or k > len(X_train):
        raise ValueError("k")
    out = []
    for x in X_test:
        dists = [(float(np.sum((x - t) ** 2)), i) for i, t in enumerate(X_train)]
        dists.sort()  # ties in distance fall back to the index
        votes = {}
        for _, i in dists[:k]:
            label = int(y_train[i])
            votes[label] = votes.get(label, 0) + 1
        out.append(min(votes, key=lambda label: (-votes[label], label)))
    return np.array(out, dtype=int)
