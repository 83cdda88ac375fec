package org.gongjian.health;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

@Controller("/api/health")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Health")
class HealthController {

    private final DataSource dataSource;

    HealthController(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Whether the server and its database work",
            description = "200 when both are up, 503 otherwise.")
    HttpResponse<Health> health() {
        boolean databaseUp = databaseUp();
        Health health = new Health(databaseUp ? "UP" : "DOWN", databaseUp ? "UP" : "DOWN");
        return HttpResponse.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(health);
    }

    private boolean databaseUp() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            return s.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Serdeable
    record Health(String status, String database) {}
}
