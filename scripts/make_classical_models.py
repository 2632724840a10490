#!/usr/bin/python3
"""Builds the classical-ML (ai.onnx.ml) reference models and scikit-learn's expected outputs in
tests/data/ml.

Needs Debian's python3-sklearn and python3-onnx (no skl2onnx: the estimators are converted here,
from their fitted attributes, with onnx.helper, following the ai.onnx.ml operator spec and the
conventions skl2onnx uses). Not run by CI: the generated files are committed. Everything is
seeded, so a rerun on the same package versions reproduces the same files.

  /usr/bin/python3 scripts/make_classical_models.py [output_dir]   # default tests/data/ml
  /usr/bin/python3 scripts/make_classical_models.py --bench DIR    # bench/ml/run_trees.sh

Every model has one input, features FLOAT [batch, F] (iris_preprocess.onnx also has category
INT64 [batch, 1]), opset imports "" 13 and ai.onnx.ml 1 (iris_boosting: ai.onnx.ml 3).
Classifiers output label INT64 [batch] and probabilities FLOAT [batch, C]; regressors
prediction FLOAT [batch, 1].

  iris_forest.onnx            RandomForestClassifier, 5 trees: TreeEnsembleClassifier (NONE),
                              probabilities through ZipMap (INT64 labels 0, 1, 2)
  iris_boosting.onnx          GradientBoostingClassifier, 3 classes: TreeEnsembleClassifier
                              (SOFTMAX, base_values = the prior's log-probabilities)
  cancer_boosting.onnx        GradientBoostingClassifier, binary, STRING labels
                              ("benign", "malignant"): TreeEnsembleClassifier (LOGISTIC, every
                              vote for class 0: the binary case), probabilities through ZipMap
  diabetes_forest.onnx        RandomForestRegressor, 5 trees: TreeEnsembleRegressor (AVERAGE),
                              written with BRANCH_GT (children swapped) to cover a second mode
  diabetes_hist_boosting.onnx HistGradientBoostingRegressor on data with NaNs:
                              TreeEnsembleRegressor (SUM, base_values,
                              nodes_missing_value_tracks_true)
  iris_logistic.onnx          multinomial LogisticRegression: LinearClassifier (SOFTMAX)
  iris_logistic_ovr.onnx      one-vs-rest LogisticRegression: LinearClassifier (LOGISTIC) ->
                              Normalizer (L1)
  cancer_logistic.onnx        StandardScaler -> binary LogisticRegression: Scaler ->
                              LinearClassifier with one coefficient row (LOGISTIC)
  diabetes_linear.onnx        StandardScaler -> LinearRegression: Scaler -> LinearRegressor
  iris_preprocess.onnx        ArrayFeatureExtractor -> Normalizer (L2) as selected_l2,
                              Normalizer (MAX) as max_scaled, Binarizer as binarized,
                              OneHotEncoder on category as one_hot [batch, 1, 4]; expected
                              values from sklearn's Normalizer, Binarizer, OneHotEncoder
  iris_svm.onnx, cancer_svm.onnx, digits_svm.onnx
                              SVMClassifier from SVC (RBF on iris, 3 classes; linear on the
                              scaled cancer set, 2 STRING classes; polynomial on digits 0-3):
                              label, scores (the one-vs-one decision values; [d, -d] for two
                              classes, d scikit-learn's decision), as skl2onnx converts them;
                              ONNX Runtime 1.30 gives the same labels and scores
  iris_svm_probability.onnx, cancer_svm_probability.onnx
                              the same SVCs fitted with probability=True: scores are
                              predict_proba's class probabilities (libsvm's coupling)
  diabetes_svr.onnx           SVMRegressor from SVR (RBF): prediction
  label_encoder.onnx          two LabelEncoders: codes INT64 -> names STRING (a model output,
                              default 'unknown'), scores FLOAT -> buckets INT64 (NaN a key)
  category_mapper_unsupported.onnx  an ai.onnx.ml CategoryMapper named 'categories'
                              (unsupported)
  labels_consumed.onnx        STRING labels of a LinearClassifier read by an
                              ArrayFeatureExtractor named 'pick' (string tensors can only be
                              model outputs)
  ml_opset4.onnx              a Binarizer importing ai.onnx.ml opset 4 (supported: opsets 4
                              and 5 changed other operators; written without the checker,
                              which onnx 1.12 would fail); ml_opset6.onnx the same at opset 6
                              (unsupported)

--bench writes two larger models for bench/ml/run_trees.sh instead (not committed): on a
make_classification set of 20 features, forest_bench.onnx (RandomForestClassifier, 100 trees
of depth <= 10, 3 classes: label, probabilities) and boosting_bench.onnx
(HistGradientBoostingRegressor, 200 trees of depth <= 6: prediction).

Each model M (but category_mapper_unsupported, labels_consumed, ml_opset4/6) gets M.cases.bin
in the format scripts/tensor_cases.py documents (read by tests/unit/ml/test_tensor_file.h):
case0 holds the held-out rows, case1 one row, case2 five rows; "caseK/input/features", "caseK/output/<output>". Expected outputs are
sklearn's predict / predict_proba / transform, as float32 (labels INT64; for STRING labels the
index of the label in the model's class list).

Parity caveats handled here rather than hidden in tolerances: the inputs are float32-exact
(the executor reads FLOAT); thresholds are rounded down to float32 (for a float32 x,
x <= t exactly when x <= the largest float32 not above t; nearest rounding can flip a test
value sitting next to a threshold), and every split is checked to treat the test values as
sklearn does; classifier test rows whose two best classes are closer than 1e-4 are dropped (a
float32 tie may legitimately pick either label).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris
from sklearn.ensemble import (GradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import Binarizer, Normalizer, OneHotEncoder, StandardScaler
from sklearn.svm import SVC, SVR

from tensor_cases import write_cases

ML = "ai.onnx.ml"


def float32_exact(x):
    return np.asarray(x, dtype=np.float32).astype(np.float64)


def save_model(directory, name, nodes, inputs, outputs, ml_opset=1, initializers=(),
               check=True):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13),
                                                    helper.make_opsetid(ML, ml_opset)])
    model.producer_name = "deepquery scripts/make_classical_models.py"
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, os.path.join(directory, name + ".onnx"))


def save_cases(directory, name, inputs, outputs, case_rows):
    """inputs/outputs: {name: array over all test rows}; case_rows: row indices per case."""
    tensors = []
    for index, rows in enumerate(case_rows):
        for input_name, array in inputs.items():
            tensors.append((f"case{index}/input/{input_name}", array[rows]))
        for output_name, array in outputs.items():
            tensors.append((f"case{index}/output/{output_name}", array[rows]))
    write_cases(os.path.join(directory, name + ".cases.bin"), tensors)


def case_rows(count):
    return [np.arange(count), np.arange(1), np.arange(min(5, count))]


def features_input(width):
    return helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", width])


def float32_threshold(threshold):
    """The largest float32 not above `threshold`: x <= it exactly when x <= threshold."""
    single = np.float32(threshold)
    if float(single) > threshold:
        single = np.nextafter(single, np.float32(-np.inf))
    return float(single)


def check_thresholds(X, features, thresholds, model):
    """Every (feature, threshold) splits the test values the same in float32 and float64."""
    for feature, threshold in zip(features, thresholds):
        values = X[:, feature]
        values = values[~np.isnan(values)]
        exact = values <= threshold
        single = values.astype(np.float32) <= np.float32(float32_threshold(threshold))
        if not np.array_equal(exact, single):
            raise RuntimeError(f"{model}: threshold {threshold!r} of feature {feature} rounds "
                               "across a test value in float32")


def clear_winners(scores, margin=1e-4):
    """Rows whose best score beats the second by more than `margin`."""
    ordered = np.sort(scores, axis=1)
    return np.nonzero(ordered[:, -1] - ordered[:, -2] > margin)[0]


class TreeAttributes:
    """The nodes_* and <prefix>_* attribute lists of an ai.onnx.ml tree ensemble."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.nodes = {key: [] for key in ("treeids", "nodeids", "featureids", "modes", "values",
                                          "truenodeids", "falsenodeids",
                                          "missing_value_tracks_true")}
        self.votes = {key: [] for key in ("treeids", "nodeids", "ids", "weights")}
        self.split_features = []
        self.split_thresholds = []

    def add_node(self, tree, node, feature=0, mode="LEAF", value=0.0, true=0, false=0,
                 missing_true=0):
        for key, item in (("treeids", tree), ("nodeids", node), ("featureids", feature),
                          ("modes", mode), ("values", float32_threshold(value)),
                          ("truenodeids", true),
                          ("falsenodeids", false), ("missing_value_tracks_true", missing_true)):
            self.nodes[key].append(item)
        if mode != "LEAF":
            self.split_features.append(feature)
            self.split_thresholds.append(value)

    def add_vote(self, tree, node, target, weight):
        for key, item in (("treeids", tree), ("nodeids", node), ("ids", target),
                          ("weights", float(weight))):
            self.votes[key].append(item)

    def add_sklearn_tree(self, tree_id, tree, leaf_votes, mode="BRANCH_LEQ"):
        """A fitted sklearn tree (tree.tree_); sklearn goes left when x <= threshold."""
        structure = tree.tree_
        for node in range(structure.node_count):
            left, right = structure.children_left[node], structure.children_right[node]
            if left == -1:
                self.add_node(tree_id, node)
                for target, weight in leaf_votes(structure, node):
                    self.add_vote(tree_id, node, target, weight)
            elif mode == "BRANCH_LEQ":
                self.add_node(tree_id, node, structure.feature[node], mode,
                              structure.threshold[node], true=left, false=right)
            elif mode == "BRANCH_GT":
                self.add_node(tree_id, node, structure.feature[node], mode,
                              structure.threshold[node], true=right, false=left)
            else:
                raise ValueError(mode)

    def attributes(self, with_missing=False):
        result = {f"nodes_{key}": values for key, values in self.nodes.items()
                  if key != "missing_value_tracks_true" or with_missing}
        result.update({f"{self.prefix}_{key}": values for key, values in self.votes.items()})
        return result


def classifier_outputs(classes, zipmap):
    label_type = TensorProto.STRING if isinstance(classes[0], str) else TensorProto.INT64
    map_type = onnx.TypeProto()  # seq(map(label, float)); onnx 1.12 has no helper for maps
    map_type.map_type.key_type = label_type
    map_type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, []))
    probabilities = (helper.make_value_info("probabilities",
                                            helper.make_sequence_type_proto(map_type))
                     if zipmap else
        helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", len(classes)]))
    return [helper.make_tensor_value_info("label", label_type, ["batch"]), probabilities]


def label_attributes(classes, name_int="classlabels_int64s"):
    if isinstance(classes[0], str):
        return {"classlabels_strings": [str(c) for c in classes]}
    return {name_int: [int(c) for c in classes]}


def tree_classifier(directory, name, model, attributes, classes, X_test, zipmap, ml_opset=1,
                    **settings):
    probability_name = "probability_tensor" if zipmap else "probabilities"
    nodes = [helper.make_node("TreeEnsembleClassifier", ["features"], ["label", probability_name],
                              name="trees", domain=ML, **label_attributes(classes),
                              **attributes.attributes(), **settings)]
    if zipmap:
        nodes.append(helper.make_node("ZipMap", [probability_name], ["probabilities"],
                                      name="zipmap", domain=ML, **label_attributes(classes)))
    check_thresholds(X_test, attributes.split_features, attributes.split_thresholds, name)
    save_model(directory, name, nodes, [features_input(X_test.shape[1])],
               classifier_outputs(classes, zipmap), ml_opset)
    save_classifier_cases(directory, name, model, X_test)


def save_classifier_cases(directory, name, model, X_test, transform=None):
    inputs = X_test if transform is None else transform(X_test)
    probabilities = model.predict_proba(inputs)
    keep = clear_winners(probabilities)
    if len(keep) < len(X_test):
        print(f"{name}: dropped {len(X_test) - len(keep)} test rows with near-tied classes")
    predicted = model.predict(inputs[keep])
    labels = np.array([list(model.classes_).index(label) for label in predicted])
    if not isinstance(model.classes_[0], str):
        labels = model.classes_[labels]
    save_cases(directory, name, {"features": X_test[keep].astype(np.float32)},
               {"label": labels.astype(np.int64),
                "probabilities": probabilities[keep].astype(np.float32)},
               case_rows(len(keep)))


def save_regressor_cases(directory, name, predict, X_test):
    save_cases(directory, name, {"features": X_test.astype(np.float32)},
               {"prediction": predict(X_test).reshape(-1, 1).astype(np.float32)},
               case_rows(len(X_test)))


def regressor_output():
    return [helper.make_tensor_value_info("prediction", TensorProto.FLOAT, ["batch", 1])]


def iris_data():
    iris = load_iris()
    X = float32_exact(iris.data)
    return train_test_split(X, iris.target, test_size=0.3, random_state=0, stratify=iris.target)


def cancer_data():
    cancer = load_breast_cancer()
    X = float32_exact(cancer.data)
    y = np.where(cancer.target == 0, "malignant", "benign")
    return train_test_split(X, y, test_size=40, random_state=0, stratify=y)


def diabetes_data(with_nans=False):
    diabetes = load_diabetes()
    X = float32_exact(np.round(diabetes.data, 4))
    if with_nans:
        generator = np.random.RandomState(0)
        X[generator.rand(*X.shape) < 0.1] = np.nan
    return train_test_split(X, diabetes.target, test_size=40, random_state=0)


def forest_classifier_attributes(forest):
    """The trees of a fitted RandomForestClassifier, each leaf voting its class frequencies
    divided by the number of trees (so the votes sum to the averaged probabilities)."""
    attributes = TreeAttributes("class")

    def votes(structure, node):
        counts = structure.value[node][0]
        return [(k, p / len(forest.estimators_)) for k, p in enumerate(counts / counts.sum())]

    for tree_id, tree in enumerate(forest.estimators_):
        attributes.add_sklearn_tree(tree_id, tree, votes)
    return attributes


def make_iris_forest(directory):
    X_train, X_test, y_train, _ = iris_data()
    forest = RandomForestClassifier(n_estimators=5, max_depth=4, random_state=0)
    forest.fit(X_train, y_train)
    attributes = forest_classifier_attributes(forest)
    tree_classifier(directory, "iris_forest", forest, attributes, list(forest.classes_), X_test,
                    zipmap=True, post_transform="NONE")


def make_iris_boosting(directory):
    X_train, X_test, y_train, _ = iris_data()
    boosting = GradientBoostingClassifier(n_estimators=8, max_depth=2, learning_rate=0.3,
                                          random_state=0)
    boosting.fit(X_train, y_train)
    attributes = TreeAttributes("class")
    classes = len(boosting.classes_)
    for stage in range(boosting.n_estimators_):
        for k in range(classes):
            tree_id = stage * classes + k
            attributes.add_sklearn_tree(
                tree_id, boosting.estimators_[stage, k],
                lambda structure, node, k=k: [(k, boosting.learning_rate *
                                               structure.value[node][0][0])])
    base = boosting._raw_predict_init(X_test[:1])[0]
    tree_classifier(directory, "iris_boosting", boosting, attributes, list(boosting.classes_),
                    X_test, zipmap=False, ml_opset=3, post_transform="SOFTMAX",
                    base_values=[float(v) for v in base])


def make_cancer_boosting(directory):
    X_train, X_test, y_train, _ = cancer_data()
    boosting = GradientBoostingClassifier(n_estimators=10, max_depth=3, random_state=0)
    boosting.fit(X_train, y_train)
    attributes = TreeAttributes("class")
    for stage in range(boosting.n_estimators_):
        # Binary: one tree per stage scoring the second class; every vote names class 0 (as
        # skl2onnx writes it), which makes the operator expand s into [-s, s].
        attributes.add_sklearn_tree(
            stage, boosting.estimators_[stage, 0],
            lambda structure, node: [(0, boosting.learning_rate * structure.value[node][0][0])])
    base = boosting._raw_predict_init(X_test[:1])[0]
    tree_classifier(directory, "cancer_boosting", boosting, attributes, list(boosting.classes_),
                    X_test, zipmap=True, post_transform="LOGISTIC",
                    base_values=[float(v) for v in base])


def make_diabetes_forest(directory):
    X_train, X_test, y_train, _ = diabetes_data()
    forest = RandomForestRegressor(n_estimators=5, max_depth=5, random_state=0)
    forest.fit(X_train, y_train)
    attributes = TreeAttributes("target")
    for tree_id, tree in enumerate(forest.estimators_):
        attributes.add_sklearn_tree(tree_id, tree,
                                    lambda structure, node: [(0, structure.value[node][0][0])],
                                    mode="BRANCH_GT")
    node = helper.make_node("TreeEnsembleRegressor", ["features"], ["prediction"], name="trees",
                            domain=ML, n_targets=1, aggregate_function="AVERAGE",
                            **attributes.attributes())
    check_thresholds(X_test, attributes.split_features, attributes.split_thresholds,
                     "diabetes_forest")
    save_model(directory, "diabetes_forest", [node], [features_input(X_test.shape[1])],
               regressor_output())
    save_regressor_cases(directory, "diabetes_forest", forest.predict, X_test)


def hist_boosting_attributes(boosting):
    """The trees of a fitted single-output HistGradientBoostingRegressor."""
    attributes = TreeAttributes("target")
    for tree_id, predictors in enumerate(boosting._predictors):
        for node_id, node in enumerate(predictors[0].nodes):
            if node["is_leaf"]:
                attributes.add_node(tree_id, node_id)
                attributes.add_vote(tree_id, node_id, 0, node["value"])
            else:
                # Left when x <= threshold; NaN goes left when missing_go_to_left.
                attributes.add_node(tree_id, node_id, int(node["feature_idx"]), "BRANCH_LEQ",
                                    node["num_threshold"], true=int(node["left"]),
                                    false=int(node["right"]),
                                    missing_true=int(node["missing_go_to_left"]))
    return attributes


def make_diabetes_hist_boosting(directory):
    X_train, X_test, y_train, _ = diabetes_data(with_nans=True)
    boosting = HistGradientBoostingRegressor(max_iter=15, max_depth=3, random_state=0)
    boosting.fit(X_train, y_train)
    attributes = hist_boosting_attributes(boosting)
    baseline = float(np.ravel(boosting._baseline_prediction)[0])
    node = helper.make_node("TreeEnsembleRegressor", ["features"], ["prediction"], name="trees",
                            domain=ML, n_targets=1, aggregate_function="SUM",
                            base_values=[baseline], **attributes.attributes(with_missing=True))
    check_thresholds(X_test, attributes.split_features, attributes.split_thresholds,
                     "diabetes_hist_boosting")
    save_model(directory, "diabetes_hist_boosting", [node], [features_input(X_test.shape[1])],
               regressor_output())
    save_regressor_cases(directory, "diabetes_hist_boosting", boosting.predict, X_test)


def linear_classifier_node(output, coefficients, intercepts, classes, transform):
    return helper.make_node("LinearClassifier", ["features"], ["label", output], name="linear",
                            domain=ML, coefficients=[float(v) for v in np.ravel(coefficients)],
                            intercepts=[float(v) for v in np.ravel(intercepts)],
                            post_transform=transform,
                            **label_attributes(classes, "classlabels_ints"))


def make_iris_logistic(directory):
    X_train, X_test, y_train, _ = iris_data()
    logistic = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    node = linear_classifier_node("probabilities", logistic.coef_, logistic.intercept_,
                                  list(logistic.classes_), "SOFTMAX")
    save_model(directory, "iris_logistic", [node], [features_input(4)],
               classifier_outputs(list(logistic.classes_), zipmap=False))
    save_classifier_cases(directory, "iris_logistic", logistic, X_test)


def make_iris_logistic_ovr(directory):
    X_train, X_test, y_train, _ = iris_data()
    logistic = LogisticRegression(multi_class="ovr", max_iter=1000).fit(X_train, y_train)
    nodes = [linear_classifier_node("scores", logistic.coef_, logistic.intercept_,
                                    list(logistic.classes_), "LOGISTIC"),
             helper.make_node("Normalizer", ["scores"], ["probabilities"], name="normalize",
                              domain=ML, norm="L1")]
    save_model(directory, "iris_logistic_ovr", nodes, [features_input(4)],
               classifier_outputs(list(logistic.classes_), zipmap=False))
    save_classifier_cases(directory, "iris_logistic_ovr", logistic, X_test)


def scaler_node(scaler):
    return helper.make_node("Scaler", ["features"], ["scaled"], name="scaler", domain=ML,
                            offset=[float(v) for v in scaler.mean_],
                            scale=[float(1 / v) for v in scaler.scale_])


def make_cancer_logistic(directory):
    X_train, X_test, y_train, _ = cancer_data()
    y_train = (y_train == "malignant").astype(np.int64)
    scaler = StandardScaler().fit(X_train)
    logistic = LogisticRegression(max_iter=1000).fit(scaler.transform(X_train), y_train)
    linear = linear_classifier_node("probabilities", logistic.coef_, logistic.intercept_,
                                    list(logistic.classes_), "LOGISTIC")
    linear.input[0] = "scaled"
    save_model(directory, "cancer_logistic", [scaler_node(scaler), linear],
               [features_input(X_test.shape[1])],
               classifier_outputs(list(logistic.classes_), zipmap=False))
    save_classifier_cases(directory, "cancer_logistic", logistic, X_test, scaler.transform)


def make_diabetes_linear(directory):
    X_train, X_test, y_train, _ = diabetes_data()
    scaler = StandardScaler().fit(X_train)
    linear = LinearRegression().fit(scaler.transform(X_train), y_train)
    regressor = helper.make_node("LinearRegressor", ["scaled"], ["prediction"], name="linear",
                                 domain=ML, targets=1,
                                 coefficients=[float(v) for v in linear.coef_],
                                 intercepts=[float(linear.intercept_)])
    save_model(directory, "diabetes_linear", [scaler_node(scaler), regressor],
               [features_input(X_test.shape[1])], regressor_output())
    save_regressor_cases(directory, "diabetes_linear",
                         lambda X: linear.predict(scaler.transform(X)), X_test)


def make_iris_preprocess(directory):
    _, X_test, _, y_test = iris_data()
    categories = [0, 1, 2, 5]
    category = y_test.reshape(-1, 1).astype(np.int64)
    category[::7] = 9  # not a category: a row of zeros
    selected = helper.make_tensor("selected_columns", TensorProto.INT64, [2], [0, 2])
    nodes = [
        helper.make_node("ArrayFeatureExtractor", ["features", "selected_columns"], ["selected"],
                         name="select", domain=ML),
        helper.make_node("Normalizer", ["selected"], ["selected_l2"], name="l2", domain=ML,
                         norm="L2"),
        helper.make_node("Normalizer", ["features"], ["max_scaled"], name="max", domain=ML,
                         norm="MAX"),
        helper.make_node("Binarizer", ["features"], ["binarized"], name="binarize", domain=ML,
                         threshold=1.5),
        helper.make_node("OneHotEncoder", ["category"], ["one_hot"], name="one_hot", domain=ML,
                         cats_int64s=categories, zeros=1),
    ]
    inputs = [features_input(4),
              helper.make_tensor_value_info("category", TensorProto.INT64, ["batch", 1])]
    outputs = [helper.make_tensor_value_info("selected_l2", TensorProto.FLOAT, ["batch", 2]),
               helper.make_tensor_value_info("max_scaled", TensorProto.FLOAT, ["batch", 4]),
               helper.make_tensor_value_info("binarized", TensorProto.FLOAT, ["batch", 4]),
               helper.make_tensor_value_info("one_hot", TensorProto.FLOAT,
                                             ["batch", 1, len(categories)])]
    save_model(directory, "iris_preprocess", nodes, inputs, outputs, initializers=[selected])
    encoder = OneHotEncoder(categories=[categories], handle_unknown="ignore").fit(category)
    expected = {
        "selected_l2": Normalizer(norm="l2").transform(X_test[:, [0, 2]]),
        "max_scaled": Normalizer(norm="max").transform(X_test),
        "binarized": Binarizer(threshold=1.5).transform(X_test),
        "one_hot": encoder.transform(category).toarray().reshape(-1, 1, len(categories)),
    }
    save_cases(directory, "iris_preprocess",
               {"features": X_test.astype(np.float32), "category": category},
               {key: value.astype(np.float32) for key, value in expected.items()},
               case_rows(len(X_test)))


def make_label_encoders(directory):
    """LabelEncoder (ai.onnx.ml opset 2) both ways DeepQuery feeds: INT64 codes to STRING names
    (a model output) and FLOAT scores to INT64 buckets; numpy reference, which ONNX Runtime
    1.30 agrees with (a NaN key matches nothing before opset 4)."""
    nodes = [helper.make_node("LabelEncoder", ["codes"], ["names"], name="names", domain=ML,
                              keys_int64s=[3, 1, 7], values_strings=["low", "mid", "high"],
                              default_string="unknown"),
             helper.make_node("LabelEncoder", ["scores"], ["buckets"], name="buckets",
                              domain=ML, keys_floats=[0.5, 1.5, float("nan")],
                              values_int64s=[10, 20, 99], default_int64=-1)]
    save_model(directory, "label_encoder", nodes,
               [helper.make_tensor_value_info("codes", TensorProto.INT64, ["batch"]),
                helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch"])],
               [helper.make_tensor_value_info("names", TensorProto.STRING, ["batch"]),
                helper.make_tensor_value_info("buckets", TensorProto.INT64, ["batch"])],
               ml_opset=2)
    codes = np.array([3, 7, 1, 0, 3, -5], dtype=np.int64)
    scores = np.array([0.5, np.nan, 2.0, 1.5, -0.0, 0.5], dtype=np.float32)
    # Names as label indices into ["low", "mid", "high", "unknown"] (the default last).
    name_index = np.array([{3: 0, 1: 1, 7: 2}.get(int(c), 3) for c in codes], dtype=np.int64)
    buckets = np.array([10, -1, -1, 20, -1, 10], dtype=np.int64)  # NaN keys match from opset 4
    save_cases(directory, "label_encoder", {"codes": codes, "scores": scores},
               {"names": name_index, "buckets": buckets}, [np.arange(6), np.arange(1)])
    node = helper.make_node("CategoryMapper", ["features"], ["mapped"], name="categories",
                            domain=ML, cats_int64s=[1, 2], cats_strings=["a", "b"])
    save_model(directory, "category_mapper_unsupported", [node],
               [helper.make_tensor_value_info("features", TensorProto.STRING, ["batch"])],
               [helper.make_tensor_value_info("mapped", TensorProto.INT64, ["batch"])])


def svm_attributes(model, classifier):
    """skl2onnx's conversion of a fitted SVC/SVR: a binary SVC's coefficients and rho negated,
    so that ONNX Runtime's binary rule (class 1 when the value is positive) is scikit-learn's."""
    coefficients = model.dual_coef_
    rho = model.intercept_
    if classifier and len(model.classes_) == 2:
        coefficients, rho = -coefficients, -rho
    attributes = {"kernel_type": model.kernel.upper(),
                  "kernel_params": [float(model._gamma), float(model.coef0), float(model.degree)],
                  "coefficients": coefficients.ravel().astype(float).tolist(),
                  "rho": rho.astype(float).tolist(),
                  "support_vectors": model.support_vectors_.ravel().astype(float).tolist()}
    if classifier:
        attributes["vectors_per_class"] = model.n_support_.astype(int).tolist()
    else:
        attributes["n_supports"] = int(len(model.support_vectors_))
    return attributes


def svm_classifier(directory, name, model, X_test):
    classes = list(model.classes_)
    pairs = 2 if len(classes) == 2 else len(classes) * (len(classes) - 1) // 2
    attributes = svm_attributes(model, True)
    if model.probability:  # libsvm's Platt parameters; the scores become probabilities
        attributes["prob_a"] = model.probA_.astype(float).tolist()
        attributes["prob_b"] = model.probB_.astype(float).tolist()
        pairs = len(classes)
    node = helper.make_node("SVMClassifier", ["features"], ["label", "scores"], name="svm",
                            domain=ML, **label_attributes(classes, "classlabels_ints"),
                            **attributes)
    label_type = TensorProto.STRING if isinstance(classes[0], str) else TensorProto.INT64
    save_model(directory, name, [node], [features_input(X_test.shape[1])],
               [helper.make_tensor_value_info("label", label_type, ["batch"]),
                helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", pairs])])
    model.decision_function_shape = "ovo"
    decision = model.decision_function(X_test)
    if len(classes) == 2:
        decision = np.stack([decision, -decision], axis=1)
    keep = np.where(np.abs(decision).min(axis=1) > 1e-3)[0]  # no vote near a tie
    labels = np.array([classes.index(label) for label in model.predict(X_test[keep])])
    if not isinstance(classes[0], str):
        labels = np.array(classes)[labels]
    scores = model.predict_proba(X_test) if model.probability else decision
    save_cases(directory, name, {"features": X_test[keep].astype(np.float32)},
               {"label": labels.astype(np.int64), "scores": scores[keep].astype(np.float32)},
               case_rows(len(keep)))


def make_svms(directory):
    """SVC (RBF, 3 classes; linear, 2 string classes; polynomial, 4 classes) and SVR (RBF)."""
    X_train, X_test, y_train, _ = iris_data()
    svm_classifier(directory, "iris_svm", SVC(kernel="rbf", gamma=0.5).fit(X_train, y_train),
                   X_test)
    svm_classifier(directory, "iris_svm_probability",
                   SVC(kernel="rbf", gamma=0.5, probability=True, random_state=0)
                   .fit(X_train, y_train), X_test)
    X_train, X_test, y_train, _ = cancer_data()
    scale = X_train.max(axis=0)
    svm_classifier(directory, "cancer_svm",
                   SVC(kernel="linear", C=10).fit(float32_exact(X_train / scale), y_train),
                   float32_exact(X_test / scale))
    svm_classifier(directory, "cancer_svm_probability",
                   SVC(kernel="linear", C=10, probability=True, random_state=0)
                   .fit(float32_exact(X_train / scale), y_train), float32_exact(X_test / scale))
    digits = load_digits()
    mask = digits.target < 4
    X = float32_exact(digits.data[mask] / 16)
    X_train, X_test, y_train, _ = train_test_split(X, digits.target[mask], test_size=40,
                                                   random_state=0)
    svm_classifier(directory, "digits_svm",
                   SVC(kernel="poly", degree=2, gamma=0.1, coef0=1.0).fit(X_train, y_train),
                   X_test)
    X_train, X_test, y_train, _ = diabetes_data()
    model = SVR(kernel="rbf", C=100, gamma=10.0).fit(X_train, y_train)
    node = helper.make_node("SVMRegressor", ["features"], ["prediction"], name="svr", domain=ML,
                            **svm_attributes(model, False))
    save_model(directory, "diabetes_svr", [node], [features_input(X_test.shape[1])],
               regressor_output())
    save_regressor_cases(directory, "diabetes_svr", model.predict, X_test)


def make_labels_consumed(directory):
    index = helper.make_tensor("first", TensorProto.INT64, [1], [0])
    nodes = [linear_classifier_node("scores", [1.0, -1.0], [0.0], ["no", "yes"], "LOGISTIC"),
             helper.make_node("ArrayFeatureExtractor", ["label", "first"], ["picked"],
                              name="pick", domain=ML)]
    save_model(directory, "labels_consumed", nodes, [features_input(2)],
               [helper.make_tensor_value_info("picked", TensorProto.STRING, [1, 1])],
               initializers=[index])


def make_ml_opset4(directory):
    for version in (4, 6):
        node = helper.make_node("Binarizer", ["features"], ["binarized"], name="binarize",
                                domain=ML)
        save_model(directory, f"ml_opset{version}", [node], [features_input(2)],
                   [helper.make_tensor_value_info("binarized", TensorProto.FLOAT, ["batch", 2])],
                   ml_opset=version, check=False)


def make_bench_models(directory):
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=20000, n_features=20, n_informative=10, n_classes=3,
                               random_state=0)
    X = float32_exact(X)
    forest = RandomForestClassifier(n_estimators=100, max_depth=10, random_state=0, n_jobs=2)
    forest.fit(X, y)
    attributes = forest_classifier_attributes(forest)
    node = helper.make_node("TreeEnsembleClassifier", ["features"], ["label", "probabilities"],
                            name="trees", domain=ML, classlabels_int64s=[0, 1, 2],
                            post_transform="NONE", **attributes.attributes())
    save_model(directory, "forest_bench", [node], [features_input(20)],
               classifier_outputs([0, 1, 2], zipmap=False))
    boosting = HistGradientBoostingRegressor(max_iter=200, max_depth=6, random_state=0)
    boosting.fit(X, X[:, 0] * 3 + np.sin(X[:, 1]) + y)
    attributes = hist_boosting_attributes(boosting)
    node = helper.make_node("TreeEnsembleRegressor", ["features"], ["prediction"], name="trees",
                            domain=ML, n_targets=1, aggregate_function="SUM",
                            base_values=[float(np.ravel(boosting._baseline_prediction)[0])],
                            **attributes.attributes(with_missing=True))
    save_model(directory, "boosting_bench", [node], [features_input(20)], regressor_output())


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        os.makedirs(sys.argv[2], exist_ok=True)
        make_bench_models(sys.argv[2])
        print("wrote", sys.argv[2])
        return
    directory = sys.argv[1] if len(sys.argv) > 1 else "tests/data/ml"
    os.makedirs(directory, exist_ok=True)
    for make in (make_iris_forest, make_iris_boosting, make_cancer_boosting, make_diabetes_forest,
                 make_diabetes_hist_boosting, make_iris_logistic, make_iris_logistic_ovr,
                 make_cancer_logistic, make_diabetes_linear, make_iris_preprocess,
                 make_svms, make_label_encoders, make_labels_consumed, make_ml_opset4):
        make(directory)
    print("wrote", directory)


if __name__ == "__main__":
    main()
