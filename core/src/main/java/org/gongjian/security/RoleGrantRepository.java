package org.gongjian.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface RoleGrantRepository extends CrudRepository<RoleGrant, Long> {

    List<RoleGrant> findByUserId(long userId);
}
