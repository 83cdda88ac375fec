package org.gongjian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.junit.jupiter.api.Test;

/** Its own application context, hence its own database and an untouched chain. */
@MicronautTest(transactional = false)
class AuditLogDeletionIT {

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    @Test
    void a_removed_tail_and_a_deleted_row_in_the_middle_are_detected() throws Exception {
        for (int i = 0; i < 6; i++) {
            audit.append(Caller.system(), "TEST_EVENT", null, null, null, null, "event " + i);
        }
        ChainCheck intact = audit.verify();
        assertThat(intact.intact()).isTrue();
        long last = intact.rowsChecked();

        sql("DELETE FROM audit_log WHERE seq = " + last);
        ChainCheck tail = audit.verify();
        assertThat(tail.intact()).isFalse();
        assertThat(tail.problem()).contains("removed");

        sql("DELETE FROM audit_log WHERE seq = " + (last - 2));
        ChainCheck gap = audit.verify();
        assertThat(gap.intact()).isFalse();
        assertThat(gap.firstBadSeq()).isEqualTo(last - 1);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
