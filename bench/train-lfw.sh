#!/usr/bin/env bash
# The training benchmark: train facekit's own embedding on the people of LFW's peopleDevTrain.txt
# only, then score pairsDevTest.txt and identification among peopleDevTest.txt, whose people the
# model never saw, both for the epoch the run kept and for its final epoch. About 100 minutes of
# training on 2 cores with the defaults below.
#
#   bench/train-lfw.sh [LFW_DIR] [WORK_DIR]
#
# LFW_DIR holds images_deepfunneled/ and the View 1 files (default ../shared/datasets/lfw);
# WORK_DIR receives crops/, model/, the logs and the reports (default target/bench-train-lfw).
# EPOCHS, CLASSIFICATION_WEIGHT (0 for a triplet-only run) and SEED override the recipe; any
# further train options go in TRAIN_OPTS. An interrupted run continues where it stopped when the
# script is started again with the same settings.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lfw="${1:-$here/../shared/datasets/lfw}"
work="${2:-$here/target/bench-train-lfw}"
epochs="${EPOCHS:-100}"
classification_weight="${CLASSIFICATION_WEIGHT:-1}"
seed="${SEED:-1}"

for needed in images_deepfunneled peopleDevTrain.txt pairsDevTest.txt peopleDevTest.txt; do
  if [ ! -e "$lfw/$needed" ]; then
    echo "train-lfw: $lfw/$needed is missing; pass the LFW folder (with images_deepfunneled/" \
      "and LFW's View 1 files) as the first argument" >&2
    exit 2
  fi
done
mkdir -p "$work"
facekit="$here/facekit"

# Cropping is incremental: a finished crop tree is kept and only checked.
"$facekit" crop "$lfw/images_deepfunneled" "$work/crops" >"$work/crop.json"

resume=()
[ -f "$work/model/checkpoint/state.json" ] && resume=(--resume)
start=$(date +%s)
# shellcheck disable=SC2086 # TRAIN_OPTS is a list of options.
"$facekit" train "$work/crops" --people "$lfw/peopleDevTrain.txt" \
  --val-pairs "$lfw/pairsDevTest.txt" --val-images "$work/crops" \
  --epochs "$epochs" --classification-weight "$classification_weight" --batch-singles 16 \
  --seed "$seed" ${TRAIN_OPTS:-} "${resume[@]}" --out "$work/model" \
  >"$work/train.json" 2> >(tee "$work/train.log" >&2)
echo "train-lfw: trained in $(($(date +%s) - start)) s" >&2

# score_pairs MODEL REPORT [evaluate options]: pairsDevTest.txt, report in WORK_DIR/REPORT(.json).
score_pairs() {
  "$facekit" evaluate "$work/$1" --pairs "$lfw/pairsDevTest.txt" --images "$lfw/images_deepfunneled" \
    "${@:3}" --out "$work/$2" >"$work/$2.json"
}
score_pairs model pairs
score_pairs model pairs-mirror --mirror
"$facekit" evaluate "$work/model" --identify "$lfw/images_deepfunneled" \
  --people "$lfw/peopleDevTest.txt" --out "$work/identify" >"$work/identify.json"

# The kept epoch was chosen on pairsDevTest.txt itself; score the final epoch too.
(cd "$here" && mvn -B -q test-compile -Dspotless.check.skip=true >&2)
cache="${FACEKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facekit}"
DJL_CACHE_DIR="${DJL_CACHE_DIR:-$cache/djl}" OPT_OUT_TRACKING=true java -Dai.djl.offline=true \
  -Dfacekit.cache="$cache" -cp "$here/target/classes:$here/target/test-classes:$here/target/lib/*" \
  dev.facekit.train.LastEpochModel "$work/model" "$work/model-last"
score_pairs model-last last-mirror --mirror
echo "train-lfw: reports in $work" >&2
