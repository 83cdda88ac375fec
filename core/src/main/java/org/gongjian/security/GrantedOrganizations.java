package org.gongjian.security;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Grant;

/**
 * The grants of a caller described with their organizations' names and kinds, for {@code GET
 * /api/me}. Reads the organization table directly: the organizations package depends on this one
 * (for {@link Callers}), so this one must not depend on it.
 */
@Singleton
class GrantedOrganizations {

    private final DataSource dataSource;

    GrantedOrganizations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The caller's grants, platform-wide first, then by path. */
    @Transactional(readOnly = true)
    List<MeController.MyGrant> of(Caller caller) {
        List<Long> ids = caller.grants().stream()
                .map(Grant::organizationId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, String[]> organizations = new HashMap<>();
        if (!ids.isEmpty()) {
            String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
            try {
                Connection c = dataSource.getConnection();
                try (PreparedStatement s =
                        c.prepareStatement("SELECT id, name, kind FROM organization WHERE id IN (" + marks + ")")) {
                    for (int i = 0; i < ids.size(); i++) {
                        s.setLong(i + 1, ids.get(i));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            organizations.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the organizations of user " + caller.userId(), e);
            }
        }
        return caller.grants().stream()
                .map(g -> {
                    String[] org = g.organizationId() == null ? null : organizations.get(g.organizationId());
                    return new MeController.MyGrant(
                            g.role().name(),
                            g.organizationId(),
                            org == null ? null : org[0],
                            org == null ? null : org[1],
                            g.orgPath());
                })
                .distinct()
                .sorted(Comparator.comparing((MeController.MyGrant g) -> g.path() == null ? "" : g.path())
                        .thenComparing(MeController.MyGrant::role))
                .toList();
    }
}
