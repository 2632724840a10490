-- TPC-H Q22: /work/shared/testdata/tpch/queries/q22.sql with tables qualified as tpch.<table>;
-- substring(c_phone FROM 1 FOR 2) becomes SUBSTR(c_phone, 1, 2).
SELECT
    cntrycode,
    count(*) AS numcust,
    sum(c_acctbal) AS totacctbal
FROM (
    SELECT
        SUBSTR(c_phone, 1, 2) AS cntrycode,
        c_acctbal
    FROM
        tpch.customer
    WHERE
        SUBSTR(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17')
        AND c_acctbal > (
            SELECT
                avg(c_acctbal)
            FROM
                tpch.customer
            WHERE
                c_acctbal > 0.00
                AND SUBSTR(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17'))
            AND NOT EXISTS (
                SELECT
                    *
                FROM
                    tpch.orders
                WHERE
                    o_custkey = c_custkey)) AS custsale
GROUP BY
    cntrycode
ORDER BY
    cntrycode;
