package org.gongjian.organizations;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface OrganizationRepository extends CrudRepository<Organization, Long> {

    long countByArchivedAtIsNull();

    List<Organization> findByIdIn(Collection<Long> ids);

    /** The top-level organizations that are not archived. */
    List<Organization> findByParentIdIsNullAndArchivedAtIsNull();
}
