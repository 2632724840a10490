-- TPC-H Q4: /work/shared/testdata/tpch/queries/q04.sql with tables qualified as tpch.<table>.
SELECT
    o_orderpriority,
    count(*) AS order_count
FROM
    tpch.orders
WHERE
    o_orderdate >= CAST('1993-07-01' AS date)
    AND o_orderdate < CAST('1993-10-01' AS date)
    AND EXISTS (
        SELECT
            *
        FROM
            tpch.lineitem
        WHERE
            l_orderkey = o_orderkey
            AND l_commitdate < l_receiptdate)
GROUP BY
    o_orderpriority
ORDER BY
    o_orderpriority;
