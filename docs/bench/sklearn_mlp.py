#!/usr/bin/python3
"""Peer for nmc's training throughput: scikit-learn's MLPClassifier on Fashion-MNIST with the architecture and
settings of samples/fashion_mlp.snn (784-128-10, ReLU, softmax/cross-entropy, Adam lr 1e-3, batches of 64), one
epoch at a time. Prints one JSON line: images per second of each epoch and the test accuracy after each."""
import argparse, gzip, json, os, sys, time, warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def idx(path):
    with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find(d, base):
    for n in (base, base + ".gz"):
        if os.path.exists(os.path.join(d, n)):
            return os.path.join(d, n)
    sys.exit(f"sklearn_mlp: {base} not found in {d}; install it with: sudo apt-get install dataset-fashion-mnist")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=2)
    a = ap.parse_args()
    x = idx(find(a.dir, "train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
    y = idx(find(a.dir, "train-labels-idx1-ubyte"))
    xt = idx(find(a.dir, "t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
    yt = idx(find(a.dir, "t10k-labels-idx1-ubyte"))
    clf = MLPClassifier(hidden_layer_sizes=(128,), activation="relu", solver="adam", alpha=0.0, batch_size=64,
                        learning_rate_init=1e-3, max_iter=1, shuffle=True, random_state=1, warm_start=True)
    epochs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for e in range(a.epochs):
            t0 = time.perf_counter()
            clf.fit(x, y)
            s = time.perf_counter() - t0
            epochs.append({"epoch": e + 1, "seconds": s, "images_per_second": len(x) / s, "test_accuracy": float(clf.score(xt, yt))})
    print(json.dumps({"peer": "scikit-learn " + sklearn.__version__ + " MLPClassifier", "numpy": np.__version__, "epochs": epochs}))


if __name__ == "__main__":
    main()
