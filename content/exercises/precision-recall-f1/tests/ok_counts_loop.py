# Counts gathered in one Python loop; F1 from the counts directly (2TP / (2TP + FP + FN)).
def precision_recall_f1(y_true, y_pred):
    if len(y_true) != len(y_pred) or len(y_true) == 0:
        raise ValueError("bad lengths")
    tp = fp = fn = 0
    for t, p in zip(y_true, y_pred, strict=True):
        if t not in (0, 1) or p not in (0, 1):
            raise ValueError("labels must be 0 or 1")
        tp += t == 1 and p == 1
        fp += t == 0 and p == 1
        fn += t == 1 and p == 0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1
