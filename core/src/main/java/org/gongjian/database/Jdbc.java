package org.gongjian.database;

import io.micronaut.core.annotation.Nullable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Small JDBC helpers for nullable BIGINT columns, shared by the features that use plain JDBC. */
public final class Jdbc {

    private Jdbc() {}

    /** Binds a nullable long: SQL NULL when {@code value} is null. */
    public static void setLong(PreparedStatement s, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    /** Reads a nullable BIGINT column. */
    public static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
