// ONNX Runtime side of the ML.PREDICT benchmark: the same models, the same generated inputs
// (formulas shared with run_ml.sh), the same batch size and thread count; prints rows/s and,
// for run_ml.sh's answer check, the sum over all rows of the first output's first value per
// row (and the sum of their absolute values, for the tolerance).
//   node bench/ml/ort_bench.mjs ROWS BATCH THREADS [MODEL...]
import ort from 'onnxruntime-node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [rows, batch, threads] = process.argv.slice(2, 5).map(Number);
const only = process.argv.slice(5);

// Input values: float feature j of row id = sin(id * 0.001 * (j + 1)); token j = (7 id + 13 j) % 50.
const models = [
  { name: 'mlp', input: 'features', width: 4, shape: (n) => [n, 4], int: false },
  { name: 'cnn', input: 'image', width: 64, shape: (n) => [n, 1, 8, 8], int: false },
  { name: 'text_encoder', input: 'token_ids', width: 8, shape: (n) => [n, 8], int: true },
  { name: 'lstm_forecaster', input: 'readings', width: 24, shape: (n) => [n, 24, 1], int: false },
  // ResNet-18-size CNN written by bench/ml/make_resnet18.py (not committed).
  { name: 'resnet18', input: 'image', width: 3072, shape: (n) => [n, 3, 32, 32], int: false,
    directory: 'bench/data/ml' },
];

for (const model of models.filter((m) => only.length === 0 || only.includes(m.name))) {
  const session = await ort.InferenceSession.create(
      path.join(root, model.directory ?? 'tests/data/ml', model.name + '.onnx'),
      { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' });
  const run = async () => {
    let sum = 0;
    let absoluteSum = 0;
    for (let start = 0; start < rows; start += batch) {
      const count = Math.min(batch, rows - start);
      const data = model.int ? new BigInt64Array(count * model.width) : new Float32Array(count * model.width);
      for (let row = 0; row < count; ++row) {
        const id = start + row + 1;
        for (let j = 0; j < model.width; ++j) {
          data[row * model.width + j] = model.int ? BigInt((7 * id + 13 * j) % 50)
                                                  : Math.sin(id * 0.001 * (j + 1));
        }
      }
      const tensor = new ort.Tensor(model.int ? 'int64' : 'float32', data, model.shape(count));
      const output = await session.run({ [model.input]: tensor });
      const first = output[session.outputNames[0]].data;
      const perRow = first.length / count;
      for (let row = 0; row < count; ++row) {
        sum += first[row * perRow];
        absoluteSum += Math.abs(first[row * perRow]);
      }
    }
    return [sum, absoluteSum];
  };
  await run();  // warm-up
  let best = Infinity;
  let answer = [0, 0];
  for (let attempt = 0; attempt < 3; ++attempt) {
    const started = process.hrtime.bigint();
    answer = await run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(`${model.name} ${best.toFixed(1)} ms ${(rows / best * 1000).toFixed(0)} rows/s ` +
              `sum ${answer[0]} abs ${answer[1]}`);
}
