-- DeepQuery demo: a small shop's sales, January to June 2024 (examples/sample/generate.py).
-- Run from the repository root:  build/tools/deepquery warehouse -f examples/sample/demo.sql
-- (scripts/demo.sh does exactly that). Re-runnable: it drops and recreates dataset `shop`
-- only; other datasets in the warehouse are left alone.

DROP SCHEMA IF EXISTS shop CASCADE;
CREATE SCHEMA shop;

-- 1. Load data. Sales get an explicit schema (NUMERIC keeps money exact); one LOAD reads
--    all six monthly files through a glob.
CREATE TABLE shop.sales (
  order_id INT64 NOT NULL,
  day DATE NOT NULL,
  region STRING,
  channel STRING,
  product_id INT64,
  quantity INT64,
  amount NUMERIC
);
LOAD DATA INTO shop.sales
  FROM FILES(format = 'CSV', uris = ['examples/sample/sales_*.csv'], skip_leading_rows = 1);

CREATE TABLE shop.products (
  product_id INT64 NOT NULL,
  product_name STRING,
  category STRING,
  list_price NUMERIC
);
LOAD DATA INTO shop.products
  FROM FILES(format = 'CSV', uris = ['examples/sample/products.csv'], skip_leading_rows = 1);

-- Regions: no CREATE TABLE; the header and the column types are detected from the file.
LOAD DATA INTO shop.regions FROM FILES(format = 'CSV', uris = ['examples/sample/regions.csv']);

-- 2. What did we load?
SELECT COUNT(*) AS order_lines, MIN(day) AS first_day, MAX(day) AS last_day,
       SUM(quantity) AS units, SUM(amount) AS revenue
FROM shop.sales;

-- 3. Revenue by region in the second quarter.
SELECT region, COUNT(*) AS order_lines, SUM(amount) AS revenue
FROM shop.sales
WHERE day >= DATE '2024-04-01' AND day < DATE '2024-07-01'
GROUP BY region
ORDER BY revenue DESC
LIMIT 10;

-- 4. Monthly revenue, online against in-store.
SELECT DATE_TRUNC(day, MONTH) AS month,
       SUM(IF(channel = 'online', amount, 0)) AS online,
       SUM(IF(channel = 'store', amount, 0)) AS store,
       ROUND(100 * COUNTIF(channel = 'online') / COUNT(*), 1) AS online_pct
FROM shop.sales
GROUP BY month
ORDER BY month;

-- 5. Join with the product catalog: best-selling categories.
SELECT p.category, SUM(s.quantity) AS units, SUM(s.amount) AS revenue,
       ROUND(AVG(s.amount), 2) AS avg_line
FROM shop.sales AS s
JOIN shop.products AS p ON s.product_id = p.product_id
GROUP BY p.category
ORDER BY revenue DESC;

-- 6. Three-way join with a date filter: top products in Japan in February.
SELECT p.product_name, COUNT(*) AS order_lines, SUM(s.quantity) AS units
FROM shop.sales AS s
JOIN shop.products AS p ON s.product_id = p.product_id
JOIN shop.regions AS r ON s.region = r.region
WHERE r.country = 'JP' AND s.day BETWEEN DATE '2024-02-01' AND DATE '2024-02-29'
GROUP BY p.product_name
HAVING COUNT(*) >= 5
ORDER BY order_lines DESC, p.product_name
LIMIT 5;

-- 7. A CTE joined with USING: each region manager's half-year.
WITH totals AS (
  SELECT region, SUM(amount) AS revenue, COUNTIF(quantity >= 4) AS bulk_lines
  FROM shop.sales
  GROUP BY region
)
SELECT r.region_name, r.manager, t.revenue, t.bulk_lines
FROM totals AS t
JOIN shop.regions AS r USING (region)
ORDER BY t.revenue DESC;

-- 8. Order-line sizes, with CASE.
SELECT CASE WHEN amount >= 50 THEN 'large (>= 50)'
            WHEN amount >= 15 THEN 'medium (15-50)'
            ELSE 'small (< 15)' END AS line_size,
       COUNT(*) AS order_lines, SUM(amount) AS revenue
FROM shop.sales
GROUP BY line_size
ORDER BY revenue DESC;

-- 9. How the engine ran a query: per-operator rows and time.
EXPLAIN ANALYZE
SELECT p.category, SUM(s.amount) AS revenue
FROM shop.sales AS s
JOIN shop.products AS p ON s.product_id = p.product_id
WHERE s.day >= DATE '2024-06-01'
GROUP BY p.category
ORDER BY revenue DESC
LIMIT 3;

-- 10. Top three products of every region: a correlated ARRAY subquery with GROUP BY,
--     decorrelated into joins and aggregates (no per-region re-execution).
SELECT r.region,
       ARRAY(SELECT AS STRUCT p.product_name, SUM(s.quantity) AS units
             FROM shop.sales AS s JOIN shop.products AS p USING (product_id)
             WHERE s.region = r.region
             GROUP BY p.product_name
             ORDER BY units DESC, p.product_name LIMIT 3) AS top_products
FROM shop.regions AS r
ORDER BY r.region;

-- 11. A neural network in SQL. A data scientist's ONNX model is imported once (copied into
--     the warehouse) and called like a table function; here a small LSTM forecaster (a test
--     fixture trained on synthetic signals by scripts/make_test_models.py) reads each
--     region's last 24 days of demand, scaled to its peak, and predicts the next day's level.
CREATE OR REPLACE MODEL shop.forecaster
  OPTIONS (model_type = 'ONNX', model_path = 'tests/data/ml/lstm_forecaster.onnx');
SELECT * FROM ML.FEATURE_INFO(MODEL shop.forecaster);
WITH daily AS (
  SELECT region, day, SUM(quantity) AS units FROM shop.sales GROUP BY region, day
), scaled AS (
  SELECT region, day, units / MAX(units) OVER (PARTITION BY region) AS level FROM daily
)
SELECT region, ROUND(forecast, 3) AS next_day_level
FROM ML.PREDICT(MODEL shop.forecaster,
  (SELECT region, ARRAY_REVERSE(ARRAY_AGG(level ORDER BY day DESC LIMIT 24)) AS readings
   FROM scaled GROUP BY region HAVING COUNT(*) >= 24))
ORDER BY region;

-- 12. Anomaly detection: a convolutional autoencoder (a Conv1d encoder and a ConvTranspose1d
--     decoder, a test fixture trained on normal 3-channel vibration windows) reconstructs each
--     roaster's last 64 readings; the reconstruction error, computed in SQL, is the anomaly
--     score. Roaster 4 has a burst of vibration on its second axis.
CREATE OR REPLACE MODEL shop.vibration_autoencoder
  OPTIONS (model_type = 'ONNX', model_path = 'tests/data/ml/sensor_autoencoder.onnx');
CREATE TABLE shop.roaster_vibration AS
SELECT roaster,
       ARRAY(SELECT SIN(0.2 * MOD(i, 64) + DIV(i, 64) + roaster) * 0.8
                    + IF(roaster = 4 AND DIV(i, 64) = 1 AND MOD(i, 64) BETWEEN 20 AND 23, 3, 0)
             FROM UNNEST(GENERATE_ARRAY(0, 191)) AS i ORDER BY i) AS readings
FROM UNNEST(GENERATE_ARRAY(1, 6)) AS roaster;
SELECT roaster, ROUND(error, 5) AS reconstruction_error,
       error > 5 * MIN(error) OVER () AS anomalous
FROM (SELECT roaster, (SELECT AVG(POW(x - reconstruction[OFFSET(o)], 2))
                       FROM UNNEST(readings) AS x WITH OFFSET o) AS error
      FROM ML.PREDICT(MODEL shop.vibration_autoencoder, TABLE shop.roaster_vibration))
ORDER BY roaster;
