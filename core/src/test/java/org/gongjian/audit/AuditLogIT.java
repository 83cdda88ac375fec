package org.gongjian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.junit.jupiter.api.Test;

/** The chain detects every kind of tampering a database user could do. */
@MicronautTest(transactional = false)
class AuditLogIT {

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    @Test
    void the_chain_verifies_after_concurrent_appends_and_detects_a_changed_row() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> appended = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                appended.add(pool.submit(() ->
                        audit.append(Caller.system(), "TEST_EVENT", "test", (long) n, null, "/1/", "event " + n)));
            }
            for (Future<Long> f : appended) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        ChainCheck before = audit.verify();
        assertThat(before.intact()).as(String.valueOf(before.problem())).isTrue();
        assertThat(before.rowsChecked()).isGreaterThanOrEqualTo(80);

        long victim = before.rowsChecked() / 2;
        sql("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = " + victim);
        ChainCheck after = audit.verify();
        assertThat(after.intact()).isFalse();
        assertThat(after.firstBadSeq()).isEqualTo(victim);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
