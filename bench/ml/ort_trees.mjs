// ONNX Runtime side of bench/ml/run_trees.sh: the tree models of
// `make_classical_models.py --bench`, the same generated inputs, batch size and thread count.
// Prints per model: ms, rows/s and the answer (sum of label and of the first score column).
//   node bench/ml/ort_trees.mjs MODEL_DIR ROWS BATCH THREADS
import ort from 'onnxruntime-node';
import path from 'node:path';

const [directory, ...numbers] = process.argv.slice(2);
const [rows, batch, threads] = numbers.map(Number);
const width = 20;

// Feature j (1-based) of row id: 2 * sin(id * 0.0137 * j), as run_trees.sh writes it.
for (const name of ['forest_bench', 'boosting_bench']) {
  const session = await ort.InferenceSession.create(
      path.join(directory, name + '.onnx'),
      { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' });
  const run = async () => {
    let labels = 0;
    let scores = 0;
    for (let start = 0; start < rows; start += batch) {
      const count = Math.min(batch, rows - start);
      const data = new Float32Array(count * width);
      for (let row = 0; row < count; ++row) {
        const id = start + row + 1;
        for (let j = 1; j <= width; ++j) data[row * width + j - 1] = 2 * Math.sin(id * 0.0137 * j);
      }
      const output = await session.run({ features: new ort.Tensor('float32', data, [count, width]) });
      if (name === 'forest_bench') {
        for (const label of output.label.data) labels += Number(label);
        const probabilities = output.probabilities.data;
        for (let row = 0; row < count; ++row) scores += probabilities[row * 3];
      } else {
        for (const value of output.prediction.data) scores += value;
      }
    }
    return [labels, scores];
  };
  await run();  // warm-up
  let best = Infinity;
  let answer = [];
  for (let attempt = 0; attempt < 3; ++attempt) {
    const started = process.hrtime.bigint();
    answer = await run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(`${name} ${best.toFixed(1)} ms ${(rows / best * 1000).toFixed(0)} rows/s ` +
              `${answer[0]} ${answer[1].toFixed(6)}`);
}
