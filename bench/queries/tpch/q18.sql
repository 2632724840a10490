-- TPC-H Q18: /work/shared/testdata/tpch/queries/q18.sql with tables qualified as tpch.<table>.
SELECT
    c_name,
    c_custkey,
    o_orderkey,
    o_orderdate,
    o_totalprice,
    sum(l_quantity)
FROM
    tpch.customer,
    tpch.orders,
    tpch.lineitem
WHERE
    o_orderkey IN (
        SELECT
            l_orderkey
        FROM
            tpch.lineitem
        GROUP BY
            l_orderkey
        HAVING
            sum(l_quantity) > 300)
    AND c_custkey = o_custkey
    AND o_orderkey = l_orderkey
GROUP BY
    c_name,
    c_custkey,
    o_orderkey,
    o_orderdate,
    o_totalprice
ORDER BY
    o_totalprice DESC,
    o_orderdate
LIMIT 100;
