-- TPC-H Q13: /work/shared/testdata/tpch/queries/q13.sql with tables qualified as tpch.<table>; the derived-column alias list moved into the subquery (GoogleSQL has none).
SELECT
    c_count,
    count(*) AS custdist
FROM (
    SELECT
        c_custkey,
        count(o_orderkey) AS c_count
    FROM
        tpch.customer
    LEFT OUTER JOIN tpch.orders ON c_custkey = o_custkey
    AND o_comment NOT LIKE '%special%requests%'
GROUP BY
    c_custkey) AS c_orders
GROUP BY
    c_count
ORDER BY
    custdist DESC,
    c_count DESC;
