// Prints the raw 128-d descriptor that @vladmandic/face-api's own TensorFlow.js code computes for
// one 150x150 RGB chip, as JSON on stdout: {"descriptor": [...]}. facekit's parity test compares
// its Java port against this output.
//
// Usage: node dlib-resnet-reference.cjs FACE_API_JS MANIFEST_JSON [CHIP_RGB]
//   FACE_API_JS    the package's dist/face-api.js (the browser bundle, which carries tfjs and its
//                  pure-JavaScript CPU backend, so nothing else needs installing)
//   MANIFEST_JSON  model/face_recognition_model-weights_manifest.json, the .bin beside it
//   CHIP_RGB       optional: a file of 150*150*3 bytes, row-major RGB; without it the chip is the
//                  deterministic test pattern below
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SIDE = 150;

// The test pattern: ramps that differ per channel plus a 15-pixel checkerboard, in integers only so
// that Java computes exactly the same bytes (DlibResNetParityTest.testPattern).
function testPattern() {
  const rgb = new Uint8Array(SIDE * SIDE * 3);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const square = (Math.floor(x / 15) + Math.floor(y / 15)) % 2;
      for (let c = 0; c < 3; c++) {
        rgb[(y * SIDE + x) * 3 + c] = (x * (c + 2) + y * (3 - c) * 2 + square * 90 + c * 40) % 256;
      }
    }
  }
  return rgb;
}

// The browser bundle runs in a fresh context: without Node's `process` there, tfjs does not try to
// use the Node platform (whose helpers the bundle leaves out) and falls back to plain JavaScript.
function loadFaceApi(faceApiJs) {
  const context = { console, TextEncoder, TextDecoder, performance, setTimeout, clearTimeout };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(faceApiJs, 'utf8'), context, { filename: faceApiJs });
  return context.faceapi;
}

async function main() {
  const [faceApiJs, manifestJson, chipFile] = process.argv.slice(2);
  if (!faceApiJs || !manifestJson) {
    console.error('usage: node dlib-resnet-reference.cjs FACE_API_JS MANIFEST_JSON [CHIP_RGB]');
    process.exit(2);
  }
  const faceapi = loadFaceApi(faceApiJs);
  const tf = faceapi.tf;
  // Outside Node's and a browser's platform tfjs has none; its weight decoder needs only this.
  tf.env().setPlatform('facekit-parity', {
    isTypedArray: (a) => ArrayBuffer.isView(a) && !(a instanceof DataView),
    now: () => performance.now(),
    encode: (text) => new TextEncoder().encode(text),
    decode: (bytes, encoding) => new TextDecoder(encoding).decode(bytes),
  });
  // face-api's own environment only matters for images; tensors pass its checks with stand-ins.
  class NoImage {}
  faceapi.env.setEnv({
    Canvas: NoImage,
    CanvasRenderingContext2D: NoImage,
    Image: NoImage,
    ImageData: NoImage,
    Video: NoImage,
  });
  await tf.setBackend('cpu');
  await tf.ready();

  const manifest = JSON.parse(fs.readFileSync(manifestJson, 'utf8'));
  const specs = [];
  const shards = [];
  for (const group of manifest) {
    specs.push(...group.weights);
    for (const shard of group.paths) {
      shards.push(fs.readFileSync(path.join(path.dirname(manifestJson), shard)));
    }
  }
  const bytes = Buffer.concat(shards);
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  const net = faceapi.nets.faceRecognitionNet;
  net.loadFromWeightMap(tf.io.decodeWeights(buffer, specs));

  const rgb = chipFile ? new Uint8Array(fs.readFileSync(chipFile)) : testPattern();
  if (rgb.length !== SIDE * SIDE * 3) {
    throw new Error(`${chipFile} holds ${rgb.length} bytes, expected ${SIDE * SIDE * 3}`);
  }
  const chip = tf.tensor3d(Array.from(rgb), [SIDE, SIDE, 3], 'int32');
  const descriptor = await net.computeFaceDescriptor(chip);
  process.stdout.write(JSON.stringify({
    package: 'face-api ' + faceapi.version + ', tfjs ' + tf.version_core + ' (' + tf.getBackend() + ')',
    input: chipFile ? path.basename(chipFile) : 'test pattern',
    descriptor: Array.from(descriptor),
  }) + '\n');
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
