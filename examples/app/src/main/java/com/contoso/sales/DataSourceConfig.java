package com.contoso.sales;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import javax.sql.DataSource;

public final class DataSourceConfig {
    private DataSourceConfig() {}

    /** The reporting job connects directly, bypassing Spring. */
    public static DataSource reportingDataSource() {
        SQLServerDataSource ds = new SQLServerDataSource();
        ds.setURL("jdbc:sqlserver://sqlnode1.contoso.com:1433;"
                + "databaseName=Sales;"
                + "encrypt=false;"
                + "loginTimeout=30");
        ds.setUser("reporting");
        ds.setPassword(System.getenv("REPORTING_DB_PASSWORD"));
        ds.setTrustServerCertificate(true);
        return ds;
    }
}
