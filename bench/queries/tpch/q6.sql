-- TPC-H Q6 (forecasting revenue change), validation parameters DATE = 1994-01-01,
-- DISCOUNT = 0.06, QUANTITY = 24. The discount bounds are written as 0.05 and 0.07, not
-- 0.06 - 0.01 and 0.06 + 0.01: in FLOAT64 0.06 + 0.01 is 0.06999999999999999, which would
-- exclude l_discount = 0.07 and change the answer.
SELECT
    sum(l_extendedprice * l_discount) AS revenue
FROM
    tpch.lineitem
WHERE
    l_shipdate >= DATE '1994-01-01'
    AND l_shipdate < DATE_ADD(DATE '1994-01-01', INTERVAL 1 YEAR)
    AND l_discount BETWEEN 0.05 AND 0.07
    AND l_quantity < 24;
